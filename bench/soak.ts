/**
 * Memory soak: 100,000 scans through the real browser host process (`node dist/cli.mjs start`) over its WebSocket
 * bridge — the path a kiosk browser takes — with the decision bench's mix (80 % valid declaration tokens, 10 %
 * expired, 5 % tampered, 5 % garbage). The host's resident set (VmRSS in /proc/PID/status) is sampled every
 * SAMPLE_EVERY scans; the report gives start / peak / end RSS and the slope (least squares over the samples after
 * the warm-up, MB per 10,000 scans). Peer in the same run: an idle host started with the same config shape, sampled
 * at the same moments — the soak host's RSS is reported as a ratio against it.
 * SOAK_SCANS overrides the count (e.g. for a quick look); the goal is stated for 100,000.
 */
import { readFileSync } from 'node:fs';
import type { Direction } from '../core/index.js';
import { ContractClient, startHost, type RunningHost } from '../test/support/host-process.js';
import { fmtRate, seededRandom, type BenchResult } from './lib/bench.js';
import { EXPECTED, plan } from './lib/scan-mix.js';

const SCANS = Number(process.env.SOAK_SCANS ?? 100_000);
const SAMPLE_EVERY = 1_000;
/**
 * "Flat" is judged on the second half of the run: the V8 heap and SQLite's page cache take the first tens of
 * thousands of scans to reach their working size (both earlier runs rose until ~30k scans, then stayed level), while a
 * leak keeps growing to the end. The slope from 5,000 scans on is reported too.
 */
const WARMUP_SCANS = 5_000;
const GOAL_PEAK_MB = 150;
/** "Flat": after the warm-up the RSS grows by less than this per 10,000 scans. */
const GOAL_SLOPE_MB_PER_10K = 1;

interface Sample {
  readonly scans: number;
  readonly rssMb: number;
  readonly idleRssMb: number;
}

/** VmRSS of a live process, in MB (from /proc, as `ps` and systemd's MemoryMax see it). */
export function rssMb(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(match[1]) / 1024;
}

/** Least-squares slope of y over x. */
export function slope(points: readonly { x: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return NaN;
  const mx = points.reduce((a, p) => a + p.x, 0) / n;
  const my = points.reduce((a, p) => a + p.y, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.x - mx) * (p.y - my);
    den += (p.x - mx) ** 2;
  }
  return num / den;
}

const mb = (v: number) => `${v.toFixed(1)} MB`;

/** NODE_OPTIONS of the packaged host service, so the soak measures the host as it is shipped. */
function shippedNodeOptions(): string {
  const unit = readFileSync(new URL('../packaging/systemd/gate-terminal-host.service', import.meta.url), 'utf8');
  const line = /^Environment=NODE_OPTIONS=(.*)$/m.exec(unit);
  if (!line) throw new Error('packaging/systemd/gate-terminal-host.service sets no NODE_OPTIONS');
  return line[1]!.trim();
}

export async function run(): Promise<BenchResult> {
  const hosts: RunningHost[] = [];
  try {
    // Both hosts run with the V8 options the packaged host service runs with (packaging/systemd/gate-terminal-host.service).
    const env = { NODE_OPTIONS: shippedNodeOptions() };
    const soakHost = await startHost({ direction: 'both', env });
    hosts.push(soakHost);
    const idleHost = await startHost({ direction: 'both', env });
    hosts.push(idleHost);
    const client = await ContractClient.connect(soakHost.url);
    const idleClient = await ContractClient.connect(idleHost.url); // a connected screen, like the soak host has
    const scans = plan(SCANS, seededRandom(20_211_123), Date.now());
    const sample = (done: number): Sample => ({ scans: done, rssMb: rssMb(soakHost.child.pid!), idleRssMb: rssMb(idleHost.child.pid!) });
    const samples: Sample[] = [sample(0)];
    let direction: Direction = 'in';
    let unexpected = 0;
    const started = process.hrtime.bigint();
    for (let i = 0; i < scans.length; i++) {
      const scan = scans[i]!;
      if (scan.direction && scan.direction !== direction) {
        direction = (await client.call('setDirection', { direction: scan.direction })).direction;
      }
      const entry = await client.call('submitScan', { payload: scan.payload, source: 'simulated' });
      if (!EXPECTED[scan.kind](entry.decision.reasons, entry.decision.outcome)) unexpected++;
      if ((i + 1) % SAMPLE_EVERY === 0) {
        client.events.splice(0); // the bench's own memory, not the host's
        samples.push(sample(i + 1));
      }
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    client.close();
    idleClient.close();

    const start = samples[0]!;
    const end = samples[samples.length - 1]!;
    const peak = Math.max(...samples.map((s) => s.rssMb));
    const idleEnd = end.idleRssMb;
    const idlePeak = Math.max(...samples.map((s) => s.idleRssMb));
    const afterWarmup = samples.filter((s) => s.scans >= Math.min(WARMUP_SCANS, SCANS / 2));
    const secondHalf = samples.filter((s) => s.scans >= SCANS / 2);
    const slopeOf = (points: readonly Sample[], key: 'rssMb' | 'idleRssMb') => slope(points.map((s) => ({ x: s.scans, y: s[key] }))) * 10_000;
    const slopePer10k = slopeOf(secondHalf, 'rssMb');
    const idleSlopePer10k = slopeOf(secondHalf, 'idleRssMb');
    const n = (v: number) => v.toLocaleString('en-US');
    const every = Math.max(1, Math.floor(samples.length / 20));
    return {
      title: `memory soak: ${n(SCANS)} scans through the browser host`,
      method:
        `${n(SCANS)} scans sent one after another over the WebSocket contract (\`submitScan\`, source simulated; ` +
        '`setDirection` when the next valid token passes the other way) to a real `gate-terminal start` process (`NODE_OPTIONS=' + shippedNodeOptions() + '`, as the packaged host service runs it) with its ' +
        'SQLite register (WAL, synchronous=FULL) and simulated relay; mix 80 % valid / 10 % expired / 5 % tampered / 5 % garbage. ' +
        `VmRSS of the host read from /proc/PID/status every ${n(SAMPLE_EVERY)} scans; slope by least squares over the second half of ` +
        `the run (from ${n(secondHalf[0]?.scans ?? 0)} scans), and for information from ${n(afterWarmup[0]?.scans ?? 0)} scans on.`,
      peer: {
        name: 'idle host',
        method: 'a second `gate-terminal start` with the same config shape and a connected WebSocket client, receiving no scans, sampled at the same moments.',
      },
      goals: [
        { goal: `peak RSS ≤ ${GOAL_PEAK_MB} MB`, measured: mb(peak), met: peak <= GOAL_PEAK_MB },
        { goal: `flat: slope over the second half < ${GOAL_SLOPE_MB_PER_10K} MB / 10k scans`, measured: `${slopePer10k.toFixed(2)} MB / 10k scans`, met: slopePer10k < GOAL_SLOPE_MB_PER_10K },
        { goal: 'every decision as expected for its kind', measured: `${n(unexpected)} unexpected of ${n(SCANS)}`, met: unexpected === 0 },
      ],
      ratios: [
        { metric: 'end RSS', ours: mb(end.rssMb), peer: mb(idleEnd), ratio: end.rssMb / idleEnd, better: 'lower' },
        { metric: 'peak RSS', ours: mb(peak), peer: mb(idlePeak), ratio: peak / idlePeak, better: 'lower' },
      ],
      tables: [
        {
          title: 'Summary',
          columns: ['measure', 'soak host', 'idle host'],
          rows: [
            ['RSS at start', mb(start.rssMb), mb(start.idleRssMb)],
            ['RSS peak', mb(peak), mb(idlePeak)],
            ['RSS at end', mb(end.rssMb), mb(end.idleRssMb)],
            ['slope over the second half', `${slopePer10k.toFixed(2)} MB / 10k scans`, `${idleSlopePer10k.toFixed(2)} MB / 10k scans`],
            [`slope from ${n(afterWarmup[0]?.scans ?? 0)} scans (warm-up included)`, `${slopeOf(afterWarmup, 'rssMb').toFixed(2)} MB / 10k scans`, `${slopeOf(afterWarmup, 'idleRssMb').toFixed(2)} MB / 10k scans`],
            ['time for the scans', `${seconds.toFixed(0)} s (${fmtRate(SCANS / seconds)})`, '—'],
          ],
        },
        {
          title: 'RSS samples (every 20th)',
          columns: ['scans', 'soak host RSS', 'idle host RSS'],
          rows: samples.filter((_, i) => i % every === 0 || i === samples.length - 1).map((s) => [n(s.scans), mb(s.rssMb), mb(s.idleRssMb)]),
        },
      ],
      notes: [
        'Each scan is a WebSocket round trip plus an fsync\'d commit, so the run time follows the disk\'s fsync latency and the load of the machine (shared by other work during this run).',
      ],
    };
  } finally {
    for (const host of hosts) await host.stop();
  }
}
