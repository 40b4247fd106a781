/**
 * Set-up and measurement tools of the hub10k bench: the hub config (buildings × checkpoints × terminals per
 * checkpoint), real `gate-terminal hub` processes on one PostgreSQL schema, enrolling the fleet, forking load
 * processes, reading a process's RSS / descriptors / CPU / descriptor limit from /proc, and phone check-ins through
 * the public declaration page's routes.
 *
 * Enrolment goes through the store (the same `claimEnrolmentToken` the enrolment route runs, after
 * `createEnrolmentToken`), not over HTTP: the bench is about the steady state of 10,000 enrolled terminals, and the
 * route adds only a proof-of-possession check and a JSON round trip per terminal, which the enrolment tests cover.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { keyIdOfRaw, sha256Hex } from '../../hub/crypto/hub-crypto.js';
import { claimEnrolmentToken } from '../../hub/service/enrolment.js';
import type { PostgresHubStore } from '../../hub/storage/postgres/postgres-hub-store.js';
import { PERSON } from '../../test/support/declaration-client.js';
import { spawnHub, type HubProcess } from '../../test/support/hub-process.js';
import type { FleetTerminalSpec } from './fleet-terminal.js';
import type { FleetJob, FleetReport, IngestJob, IngestReport } from './fleet-load.js';

export const CHECKPOINTS_PER_BUILDING = 10;
export const TERMINALS_PER_CHECKPOINT = 2;

export const checkpointIdOf = (i: number) => `cp-${String(i).padStart(5, '0')}`;

/** One replica's config file: all replicas share the data dir (keys) and the schema; the page's limits opened for the bench. */
export function writeFleetConfig(dataDir: string, index: number, url: string, schema: string, checkpoints: number): string {
  const buildings = [];
  for (let b = 0; b * CHECKPOINTS_PER_BUILDING < checkpoints; b++) {
    const ids = Array.from({ length: Math.min(CHECKPOINTS_PER_BUILDING, checkpoints - b * CHECKPOINTS_PER_BUILDING) }, (_, i) => checkpointIdOf(b * CHECKPOINTS_PER_BUILDING + i));
    buildings.push({ id: `bld-${b}`, name: `Tòa nhà ${b}`, checkpoints: ids.map((id) => ({ id, name: `Cổng ${id}`, policy: { antiPassbackWindowMs: 0 } })) });
  }
  const path = join(dataDir, `replica-${index}.json`);
  writeFileSync(
    path,
    JSON.stringify({
      // Port 0: the replica binds a free port itself and prints its URL. A port picked free beforehand may, by the
      // time the replica starts, be the local port of one of the fleet's client sockets.
      listen: { host: '127.0.0.1', port: 0 },
      dataDir,
      storage: { kind: 'postgres', url, schema },
      buildings,
      declarationPage: { rateLimits: { perIpPerMinute: 100_000, checkinsPerIpPerMinute: 100_000 }, proofOfWork: { disabledForBenchOnly: true } },
    }),
  );
  return path;
}

/**
 * A replica writes every configured building and checkpoint at start: minutes for 5,000 on a loaded machine.
 * With GATE_BENCH_PROBE=<dir>, bench/lib/hub-probe.mjs measures inside the hub (pool wait, statements, memory, a CPU profile).
 */
export function startReplica(configPath: string): Promise<HubProcess> {
  const probe = process.env.GATE_BENCH_PROBE ? ['--import', new URL('./hub-probe.mjs', import.meta.url).href] : [];
  return spawnHub(configPath, { nodeArgs: probe });
}

/** Enrols `count` terminals, TERMINALS_PER_CHECKPOINT per checkpoint, through the store; returns what the load processes need. */
export async function enrolFleet(store: PostgresHubStore, count: number, firstIndex = 0): Promise<FleetTerminalSpec[]> {
  const agreement = generateKeyPairSync('x25519').publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('base64');
  const specs: FleetTerminalSpec[] = [];
  const now = Date.now();
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      const n = firstIndex + i;
      const checkpointId = checkpointIdOf(Math.floor(n / TERMINALS_PER_CHECKPOINT));
      const pair = generateKeyPairSync('ed25519');
      const signingPublicKey = pair.publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('base64');
      const tokenId = randomBytes(8).toString('hex');
      const secret = randomBytes(32).toString('base64url');
      await store.terminals.createEnrolmentToken({ tokenId, secretSha256: sha256Hex(secret), checkpointId, createdAt: now, expiresAt: now + 3_600_000 });
      const terminalId = `bench-${n}`;
      const keyId = keyIdOfRaw(signingPublicKey);
      await claimEnrolmentToken(store, {
        tokenId, secretSha256: sha256Hex(secret), checkpointId, now,
        terminal: { terminalId, keyId, name: terminalId, signingPublicKey, agreementPublicKey: agreement, firstSeq: 1 },
      });
      specs[i] = { terminalId, keyId, checkpointId, privateKeyDer: pair.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64') };
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return specs;
}

export interface ProcSample {
  readonly rssKb: number;
  readonly fds: number;
  /** utime + stime, in clock ticks (USER_HZ, 100 on Linux). */
  readonly cpuTicks: number;
}

export const CLOCK_TICKS_PER_SECOND = 100;

export function procSample(pid: number): ProcSample {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  // Fields after the command name (which may hold spaces), 1-based: utime is field 14, stime 15.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { rssKb, fds: readdirSync(`/proc/${pid}/fd`).length, cpuTicks: Number(fields[11]) + Number(fields[12]) };
}

/** The soft "Max open files" limit a process runs with (Node raises its soft limit to the hard one at start). */
export function openFileLimit(pid: number): number {
  const line = readFileSync(`/proc/${pid}/limits`, 'utf8').split('\n').find((l) => l.startsWith('Max open files'));
  const soft = line?.split(/\s{2,}/)[1];
  return soft === 'unlimited' ? Infinity : Number(soft);
}

/** Refuses to run a share of the fleet in a process whose descriptor limit cannot hold it, saying what to raise. */
export function requireOpenFiles(pid: number, what: string, needed: number): number {
  const limit = openFileLimit(pid);
  if (limit < needed) {
    throw new Error(
      `${what} (pid ${pid}) may open ${limit} files but needs about ${needed} (one socket per terminal): raise the hard limit ` +
        `(ulimit -Hn as root, LimitNOFILE= for a systemd unit) or run fewer terminals (GATE_BENCH_TERMINALS).`,
    );
  }
  return limit;
}

const LOAD_SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'fleet-load.ts');

export interface LoadProcess {
  readonly child: ChildProcess;
  readonly ready: Promise<void>;
  readonly done: Promise<FleetReport | IngestReport>;
  /** Ends a fleet run `afterMs` from now (its stopAt stays the hard bound). */
  stop(afterMs: number): void;
}

export function forkLoad(job: FleetJob | IngestJob): LoadProcess {
  const child = fork(LOAD_SCRIPT, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const done = new Promise<FleetReport | IngestReport>((resolve, reject) => {
    child.on('message', (message: { type: string; message?: string }) => {
      if (message.type === 'ready') markReady();
      else if (message.type === 'error') reject(new Error(`load process failed: ${message.message}`));
      else resolve(message as FleetReport | IngestReport);
    });
    child.once('exit', (code) => reject(new Error(`load process exited (${code}) before reporting`)));
  });
  child.send(job);
  return { child, ready, done, stop: (afterMs) => child.connected && child.send({ kind: 'stop', afterMs }) };
}

/** A phone's declaration (the page's proof of work is off for the bench): the token check-ins present. */
export async function declareForCheckins(hubUrl: string): Promise<string> {
  const response = await fetch(`${hubUrl}/api/declarations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(PERSON) });
  const body = (await response.json()) as { token?: string };
  if (response.status !== 200 || !body.token) throw new Error(`declaration refused: ${response.status} ${JSON.stringify(body)}`);
  return body.token;
}

/** A phone check-in at a checkpoint: when it was posted (wall ms) and the answer's status, or the network error's code. */
export async function phoneCheckin(hubUrl: string, token: string, checkpointId: string): Promise<{ postedAt: number; status: number | string }> {
  const postedAt = Date.now();
  try {
    const response = await fetch(`${hubUrl}/api/checkins`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token, checkpointId, nonce: randomBytes(16).toString('hex'), timestamp: postedAt }),
    });
    await response.arrayBuffer();
    return { postedAt, status: response.status };
  } catch (error) {
    return { postedAt, status: errorCode(error) };
  }
}

/** fetch's network errors carry their code in `cause`. */
export function errorCode(error: unknown): string {
  const e = error as { cause?: { code?: string }; code?: string; message?: string };
  return e.cause?.code ?? e.code ?? e.message ?? 'error';
}

/** Transactions committed or rolled back in the current database so far (pg_stat_database; each autocommit query is one). */
export async function transactionsSoFar(client: pg.Client): Promise<number> {
  // The statistics are sent by backends with a delay of up to a second or so; the bench reads them after quiet spells.
  const { rows } = await client.query<{ n: string }>('SELECT (xact_commit + xact_rollback)::text AS n FROM pg_stat_database WHERE datname = current_database()');
  return Number(rows[0]!.n);
}

/** The kernel's TCP counters that show connections waiting outside the hub: SYNs dropped or retransmitted (machine-wide). */
export interface TcpCounters {
  readonly listenOverflows: number;
  readonly listenDrops: number;
  readonly synRetransmits: number;
}

export function tcpCounters(): TcpCounters {
  const lines = readFileSync('/proc/net/netstat', 'utf8').split('\n').filter((l) => l.startsWith('TcpExt:'));
  const names = lines[0]?.split(/\s+/) ?? [];
  const values = lines[1]?.split(/\s+/) ?? [];
  const get = (name: string) => Number(values[names.indexOf(name)] ?? NaN);
  return { listenOverflows: get('ListenOverflows'), listenDrops: get('ListenDrops'), synRetransmits: get('TCPSynRetrans') };
}

export const tcpDelta = (from: TcpCounters, to: TcpCounters) =>
  `${to.listenOverflows - from.listenOverflows} / ${to.listenDrops - from.listenDrops} / ${to.synRetransmits - from.synRetransmits}`;

/** The samples taken within [from, to] (wall ms), by their start times `at`. */
export function within(samples: readonly number[], at: readonly number[], from: number, to: number): number[] {
  return samples.filter((_, i) => at[i]! >= from && at[i]! <= to);
}

/**
 * CPU ticks of the PostgreSQL server's processes working for `database`, by pid: its client backends, and the shared
 * ones (WAL writer, checkpointer, background writer, postmaster). Backends of other databases (other work on a shared
 * server) are left out: their command line names their database and client address.
 */
export function postgresTicks(database: string): Map<number, number> {
  const ticks = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== 'postgres') continue;
      const title = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (title.includes('(') && !title.includes(` ${database} `)) continue;
      ticks.set(Number(entry), procSample(Number(entry)).cpuTicks);
    } catch {
      // the process ended between the listing and the read
    }
  }
  return ticks;
}

/**
 * Ticks spent between two postgresTicks samples, per process: a backend that ended meanwhile (the pool closes idle
 * connections after 10 s) takes its whole past with it from a plain sum, so only processes alive at `to` count, from
 * their tick count at `from` (or from 0 when they started meanwhile).
 */
export function ticksBetween(from: ReadonlyMap<number, number>, to: ReadonlyMap<number, number>): number {
  let sum = 0;
  for (const [pid, ticks] of to) sum += ticks - (from.get(pid) ?? 0);
  return sum;
}

/** The whole machine's CPU ticks from /proc/stat: busy (all but idle and iowait) and total, summed over cores. */
export function machineTicks(): { busy: number; total: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = fields.slice(0, 8).reduce((s, v) => s + v, 0);
  return { busy: total - fields[3]! - fields[4]!, total };
}
