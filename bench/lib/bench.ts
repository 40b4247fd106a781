/**
 * What every benchmark returns, and the small statistics helpers they share. A bench file in bench/ exports
 * `run(): Promise<BenchResult>`; bench/run.ts prints the result and rewrites that bench's section of RESULTS.md.
 *
 * Rule: a figure on its own says little on a machine nobody else has, so every bench measures a PEER in the same run
 * (a bare library call doing the irreducible part of the work) and reports ratios against it.
 */

export interface BenchTable {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

export interface BenchRatio {
  readonly metric: string;
  readonly ours: string;
  readonly peer: string;
  /** ours / peer */
  readonly ratio: number;
  readonly better: 'lower' | 'higher';
}

export interface BenchGoal {
  readonly goal: string;
  readonly measured: string;
  readonly met: boolean;
}

export interface BenchResult {
  readonly title: string;
  /** What was measured and how, in a sentence or two. */
  readonly method: string;
  readonly peer: { readonly name: string; readonly method: string };
  readonly goals: readonly BenchGoal[];
  readonly ratios: readonly BenchRatio[];
  readonly tables: readonly BenchTable[];
  readonly notes?: readonly string[];
}

export type BenchFunction = () => Promise<BenchResult>;

export interface LatencySummary {
  readonly count: number;
  readonly mean: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
}

/** A latency summary with the nearest-rank 95th percentile too (summarise() reports p90 and p99). */
export interface LatencyWithP95 extends LatencySummary {
  readonly p95: number;
}

/**
 * Times `samples` sequential runs of `work(i)` in ms, after one warm-up run `work(warmUp)` (query plans, pool
 * connections); the warm-up index lets a bench give the warm-up its own input, so it warms no sample's cache.
 */
export async function measureLatency(samples: number, work: (i: number) => Promise<unknown>, warmUp = -1): Promise<LatencyWithP95> {
  await work(warmUp);
  const ms: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = process.hrtime.bigint();
    await work(i);
    ms.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  const sorted = [...ms].sort((a, b) => a - b);
  return { ...summarise(ms), p95: sorted[Math.ceil(0.95 * sorted.length) - 1]! };
}

/** Nearest-rank percentiles over samples in any unit. */
export function summarise(samples: ArrayLike<number>): LatencySummary {
  const sorted = Float64Array.from(samples).sort();
  const n = sorted.length;
  if (n === 0) return { count: 0, mean: NaN, p50: NaN, p90: NaN, p99: NaN, max: NaN };
  const at = (p: number) => sorted[Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1))]!;
  let sum = 0;
  for (const v of sorted) sum += v;
  return { count: n, mean: sum / n, p50: at(50), p90: at(90), p99: at(99), max: sorted[n - 1]! };
}

/** Nanoseconds (bigint difference of process.hrtime.bigint()) to milliseconds. */
export function nsToMs(ns: bigint): number {
  return Number(ns) / 1e6;
}

export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (ms < 0.01) return `${(ms * 1000).toFixed(2)} µs`;
  if (ms < 1) return `${(ms * 1000).toFixed(0)} µs`;
  return `${ms.toFixed(2)} ms`;
}

export function fmtRate(perSecond: number): string {
  return `${Math.round(perSecond).toLocaleString('en-US')} /s`;
}

export function fmtRatio(ratio: number): string {
  return `${ratio.toFixed(2)}×`;
}

export function latencyRow(label: string, s: LatencySummary): string[] {
  return [label, s.count.toLocaleString('en-US'), fmtMs(s.p50), fmtMs(s.p90), fmtMs(s.p99), fmtMs(s.max), fmtMs(s.mean)];
}

export const LATENCY_COLUMNS = ['measure', 'n', 'p50', 'p90', 'p99', 'max', 'mean'] as const;

export { seededRandom } from '../../test/support/seeded-random.js';

export function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
