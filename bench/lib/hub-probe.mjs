/**
 * Bench-only probe loaded into a hub process with `node --import` (bench hub10k with GATE_BENCH_PROBE=<dir>): it
 * changes nothing the hub does, it only measures, and writes <dir>/probe-<pid>.json every 2 s:
 * - pool wait: time from pg.Pool#connect asked to granted (pool.query goes through connect too), and the waiting count;
 * - statements per kind (first SQL words and table) and transactions (BEGIN / autocommit statements);
 * - HTTP requests per route, open sockets, process.memoryUsage(), event-loop delay;
 * - per 10 s of wall time (`slices`, keyed by the slice's start in wall ms, so the bench can keep its window's): each
 *   route's time inside the hub (request event → body read → response finished) as histograms, pool waits, and the
 *   event loop's largest delay — the hub's own view of a request, beside the client's;
 * - a CPU profile (<dir>/hub-<pid>.cpuprofile) of GATE_BENCH_PROBE_PROFILE_S seconds (default 60) that starts once
 *   the hub holds GATE_BENCH_PROBE_PROFILE_SOCKETS open sockets (default 90 % of GATE_BENCH_TERMINALS).
 * Plain JavaScript so that the built hub loads it without a TypeScript loader.
 */
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import { Session } from 'node:inspector';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import process from 'node:process';
import { setInterval, setTimeout } from 'node:timers';
import pg from 'pg';

const dir = process.env.GATE_BENCH_PROBE;
const profileSeconds = Number(process.env.GATE_BENCH_PROBE_PROFILE_S ?? 60);
const profileSockets = Number(process.env.GATE_BENCH_PROBE_PROFILE_SOCKETS ?? Math.floor(Number(process.env.GATE_BENCH_TERMINALS ?? 10_000) * 0.9));
const started = performance.now();
/** Pool waits in 1.1×-wide buckets from 0.01 ms (a histogram: sorting every wait each report cost the hub 9 % CPU). */
const waitBuckets = new Map();
let waitCount = 0;
let waitSum = 0;
let waitMax = 0;
const bucketOf = (ms) => (ms <= 0.01 ? 0 : Math.ceil(Math.log(ms / 0.01) / Math.log(1.1)));
/** Histograms per 10 s slice of wall time: slices[startMs][name] = { bucket: count }. */
const slices = {};
const SLICE_MS = 10_000;
const sliceRecord = (name, ms) => {
  const start = Math.floor(Date.now() / SLICE_MS) * SLICE_MS;
  const slice = (slices[start] ??= {});
  const h = (slice[name] ??= {});
  const b = bucketOf(ms);
  h[b] = (h[b] ?? 0) + 1;
};
const recordWait = (ms) => {
  const b = bucketOf(ms);
  sliceRecord('pool wait', ms);
  waitBuckets.set(b, (waitBuckets.get(b) ?? 0) + 1);
  waitCount++;
  waitSum += ms;
  waitMax = Math.max(waitMax, ms);
};
const waitQuantile = (q) => {
  let seen = 0;
  for (const b of [...waitBuckets.keys()].sort((x, y) => x - y)) {
    seen += waitBuckets.get(b);
    if (seen >= q * waitCount) return 0.01 * 1.1 ** b;
  }
  return 0;
};
const statements = {};
const statementMs = {};
const requests = {};
const memory = [];
let sockets = 0;
let peakSockets = 0;
let transactions = 0;
const inTransaction = new WeakSet();
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
/** The largest event-loop delay per slice, from a 50 ms timer (monitorEventLoopDelay keeps no time axis). */
let tickAt = performance.now();
setInterval(() => {
  const now = performance.now();
  sliceRecord('event-loop delay', Math.max(0, now - tickAt - 50));
  tickAt = now;
}, 50).unref();

const kindOf = (text) => {
  const t = String(typeof text === 'object' && text !== null ? text.text : text).replace(/\s+/g, ' ').trim();
  const m = /^(WITH|SELECT|INSERT INTO|UPDATE|DELETE FROM|BEGIN|COMMIT|ROLLBACK|LISTEN)\s*([a-z_]*)/i.exec(t);
  if (!m) return t.slice(0, 30);
  if (m[1].toUpperCase() === 'WITH' || m[1].toUpperCase() === 'SELECT') {
    const from = / FROM ([a-z_]+)/i.exec(t);
    const ins = /INSERT INTO ([a-z_]+)/i.exec(t);
    return `${m[1].toUpperCase()} ${ins ? `(insert ${ins[1]}) ` : ''}${from ? from[1] : m[2]}`;
  }
  return `${m[1].toUpperCase()} ${m[2]}`;
};

const originalConnect = pg.Pool.prototype.connect;
pg.Pool.prototype.connect = function connect(cb) {
  const asked = performance.now();
  if (typeof cb === 'function') {
    return originalConnect.call(this, (err, client, release) => {
      recordWait(performance.now() - asked);
      cb(err, client, release);
    });
  }
  return originalConnect.call(this).then((client) => {
    recordWait(performance.now() - asked);
    return client;
  });
};

const originalQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function query(config, values, cb) {
  const kind = kindOf(config);
  statements[kind] = (statements[kind] ?? 0) + 1;
  if (kind.startsWith('BEGIN')) inTransaction.add(this);
  else if (kind.startsWith('COMMIT') || kind.startsWith('ROLLBACK')) {
    inTransaction.delete(this);
    transactions++;
  } else if (!inTransaction.has(this)) transactions++;
  const t0 = performance.now();
  const done = () => (statementMs[kind] = (statementMs[kind] ?? 0) + (performance.now() - t0));
  const callback = typeof values === 'function' ? values : cb;
  if (typeof callback === 'function') {
    const wrapped = (err, res) => {
      done();
      callback(err, res);
    };
    return typeof values === 'function' ? originalQuery.call(this, config, wrapped) : originalQuery.call(this, config, values, wrapped);
  }
  const result = originalQuery.call(this, config, values);
  if (result && typeof result.then === 'function') result.then(done, done);
  return result;
};

const originalEmit = http.Server.prototype.emit;
http.Server.prototype.emit = function emit(event, arg) {
  if (event === 'connection') {
    sockets++;
    peakSockets = Math.max(peakSockets, sockets);
    arg.once('close', () => sockets--);
  } else if (event === 'request') {
    const route = String(arg.url).split('?')[0].replace(/\/[0-9a-f-]{16,}/g, '/:id');
    requests[route] = (requests[route] ?? 0) + 1;
    const arrived = performance.now();
    let bodyRead;
    arg.once('end', () => (bodyRead = performance.now()));
    const res = arguments[2];
    res.once('finish', () => {
      const now = performance.now();
      sliceRecord(`${route} total`, now - arrived);
      if (bodyRead !== undefined) {
        sliceRecord(`${route} body read`, bodyRead - arrived);
        sliceRecord(`${route} after body`, now - bodyRead);
      }
    });
  }
  return originalEmit.apply(this, arguments);
};

let profiling = false;
let profiled = false;
const session = new Session();

const write = () => {
  const m = process.memoryUsage();
  memory.push({ s: Math.round((performance.now() - started) / 1000), sockets, rssMb: m.rss / 2 ** 20, heapUsedMb: m.heapUsed / 2 ** 20, externalMb: m.external / 2 ** 20, arrayBuffersMb: m.arrayBuffers / 2 ** 20 });
  const report = {
    pid: process.pid,
    seconds: (performance.now() - started) / 1000,
    poolWait: { n: waitCount, p50: waitQuantile(0.5), p90: waitQuantile(0.9), p99: waitQuantile(0.99), max: waitMax, mean: waitSum / (waitCount || 1) },
    transactions,
    statements,
    statementMsMean: Object.fromEntries(Object.entries(statementMs).map(([k, ms]) => [k, ms / statements[k]])),
    requests,
    sockets,
    peakSockets,
    eventLoopDelayMs: { p50: loop.percentile(50) / 1e6, p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 },
    sliceMs: SLICE_MS,
    bucketBase: { ms: 0.01, factor: 1.1 },
    slices,
    memory,
  };
  writeFileSync(join(dir, `probe-${process.pid}.json`), JSON.stringify(report, null, 1));
  if (!profiling && !profiled && sockets >= profileSockets) {
    profiling = true;
    session.connect();
    session.post('Profiler.enable', () =>
      session.post('Profiler.start', () =>
        setTimeout(() => {
          session.post('Profiler.stop', (err, { profile }) => {
            if (!err) writeFileSync(join(dir, `hub-${process.pid}.cpuprofile`), JSON.stringify(profile));
            profiling = false;
            profiled = true;
          });
        }, profileSeconds * 1000).unref(),
      ),
    );
  }
};
setInterval(write, 2000).unref();
