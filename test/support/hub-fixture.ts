/**
 * A real hub for tests, on either storage: SQLite in a temp dir, or PostgreSQL in a fresh schema of the server
 * GATE_HUB_PG_URL names (dropped afterwards). PostgreSQL suites never pass silently: without the variable they are
 * reported as skipped with the reason, and under CI (env CI set) they fail with it.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'vitest';
import type { Database as SqliteDatabase } from 'better-sqlite3';
import type pg from 'pg';
import { validateHubConfig, type HubConfig } from '../../hub/config/hub-config.js';
import { startHub, type RunningHub } from '../../hub/hub-app.js';
import { silentHubLogger, type HubLogger } from '../../hub/hub-logger.js';
import type { NewTerminal } from '../../hub/storage/terminal-directory.js';
import { tempDir } from './paths.js';
import { onServer } from './worker-database.js';

export type HubStorageKind = 'sqlite' | 'postgres';

export const PG_URL = process.env.GATE_HUB_PG_URL;
export const PG_HINT = 'set GATE_HUB_PG_URL=postgres://postgres@127.0.0.1:5432/test (PostgreSQL 15 is on this machine)';

/** Runs `body` once per storage; PostgreSQL only with GATE_HUB_PG_URL (never a silent pass without it). */
export function describeEachStorage(name: string, body: (kind: HubStorageKind) => void): void {
  describe(`${name} [sqlite]`, () => body('sqlite'));
  if (PG_URL) describe(`${name} [postgres]`, () => body('postgres'));
  else if (process.env.CI) it(`${name} [postgres]`, () => assert.fail(`PostgreSQL hub tests cannot run in CI: ${PG_HINT}`));
  else it(`${name} [postgres]`, { skip: Boolean(`PostgreSQL hub tests not run: ${PG_HINT}`) }, () => undefined);
}

export const BUILDING = 'toa-nha-thu';
export const CHECKPOINT = 'cp-test';
export const CHECKPOINT_B = 'cp-test-b';

export interface TestHub extends RunningHub {
  readonly kind: HubStorageKind;
  readonly dataDir: string;
  /** Admin API call; throws on a non-2xx answer unless `expectStatus` says otherwise. */
  admin<T = unknown>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T>;
  /** Stops the hub (if running) and starts it again on the same port, store and data dir. */
  restart(): Promise<TestHub>;
  /** Closes the hub and removes its PostgreSQL schema. */
  dispose(): Promise<void>;
}

export interface TestHubOptions {
  readonly now?: () => number;
  readonly logger?: HubLogger;
  readonly port?: number;
  readonly extra?: Record<string, unknown>;
  /** Policy overrides of both test checkpoints. */
  readonly policy?: Record<string, unknown>;
}

export function testHubConfig(kind: HubStorageKind, dataDir: string, schema: string, options: TestHubOptions = {}): HubConfig {
  return validateHubConfig(`${dataDir}/hub.json`, {
    listen: { host: '127.0.0.1', port: options.port ?? 0 },
    dataDir,
    storage: kind === 'sqlite' ? { kind, path: `${dataDir}/hub.sqlite` } : { kind, url: PG_URL, schema, poolSize: 8 },
    buildings: [
      {
        id: BUILDING,
        name: 'Tòa nhà thử',
        checkpoints: [
          { id: CHECKPOINT, name: 'Cổng thử nghiệm', policy: options.policy ?? {} },
          { id: CHECKPOINT_B, name: 'Cổng phụ B', policy: options.policy ?? {} },
        ],
      },
    ],
    ...options.extra,
  });
}

export async function startTestHub(kind: HubStorageKind, options: TestHubOptions = {}): Promise<TestHub> {
  const dataDir = tempDir('hub');
  const schema = `hubtest_${randomBytes(6).toString('hex')}`;
  const open = async (port: number): Promise<TestHub> => {
    const config = testHubConfig(kind, dataDir, schema, { ...options, port });
    const hub = await startHub(config, { logger: options.logger ?? silentHubLogger, ...(options.now ? { now: options.now } : {}) });
    return {
      ...hub,
      kind,
      dataDir,
      async admin<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
        const response = await fetchRetrying(`${hub.url}/admin${path}`, {
          method,
          headers: { authorization: `Bearer ${hub.keys.adminToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const json = (await response.json()) as T;
        if (!response.ok) throw new Error(`admin ${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
        return json;
      },
      async restart() {
        await hub.close();
        return open(Number(new URL(hub.url).port));
      },
      async dispose() {
        await hub.close();
        if (kind === 'postgres') await dropSchema(schema);
      },
    };
  };
  return open(options.port ?? 0);
}

async function dropSchema(schema: string): Promise<void> {
  await onServer(PG_URL!, (client) => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
}

/** A one-time enrolment token for a checkpoint, through the admin API. */
export async function enrolmentToken(hub: TestHub, checkpointId = CHECKPOINT, ttlMinutes?: number): Promise<string> {
  const created = await hub.admin<{ token: string }>('POST', '/enrolment-tokens', { checkpointId, ...(ttlMinutes ? { ttlMinutes } : {}) });
  return created.token;
}

/**
 * Simulates a hub restored from an older backup: it loses the terminal's entries from `fromSeq` on and its
 * acknowledged position goes back to fromSeq − 1.
 */
export async function loseHubEntries(hub: TestHub, terminalId: string, fromSeq: number): Promise<void> {
  const store = hub.store as unknown as { db?: SqliteDatabase; pool?: pg.Pool };
  if (store.db) {
    store.db.prepare('DELETE FROM entries WHERE terminal_id = ? AND seq >= ?').run(terminalId, fromSeq);
    store.db.prepare('UPDATE terminals SET contiguous_seq = ?, highest_seq = ? WHERE terminal_id = ?').run(fromSeq - 1, fromSeq - 1, terminalId);
    return;
  }
  const pool = store.pool!;
  await pool.query('DELETE FROM entries WHERE terminal_id = $1 AND seq >= $2', [terminalId, fromSeq]);
  await pool.query('DELETE FROM entry_keys WHERE terminal_id = $1 AND seq >= $2', [terminalId, fromSeq]);
  await pool.query('UPDATE terminals SET contiguous_seq = $1, highest_seq = $1 WHERE terminal_id = $2', [fromSeq - 1, terminalId]);
}

/**
 * fetch, retried once when a pooled keep-alive connection turns out to be dead (the hub was restarted on the same
 * port: the first request may land on a socket the old process closed).
 */
async function fetchRetrying(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch {
    return fetch(url, init);
  }
}

/** A terminal as a store-level test enrols it (claimEnrolmentToken), with placeholder keys. */
export const newTerminal = (terminalId: string, firstSeq: number): NewTerminal => ({
  terminalId,
  keyId: `key-${terminalId}`,
  name: terminalId,
  signingPublicKey: Buffer.alloc(32, 1).toString('base64'),
  agreementPublicKey: Buffer.alloc(32, 2).toString('base64'),
  firstSeq,
});
