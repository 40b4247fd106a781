/**
 * Fixtures of the sync bench: a hub process on either storage, enrolled terminal identities, a register pre-filled
 * with queued entries, synthetic upload batches, and the peers (a bare JSON echo over loopback HTTP, bare inserts
 * into a plain table of the same storage).
 */
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type pg from 'pg';
import type { UploadedEntry } from '../../core/contract/hub-protocol.js';
import { systemClock } from '../../main/platform/clock.js';
import { EntryRegister } from '../../main/storage/entry-register.js';
import { openDatabase } from '../../main/storage/open-database.js';
import { uuidv7 } from '../../main/platform/uuidv7.js';
import { enrolWithHub } from '../../main/sync/enrolment-client.js';
import type { TerminalIdentity } from '../../main/sync/hub-identity.js';
import { freePort, killHard, spawnHub, writeHubProcessConfig, type HubProcess } from '../../test/support/hub-process.js';
import { tempDir } from '../../test/support/paths.js';
import { onServer } from '../../test/support/worker-database.js';
import { benchPostgresSchema } from './bench-postgres.js';

export type Storage = 'sqlite' | 'postgres';
export const PG_URL = process.env.GATE_HUB_PG_URL;

export interface BenchHub {
  readonly url: string;
  readonly adminToken: string;
  stats(): Promise<{ total: number; distinctKeys: number }>;
  token(): Promise<string>;
  stop(): Promise<void>;
}

export async function startBenchHub(storage: Storage): Promise<BenchHub> {
  const dir = tempDir(`bench-hub-${storage}`);
  const pgSchema = storage === 'postgres' ? benchPostgresSchema('sync', 'bench') : undefined;
  const config = writeHubProcessConfig(dir, await freePort(), pgSchema && { kind: 'postgres', url: pgSchema.url, schema: pgSchema.schema, poolSize: 10 });
  const hub: HubProcess = await spawnHub(config);
  const adminToken = readFileSync(join(dir, 'admin-token'), 'utf8').trim();
  const admin = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${hub.url}/admin${path}`, {
      method,
      headers: { authorization: `Bearer ${adminToken}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return (await response.json()) as T;
  };
  return {
    url: hub.url,
    adminToken,
    stats: () => admin('GET', '/stats'),
    token: async () => (await admin<{ token: string }>('POST', '/enrolment-tokens', { checkpointId: 'cp-test' })).token,
    async stop() {
      await killHard(hub.child, hub.exited);
      await pgSchema?.drop();
    },
  };
}

export function withPg<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  if (!PG_URL) throw new Error('set GATE_HUB_PG_URL=postgres://postgres@127.0.0.1:5432/test');
  return onServer(PG_URL, work);
}

export async function enrolIdentity(hub: BenchHub, name: string, dataDir = tempDir('bench-terminal')): Promise<TerminalIdentity> {
  return enrolWithHub({ hubUrl: hub.url, token: await hub.token(), dataDir, localTerminalId: name, checkpointId: 'cp-test', firstSeq: 1, clock: systemClock() });
}

/** Commits `count` entries to the terminal's register in one transaction (the register as a long offline spell leaves it). */
export function fillRegister(dataDir: string, terminalId: string, count: number): void {
  const db = openDatabase(join(dataDir, 'register.sqlite'));
  const register = new EntryRegister(db, { terminalId, checkpointId: 'cp-test' }, (t) => uuidv7(t));
  const start = Date.now() - count;
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      register.commit({
        decision: {
          outcome: i % 10 === 9 ? 'deny' : 'admit',
          reasons: [i % 10 === 9 ? 'TOKEN_EXPIRED' : 'DECLARATION_VALID'],
          credential: { kind: 'declaration', id: randomBytes(8).toString('hex') },
          person: { displayName: `Nguyễn Văn ${i}` },
          direction: i % 2 ? 'out' : 'in',
          decidedAt: start + i,
        },
        scanSource: 'simulated',
        subjectHmac: randomBytes(32).toString('hex'),
        monoTime: i * 1000,
        bootId: 'bench-boot',
      });
    }
  })();
  db.close();
}

/** Upload batches shaped like the outbox's (same fields and sizes), for the peers and the ingestion runs. */
export function syntheticEntries(terminalId: string, fromSeq: number, count: number): UploadedEntry[] {
  const now = Date.now();
  return Array.from({ length: count }, (_, i) => ({
    id: uuidv7(now + i),
    terminalId,
    seq: fromSeq + i,
    checkpointId: 'cp-test',
    direction: i % 2 ? 'out' : 'in',
    outcome: 'admit',
    reasons: ['DECLARATION_VALID'],
    credentialKind: 'declaration',
    credentialId: randomBytes(8).toString('hex'),
    subjectHmac: randomBytes(32).toString('hex'),
    displayName: `Nguyễn Văn ${fromSeq + i}`,
    scanSource: 'simulated',
    wallTime: now + i,
    monoTime: i * 1000,
    bootId: 'bench-boot',
    eventTime: now + i,
    timeSource: 'wall',
    overrideOf: null,
  }));
}

/** Peer of the drain: a node:http server that reads and parses each JSON body and answers a small JSON. */
export async function startEchoServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { entries: unknown[] };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ received: body.entries.length }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const PLAIN_COLUMNS = 'terminal_id, seq, entry_id, checkpoint_id, direction, outcome, reasons, credential_kind, credential_id, subject_hmac, display_name, scan_source, wall_time, mono_time, boot_id, event_time';

/** Peer of SQLite ingestion: bare prepared INSERTs of the same rows, one transaction per batch, WAL + FULL. */
export function sqliteInsertPeer(path: string): { insertBatch(rows: readonly UploadedEntry[]): void; close(): void } {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE plain (${PLAIN_COLUMNS})`);
  const insert = db.prepare(`INSERT INTO plain VALUES (${PLAIN_COLUMNS.split(',').map(() => '?').join(', ')})`);
  const batch = db.transaction((rows: readonly UploadedEntry[]) => {
    for (const e of rows) {
      insert.run(e.terminalId, e.seq, e.id, e.checkpointId, e.direction, e.outcome, e.reasons.join(' '), e.credentialKind, e.credentialId, e.subjectHmac, e.displayName, e.scanSource, e.wallTime, e.monoTime, e.bootId, e.eventTime);
    }
  });
  return { insertBatch: (rows) => batch(rows), close: () => db.close() };
}

/** Peer of PostgreSQL ingestion: one unnest INSERT per batch into a plain table (no keys, no partitions). */
export async function pgInsertBatch(client: pg.Client, table: string, rows: readonly UploadedEntry[]): Promise<void> {
  const col = <T>(f: (e: UploadedEntry) => T) => rows.map(f);
  await client.query(
    `INSERT INTO ${table} SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::bigint[], $14::bigint[], $15::text[], $16::bigint[])`,
    [col((e) => e.terminalId), col((e) => e.seq), col((e) => e.id), col((e) => e.checkpointId), col((e) => e.direction), col((e) => e.outcome), col((e) => e.reasons.join(' ')),
      col((e) => e.credentialKind), col((e) => e.credentialId), col((e) => e.subjectHmac), col((e) => e.displayName), col((e) => e.scanSource), col((e) => e.wallTime),
      col((e) => e.monoTime), col((e) => e.bootId), col((e) => e.eventTime)],
  );
}

export const PG_PLAIN_TABLE_SQL = (table: string) =>
  `CREATE TABLE ${table} (terminal_id text, seq bigint, entry_id text, checkpoint_id text, direction text, outcome text, reasons text, credential_kind text, credential_id text, subject_hmac text, display_name text, scan_source text, wall_time bigint, mono_time bigint, boot_id text, event_time bigint)`;
