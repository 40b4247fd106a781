/**
 * Declaration bench (`npm run bench -- declare`): declarations the hub issues per second — form check, result rules,
 * Ed25519-signed KBYT1 token, the person's row and every building's declaration set (group commit) — on
 * SQLite and (with GATE_HUB_PG_URL) PostgreSQL. (1) HTTP: the real hub process, POST /api/declarations from a
 * keep-alive client with 64 in flight. (2) Service: DeclarationService.issue in process (no HTTP, no QR). Peers in
 * the same run: a bare single-row INSERT of the same columns, and signing the token alone.
 */
import { randomBytes } from 'node:crypto';
import type { Database as SqliteDatabase } from 'better-sqlite3';
import { Agent } from 'node:http';
import { join } from 'node:path';
import { encodeDeclarationToken, HOUR_MS } from '../core/index.js';
import { declarationPageSchema } from '../hub/declare/declaration-page-config.js';
import { loadDeclarationKeys } from '../hub/declare/declaration-keys.js';
import { DeclarationService } from '../hub/declare/declaration-service.js';
import { openHubStore } from '../hub/hub-app.js';
import { tempDir } from '../test/support/paths.js';
import { fmtRate, fmtRatio, type BenchResult } from './lib/bench.js';
import { benchForm, BENCH_DECLARATION_PAGE, pool, postJson, startDeclareHub } from './lib/declare-fixtures.js';
import { PG_URL, type Storage } from './lib/sync-fixtures.js';

/** Declarations per measure: SQLite's fsync per declaration (synchronous=FULL) makes it the slower store. */
const COUNT: Readonly<Record<Storage, number>> = { sqlite: 2000, postgres: 8000 };
const SIGN_COUNT = 4000;
const WARMUP = 500;
const CONCURRENCY = 64;
const GOAL_PG = 1000;

const rate = (count: number, ms: number) => (count / ms) * 1000;
const progress = (line: string) => process.stderr.write(`bench declare: ${line}\n`);

async function overHttp(storage: Storage): Promise<number> {
  const hub = await startDeclareHub(storage);
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  try {
    const send = (i: number) => postJson(agent, `${hub.url}/api/declarations`, benchForm(i));
    await pool(0, WARMUP, CONCURRENCY, send);
    return rate(COUNT[storage], await pool(WARMUP, COUNT[storage], CONCURRENCY, send));
  } finally {
    agent.destroy();
    await hub.stop();
  }
}

function openStore(storage: Storage, dir: string, schema: string) {
  return openHubStore(storage === 'sqlite' ? { kind: 'sqlite', path: join(dir, 'hub.sqlite') } : { kind: 'postgres', url: PG_URL!, schema, poolSize: 10 });
}

async function inService(storage: Storage): Promise<{ service: number; bareInsert: number }> {
  const dir = tempDir(`bench-declare-service-${storage}`);
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const store = openStore(storage, dir, schema);
  try {
    await store.migrate();
    await store.buildings.upsertBuilding({ buildingId: 'toa-nha-thu', name: 'Tòa nhà thử' }, randomBytes(32));
    const config = declarationPageSchema.parse(BENCH_DECLARATION_PAGE);
    const service = new DeclarationService(store, loadDeclarationKeys({ dataDir: dir, name: 'bench', identityKey: randomBytes(32) }), config);
    const issue = async (i: number) => {
      const outcome = await service.issue(benchForm(i), Date.now());
      if (!outcome.ok) throw new Error(`declaration ${i} refused: ${outcome.code}`);
    };
    await pool(0, WARMUP, CONCURRENCY, issue);
    const serviceRate = rate(COUNT[storage], await pool(WARMUP, COUNT[storage], CONCURRENCY, issue));
    return { service: serviceRate, bareInsert: await bareInsert(store) };
  } finally {
    if (store.kind === 'postgres') await (store as unknown as { pool: { query(sql: string): Promise<unknown> } }).pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await store.close();
  }
}

/** The peer: one single-row INSERT of the same seven columns per declaration, same concurrency, same connection pool. */
async function bareInsert(store: ReturnType<typeof openHubStore>): Promise<number> {
  const row = (i: number) => [randomBytes(16).toString('hex'), randomBytes(8).toString('hex'), Date.now(), Date.now() + 24 * HOUR_MS, 'clear', '{"symptoms":false}', null, i];
  if (store.kind === 'postgres') {
    const pg = (store as unknown as { pool: { query(sql: string, values?: unknown[]): Promise<unknown> } }).pool;
    await pg.query('CREATE TABLE bare_declarations (id_hmac text, token_id text, declared_at bigint, expires_at bigint, result text, answers text, checkpoint_id text, n int)');
    const sql = 'INSERT INTO bare_declarations VALUES ($1, $2, $3, $4, $5, $6, $7, $8)';
    return rate(COUNT.postgres, await pool(0, COUNT.postgres, CONCURRENCY, async (i) => void (await pg.query(sql, row(i)))));
  }
  const db = (store as unknown as { db: SqliteDatabase }).db;
  db.exec('CREATE TABLE bare_declarations (id_hmac TEXT, token_id TEXT, declared_at INTEGER, expires_at INTEGER, result TEXT, answers TEXT, checkpoint_id TEXT, n INTEGER)');
  const insert = db.prepare('INSERT INTO bare_declarations VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  return rate(COUNT.sqlite, await pool(0, COUNT.sqlite, 1, (i) => Promise.resolve(void insert.run(...row(i)))));
}

/** The other peer: signing alone (CBOR + COSE + Ed25519 + base45), the irreducible CPU part of a declaration. */
function signOnly(): number {
  const keys = loadDeclarationKeys({ dataDir: tempDir('bench-declare-sign'), name: 'bench', identityKey: randomBytes(32) });
  const started = performance.now();
  for (let i = 0; i < SIGN_COUNT; i++) {
    encodeDeclarationToken(
      { issuer: 'bench', subjectRef: randomBytes(16), displayName: `Người Thử ${i}`, declaredAt: Date.now(), result: 'clear', expiresAt: Date.now() + 24 * HOUR_MS, tokenId: randomBytes(8) },
      keys.kid,
      keys.sign,
    );
  }
  return rate(SIGN_COUNT, performance.now() - started);
}

export async function run(): Promise<BenchResult> {
  const storages: Storage[] = PG_URL ? ['sqlite', 'postgres'] : ['sqlite'];
  const figures = new Map<Storage, { http: number; service: number; bareInsert: number }>();
  for (const storage of storages) {
    const http = await overHttp(storage);
    progress(`${storage} HTTP: ${fmtRate(http)}`);
    const service = await inService(storage);
    progress(`${storage} service: ${fmtRate(service.service)}, bare INSERT ${fmtRate(service.bareInsert)}`);
    figures.set(storage, { http, ...service });
  }
  const sign = signOnly();
  const pg = figures.get('postgres');
  return {
    title: 'declarations issued per second by the hub (public page), SQLite and PostgreSQL',
    method:
      `**HTTP**: the real \`gate-terminal hub\` process on loopback; POST /api/declarations (${COUNT.postgres.toLocaleString('en-US')} on PostgreSQL, ${COUNT.sqlite.toLocaleString('en-US')} on SQLite, after ${WARMUP} warm-up), ${CONCURRENCY} in flight over keep-alive, ` +
      'each a distinct person (CCCD), proof of work off through the bench-only flag `declarationPage.proofOfWork.disabledForBenchOnly`; each answer carries the signed token (the phone draws the QR). ' +
      `**Service**: DeclarationService.issue in this process (form check, rules, Ed25519 token, group commit: one statement per batch stores the people's rows, the building's declaration set and data version), the same counts with ${CONCURRENCY} in flight. ` +
      'SQLite: WAL + synchronous=FULL; PostgreSQL 15 at GATE_HUB_PG_URL, pool of 10. Load generator and hub share the 2 cores.',
    peer: {
      name: 'bare INSERT and sign-only',
      method: `A single-row INSERT of the same columns into a plain table of the same store (PostgreSQL: same pool, ${CONCURRENCY} in flight; SQLite: one autocommit INSERT after another), and the KBYT1 encoding + Ed25519 signature alone, in a loop.`,
    },
    goals: [{ goal: `≥ ${GOAL_PG.toLocaleString('en-US')} declarations/s on PostgreSQL (HTTP)`, measured: pg ? fmtRate(pg.http) : 'not run: set GATE_HUB_PG_URL', met: pg !== undefined && pg.http >= GOAL_PG }],
    ratios: storages.flatMap((s) => {
      const f = figures.get(s)!;
      return [
        { metric: `${s}: HTTP declarations/s vs bare INSERT`, ours: fmtRate(f.http), peer: fmtRate(f.bareInsert), ratio: f.http / f.bareInsert, better: 'higher' as const },
        { metric: `${s}: service declarations/s vs bare INSERT`, ours: fmtRate(f.service), peer: fmtRate(f.bareInsert), ratio: f.service / f.bareInsert, better: 'higher' as const },
        { metric: `${s}: service declarations/s vs sign-only`, ours: fmtRate(f.service), peer: fmtRate(sign), ratio: f.service / sign, better: 'higher' as const },
      ];
    }),
    tables: [
      {
        title: 'Figures (per second)',
        columns: ['storage', 'HTTP', 'service', 'bare INSERT peer', 'sign-only peer', 'HTTP / service'],
        rows: storages.map((s) => {
          const f = figures.get(s)!;
          return [s, fmtRate(f.http), fmtRate(f.service), fmtRate(f.bareInsert), fmtRate(sign), fmtRatio(f.http / f.service)];
        }),
      },
    ],
    notes: [
      'With the proof of work on (default 12 bits at rest), each declaration also costs the phone ~4,000 SHA-256 in WebCrypto and the hub one HMAC + one SHA-256 check; it does not change the hub-side rate.',
      ...(PG_URL ? [] : ['PostgreSQL was not measured: set GATE_HUB_PG_URL=postgres://postgres@127.0.0.1:5432/test.']),
    ],
  };
}
