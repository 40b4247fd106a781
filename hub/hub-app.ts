/**
 * The hub's composition root: store (SQLite or PostgreSQL, migrated), keys, the buildings and checkpoints of the
 * config, the HTTP server, and the retention job. `gate-terminal hub` and the tests start it through here.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { HubConfig } from './config/hub-config.js';
import { join } from 'node:path';
import { HUB_KEY_SET_FILES } from './crypto/hub-key-set.js';
import { ADMIN_TOKEN_FILE, loadOrCreateHubKeys, type HubKeys } from './crypto/hub-keys.js';
import { checkSecretFilePermissions, checkSharedSigningKey } from './crypto/key-custody.js';
import { COOKIE_SECRET_FILE } from './admin-web/admin-sessions.js';
import { DECLARATION_ISSUER_KEY_FILE, DECLARATION_SUBJECT_KEY_FILE } from './declare/declaration-keys.js';
import { lockSqliteForHub } from './storage/sqlite/sqlite-process-lock.js';
import { createHubLogger, type HubLogger } from './hub-logger.js';
import { createHubHttp } from './http/hub-http.js';
import { appVersionPinFor } from './config/app-version-pins.js';
import { TerminalVersions } from './service/terminal-versions.js';
import { BundleService } from './service/bundle-service.js';
import { seedDccValueSets } from './service/dcc-value-set-import.js';
import { createDeclarationPage } from './declare/create-declaration-page.js';
import { legacyDeclarationSubjectKey } from './declare/declaration-keys.js';
import type { HubStore, PurgeReport } from './storage/hub-store.js';
import { PostgresHubStore } from './storage/postgres/postgres-hub-store.js';
import { SqliteHubStore } from './storage/sqlite/sqlite-hub-store.js';

export interface RunningHub {
  readonly url: string;
  readonly config: HubConfig;
  readonly store: HubStore;
  readonly keys: HubKeys;
  readonly http: FastifyInstance;
  /** The app version each terminal last reported, against its pin. */
  readonly terminalVersions: TerminalVersions;
  close(): Promise<void>;
}

export interface HubOptions {
  readonly logger?: HubLogger;
  /** The hub's clock (tests move it). */
  readonly now?: () => number;
  /** An already opened store (tests share one between hub restarts). */
  readonly store?: HubStore;
}

export const DAY_MS = 86_400_000;

/** Picks the hub store from config: SQLite (embedded default) or PostgreSQL. */
export function openHubStore(storage: HubConfig['storage']): HubStore {
  if (storage.kind === 'sqlite') return new SqliteHubStore(storage.path);
  return new PostgresHubStore({ url: storage.url!, poolSize: storage.poolSize, ...(storage.schema ? { schema: storage.schema } : {}) });
}

/**
 * Retention on the hub: entries older than the configured period (default 28 days) are purged, with expired nonces,
 * enrolment tokens and declarations. Every purge is logged (log line + purge_log table).
 */
export async function runHubRetention(store: HubStore, options: { now: number; retentionDays: number; logger: HubLogger }): Promise<PurgeReport> {
  const cutoff = options.now - options.retentionDays * DAY_MS;
  const report = await store.purge(cutoff, options.now);
  await store.coordination.purge(options.now, DAY_MS);
  options.logger.info('retention-purge', { cutoff, retentionDays: options.retentionDays, ...report });
  return report;
}

/** Runs retention at start and hourly; returns the stop function. */
export function startHubRetention(store: HubStore, options: { retentionDays: number; logger: HubLogger; now: () => number; intervalMs?: number }): () => void {
  const run = () =>
    void runHubRetention(store, { now: options.now(), retentionDays: options.retentionDays, logger: options.logger }).catch((error: unknown) =>
      options.logger.error('retention-purge-failed', { error }),
    );
  run();
  const timer = setInterval(run, options.intervalMs ?? 3_600_000);
  timer.unref();
  return () => clearInterval(timer);
}

const LISTEN_BACKLOG = 8192;

/** Buildings written at once at start: each is a few single-row statements, so a config of thousands of checkpoints
 * is bound by round trips and commits, not by work (bench hub10k: 5,024 checkpoints took 99 s one by one). */
const SITE_WRITERS = 8;

/** Creates or updates the buildings and checkpoints the config lists (a new building gets a new subject key). */
export async function applyConfiguredSites(store: HubStore, config: HubConfig): Promise<void> {
  for (const o of config.organisations) await store.registry.upsertOrganisation({ organisationId: o.id, name: o.name, area: o.area ?? null });
  const applyBuilding = async (building: HubConfig['buildings'][number]) => {
    await store.buildings.upsertBuilding({ buildingId: building.id, name: building.name }, randomBytes(32));
    if (!(await store.registry.placeBuilding(building.id, { organisationId: building.organisation ?? null, address: building.address }))) {
      throw new Error(`hub config: building "${building.id}" names organisation "${building.organisation}", which is not listed under organisations`);
    }
    for (const cp of building.checkpoints) {
      await store.buildings.upsertCheckpoint({ checkpointId: cp.id, buildingId: building.id, name: cp.name, policy: cp.policy });
      await store.registry.describeCheckpoint(cp.id, { kind: cp.kind, address: cp.address, directions: cp.directions });
    }
  };
  // A few buildings at a time (independent rows; the PostgreSQL pool serves them in parallel); the first error stops
  // the writers from taking another building, and is thrown once all have stopped.
  let next = 0;
  let failure: unknown;
  const writer = async () => {
    while (failure === undefined && next < config.buildings.length) {
      await applyBuilding(config.buildings[next++]!).catch((error: unknown) => (failure ??= error));
    }
  };
  await Promise.all(Array.from({ length: SITE_WRITERS }, writer));
  if (failure !== undefined) throw failure;
}

export async function openMigratedStore(config: HubConfig): Promise<HubStore> {
  const store = openHubStore(config.storage);
  try {
    await store.migrate();
    await applyConfiguredSites(store, config);
    return store;
  } catch (error) {
    await store.close();
    throw error;
  }
}

/** The secret files of the data dir, checked for permissions at start (hub/crypto/key-custody.ts). */
function secretFilesOf(config: HubConfig): string[] {
  const files = [...HUB_KEY_SET_FILES, ADMIN_TOKEN_FILE, COOKIE_SECRET_FILE, DECLARATION_ISSUER_KEY_FILE, DECLARATION_SUBJECT_KEY_FILE].map((f) => join(config.dataDir, f));
  return config.declarationPage.issuerKeyPath ? [...files, config.declarationPage.issuerKeyPath] : files;
}

export async function startHub(config: HubConfig, options: HubOptions = {}): Promise<RunningHub> {
  const logger = options.logger ?? createHubLogger();
  const now = options.now ?? (() => Date.now());
  // SQLite serves one hub process: a second one on the same file stops here (hub/storage/sqlite/sqlite-process-lock.ts).
  const unlock = config.storage.kind === 'sqlite' && !options.store ? lockSqliteForHub(config.storage.path) : () => undefined;
  try {
    return await startLockedHub(config, options, logger, now, unlock);
  } catch (error) {
    unlock();
    throw error;
  }
}

async function startLockedHub(config: HubConfig, options: HubOptions, logger: HubLogger, now: () => number, unlock: () => void): Promise<RunningHub> {
  checkSecretFilePermissions(secretFilesOf(config));
  const store = options.store ?? (await openMigratedStore(config));
  const keys = loadOrCreateHubKeys(config.dataDir);
  // Replicas share one data dir's keys (docs/scaling.md § Keys): a replica whose signing keys share none with the
  // recorded set refuses to start.
  await checkSharedSigningKey(store.secrets, keys.keySet, now()).catch(async (error: unknown) => {
    if (!options.store) await store.close();
    throw error;
  });
  // The deployment's identity key (docs/identity-qr.md § One subject identity): the stored one, or the data dir's
  // declaration subject key of a hub from before issue 15, or a new random one — whichever the store holds first.
  const identityKey = await store.secrets.ensureIdentityKey(legacyDeclarationSubjectKey(config.dataDir) ?? randomBytes(32), now());
  // The EU DCC value sets every bundle carries: the vendored release, when the store holds none yet (first start).
  await seedDccValueSets(store, logger, now());
  const pinFor = (t: Parameters<typeof appVersionPinFor>[1]) => appVersionPinFor(config, t);
  const terminalVersions = new TerminalVersions(logger, pinFor, store.coordination);
  const declarations = await createDeclarationPage(store, config, logger, now, identityKey);
  const bundles = new BundleService(store, keys, pinFor, declarations?.bundleExtras ?? {});
  const http = createHubHttp({ store, keys, config, logger, now, bundles, terminalVersions, ...(declarations ? { declarationPage: declarations.page } : {}) });
  // A deep accept queue: after a restart every terminal reconnects at once, and with Node's default of 511 pending
  // connections the kernel dropped their SYNs (bench hub10k: 10,000 terminals on a busy machine; the kernel caps it at
  // net.core.somaxconn).
  await http.listen({ host: config.listen.host, port: config.listen.port, backlog: LISTEN_BACKLOG });
  const { address, port } = http.server.address() as AddressInfo;
  const url = `${config.https ? 'https' : 'http'}://${address.includes(':') ? `[${address}]` : address}:${port}`;
  const stopRetention = startHubRetention(store, { retentionDays: config.retentionDays, logger, now });
  logger.info('hub-started', { url, storage: store.kind, buildings: config.buildings.length });
  let closed = false;
  return {
    url,
    config,
    store,
    keys,
    http,
    terminalVersions,
    async close() {
      if (closed) return;
      closed = true;
      stopRetention();
      await declarations?.close();
      await http.close();
      await terminalVersions.flush();
      if (!options.store) await store.close();
      unlock();
    },
  };
}
