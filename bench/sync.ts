/**
 * Sync bench (`npm run bench -- sync`). (1) Drain: a terminal register holding 100,000 queued entries (a long
 * offline spell) is emptied into a hub process over loopback by the real sync worker (signed batches of 500,
 * acknowledged by contiguous seq), on SQLite and — with GATE_HUB_PG_URL — PostgreSQL. (2) Ingestion: 8 enrolled
 * terminals upload signed 500-entry batches concurrently; entries/s the hub stores. Peers in the same run: the same
 * batches POSTed to a bare node:http JSON echo (drain), and bare INSERTs of the same rows into a plain table of the
 * same storage (ingestion).
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { NO_DECLARATIONS, NO_PASSAGES, NO_REVOCATIONS, trustStoreOf } from '../core/index.js';
import { policyOf } from '../main/composition/create-gate-app.js';
import { loadConfig } from '../main/config/load-config.js';
import { createNodeCryptoPort } from '../main/crypto/node-crypto-port.js';
import { systemClock } from '../main/platform/clock.js';
import { silentLogger } from '../main/platform/logger.js';
import { openDatabase } from '../main/storage/open-database.js';
import { createHubSync } from '../main/sync/create-hub-sync.js';
import { HubClient } from '../main/sync/hub-client.js';
import { HubClock } from '../main/sync/hub-clock.js';
import { privateKeyFromPem } from '../main/sync/sync-crypto.js';
import { writeHubTerminalConfig } from '../test/support/hub-terminal.js';
import { tempDir } from '../test/support/paths.js';
import { fmtRate, fmtRatio, type BenchResult } from './lib/bench.js';
import {
  enrolIdentity,
  fillRegister,
  PG_PLAIN_TABLE_SQL,
  PG_URL,
  pgInsertBatch,
  sqliteInsertPeer,
  startBenchHub,
  startEchoServer,
  syntheticEntries,
  withPg,
  type Storage,
} from './lib/sync-fixtures.js';

const QUEUED = 100_000;
const BATCH = 500;
const TERMINALS = 8;
const BATCHES_PER_TERMINAL = 25;
const GOAL_DRAIN_S = 60;
const GOAL_PG_RATE = 10_000;

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function drain(storage: Storage): Promise<{ ms: number; held: number }> {
  const hub = await startBenchHub(storage);
  try {
    const dir = tempDir('bench-drain');
    const config = loadConfig(writeHubTerminalConfig(dir, hub.url, { terminalId: 'gate-bench', hub: { batchSize: BATCH, flushDelayMs: 60_000 } }));
    fillRegister(dir, config.terminal.id, QUEUED);
    await enrolIdentity(hub, config.terminal.id, dir);
    const db = openDatabase(join(dir, 'register.sqlite'));
    const sync = createHubSync({ ...config, hub: config.hub! }, {
      db,
      policy: policyOf(config),
      crypto: createNodeCryptoPort(randomBytes(32)),
      trust: trustStoreOf([]),
      declarations: NO_DECLARATIONS,
      revocations: NO_REVOCATIONS,
      passages: NO_PASSAGES,
      clock: systemClock(),
      logger: silentLogger,
    });
    const started = performance.now();
    await sync.worker.syncNow();
    const ms = performance.now() - started;
    const status = sync.worker.status();
    await sync.close();
    db.close();
    if (status.queued !== 0) throw new Error(`drain left ${status.queued} queued (${status.lastError?.code})`);
    return { ms, held: (await hub.stats()).total };
  } finally {
    await hub.stop();
  }
}

/** The same 200 batches of 500, POSTed one after the other to a bare JSON echo over loopback. */
async function drainPeer(): Promise<number> {
  const echo = await startEchoServer();
  try {
    const started = performance.now();
    for (let seq = 1; seq <= QUEUED; seq += BATCH) {
      const body = JSON.stringify({ terminalId: 'peer', entries: syntheticEntries('peer', seq, BATCH) });
      await (await fetch(echo.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).json();
    }
    return performance.now() - started;
  } finally {
    await echo.close();
  }
}

async function ingest(storage: Storage): Promise<{ rate: number; total: number }> {
  const hub = await startBenchHub(storage);
  try {
    const clients = await Promise.all(
      Array.from({ length: TERMINALS }, async (_, i) => {
        const identity = await enrolIdentity(hub, `gate-ingest-${i}`);
        const client = new HubClient({ baseUrl: hub.url, clock: new HubClock(systemClock()), timeoutMs: 60_000, identity: { keyId: identity.keyId, signingKey: privateKeyFromPem(identity.signingPrivateKeyPem) } });
        return { identity, client, batches: Array.from({ length: BATCHES_PER_TERMINAL }, (_, b) => syntheticEntries(identity.terminalId, 1 + b * BATCH, BATCH)) };
      }),
    );
    const started = performance.now();
    await Promise.all(clients.map(async ({ identity, client, batches }) => {
      for (const entries of batches) await client.uploadEntries({ terminalId: identity.terminalId, entries });
    }));
    const ms = performance.now() - started;
    const { total, distinctKeys } = await hub.stats();
    if (total !== TERMINALS * BATCHES_PER_TERMINAL * BATCH || distinctKeys !== total) throw new Error(`ingestion stored ${total} (${distinctKeys} distinct)`);
    return { rate: (total / ms) * 1000, total };
  } finally {
    await hub.stop();
  }
}

async function ingestPeer(storage: Storage): Promise<number> {
  const total = TERMINALS * BATCHES_PER_TERMINAL * BATCH;
  const batches = Array.from({ length: TERMINALS * BATCHES_PER_TERMINAL }, (_, b) => syntheticEntries(`peer-${b % TERMINALS}`, 1 + b * BATCH, BATCH));
  if (storage === 'sqlite') {
    const peer = sqliteInsertPeer(join(tempDir('bench-peer'), 'peer.sqlite'));
    const started = performance.now();
    for (const rows of batches) peer.insertBatch(rows);
    const ms = performance.now() - started;
    peer.close();
    return (total / ms) * 1000;
  }
  const table = `bench_plain_${randomBytes(4).toString('hex')}`;
  await withPg((c) => c.query(PG_PLAIN_TABLE_SQL(table)));
  try {
    const started = performance.now();
    await Promise.all(
      Array.from({ length: TERMINALS }, (_, t) =>
        withPg(async (client) => {
          for (let b = t; b < batches.length; b += TERMINALS) await pgInsertBatch(client, table, batches[b]!);
        }),
      ),
    );
    return (total / (performance.now() - started)) * 1000;
  } finally {
    await withPg((c) => c.query(`DROP TABLE ${table}`));
  }
}

export async function run(): Promise<BenchResult> {
  const storages: Storage[] = PG_URL ? ['sqlite', 'postgres'] : ['sqlite'];
  const drains = new Map<Storage, { ms: number; held: number }>();
  const rates = new Map<Storage, { ours: number; peer: number }>();
  const peerDrainMs = await drainPeer();
  for (const storage of storages) {
    drains.set(storage, await drain(storage));
    const ours = (await ingest(storage)).rate;
    rates.set(storage, { ours, peer: await ingestPeer(storage) });
  }
  const sqliteDrain = drains.get('sqlite')!;
  const pg = rates.get('postgres');
  return {
    title: 'offline sync: drain 100,000 queued entries, hub ingestion on SQLite and PostgreSQL',
    method:
      `Hub = the real \`gate-terminal hub\` process on loopback (SQLite: WAL + synchronous=FULL; PostgreSQL 15 at GATE_HUB_PG_URL, entries partitioned by day). ` +
      `**Drain**: a terminal register pre-filled with ${QUEUED.toLocaleString('en-US')} undelivered entries; the real sync worker (createHubSync, one syncNow) uploads ` +
      `signed batches of ${BATCH}, waits for each acknowledgement (contiguous seq) and marks the rows delivered; timed until the outbox is empty and checked against the hub's count. ` +
      `**Ingestion**: ${TERMINALS} enrolled terminals upload ${BATCHES_PER_TERMINAL} signed batches of ${BATCH} fresh entries each, concurrently (${(TERMINALS * BATCHES_PER_TERMINAL * BATCH).toLocaleString('en-US')} entries); ` +
      'entries stored per second of wall time, checked for no duplicate.',
    peer: {
      name: 'bare loopback HTTP and bare INSERTs',
      method:
        `Drain peer: the same number of ${BATCH}-entry JSON batches POSTed one after the other to a node:http server that only parses the body and answers (no signature, no database). ` +
        `Ingestion peer: the same rows inserted into a plain table without keys of the same storage — SQLite: one prepared-statement transaction per batch (WAL + FULL), one connection; ` +
        `PostgreSQL: one unnest INSERT per batch over ${TERMINALS} connections.`,
    },
    goals: [
      { goal: `drain ${QUEUED.toLocaleString('en-US')} queued entries over loopback ≤ ${GOAL_DRAIN_S} s (SQLite hub)`, measured: seconds(sqliteDrain.ms), met: sqliteDrain.ms <= GOAL_DRAIN_S * 1000 },
      { goal: 'the hub holds exactly the drained entries', measured: `${sqliteDrain.held.toLocaleString('en-US')} of ${QUEUED.toLocaleString('en-US')}`, met: sqliteDrain.held === QUEUED },
      {
        goal: `hub ingestion ≥ ${GOAL_PG_RATE.toLocaleString('en-US')} entries/s on PostgreSQL`,
        measured: pg ? fmtRate(pg.ours) : 'not run: set GATE_HUB_PG_URL',
        met: pg !== undefined && pg.ours >= GOAL_PG_RATE,
      },
    ],
    ratios: [
      { metric: 'drain time (SQLite hub) vs bare JSON POSTs of the same batches', ours: seconds(sqliteDrain.ms), peer: seconds(peerDrainMs), ratio: sqliteDrain.ms / peerDrainMs, better: 'lower' },
      ...storages.map((s) => ({ metric: `ingestion entries/s on ${s} vs bare INSERTs`, ours: fmtRate(rates.get(s)!.ours), peer: fmtRate(rates.get(s)!.peer), ratio: rates.get(s)!.ours / rates.get(s)!.peer, better: 'higher' as const })),
    ],
    tables: [
      {
        title: 'Figures',
        columns: ['storage', `drain ${QUEUED.toLocaleString('en-US')}`, 'drain rate', 'ingestion (8 terminals)', 'bare INSERT peer', 'ours / peer'],
        rows: storages.map((s) => {
          const d = drains.get(s)!;
          const r = rates.get(s)!;
          return [s, seconds(d.ms), fmtRate((QUEUED / d.ms) * 1000), fmtRate(r.ours), fmtRate(r.peer), fmtRatio(r.ours / r.peer)];
        }),
      },
    ],
    notes: [
      `Drain peer (bare JSON POSTs of ${QUEUED.toLocaleString('en-US')} entries): ${seconds(peerDrainMs)}.`,
      'The hub does per batch what the peers do not: Ed25519 signature check, nonce stored (replay protection), JSON-schema validation of every entry, ' +
        'idempotent insert by (terminal, seq) with the contiguous-seq walk, and on PostgreSQL the entry_keys table plus day partitions.',
      ...(PG_URL ? [] : ['PostgreSQL was not measured: set GATE_HUB_PG_URL=postgres://postgres@127.0.0.1:5432/test.']),
    ],
  };
}
