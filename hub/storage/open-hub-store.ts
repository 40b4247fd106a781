/** Picks the hub store from config: SQLite (embedded default) or PostgreSQL. */
import type { HubConfig } from '../config/hub-config.js';
import type { HubStore } from './hub-store.js';
import { PostgresHubStore } from './postgres/postgres-hub-store.js';
import { SqliteHubStore } from './sqlite/sqlite-hub-store.js';

export function openHubStore(storage: HubConfig['storage']): HubStore {
  if (storage.kind === 'sqlite') return new SqliteHubStore(storage.path);
  return new PostgresHubStore({ url: storage.url!, poolSize: storage.poolSize, ...(storage.schema ? { schema: storage.schema } : {}) });
}
