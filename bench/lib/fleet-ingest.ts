/**
 * The ingestion phase of bench hub10k: terminals uploading batches back to back to one or more replicas, with the CPU
 * of every process group over the phase (the replicas, all PostgreSQL processes, the load process, the rest of the
 * machine), and what the cores allow from those costs.
 */
import { cpus, loadavg } from 'node:os';
import type { HubProcess } from '../../test/support/hub-process.js';
import { fmtRate } from './bench.js';
import { capCpu } from './cpu-cap.js';
import type { IngestReport } from './fleet-load.js';
import { CLOCK_TICKS_PER_SECOND, forkLoad, machineTicks, postgresTicks, procSample, ticksBetween, type ProcSample } from './fleet-run.js';
import type { FleetTerminalSpec } from './fleet-terminal.js';

const cpuPercent = (from: ProcSample, to: ProcSample, ms: number) => ((to.cpuTicks - from.cpuTicks) / CLOCK_TICKS_PER_SECOND / (ms / 1000)) * 100;

export interface Ingestion {
  readonly rate: number;
  readonly report: IngestReport;
  readonly hubCpu: number;
  /** PostgreSQL's CPU for the bench's database (postgresTicks) and the load process's own, over the phase (100 % = one core). */
  readonly postgresCpu: number;
  readonly loadCpu: number;
  /** The whole machine's busy CPU over the phase (100 % = one core), and what of it was neither hub, PostgreSQL nor load. */
  readonly machineCpu: number;
  readonly otherCpu: number;
  readonly loadAverage: number;
}

export async function ingest(urls: readonly string[], hubs: readonly HubProcess[], terminals: readonly FleetTerminalSpec[], batch: number, durationMs: number, database: string): Promise<Ingestion> {
  const before = hubs.map((h) => procSample(h.child.pid!));
  const postgresBefore = postgresTicks(database);
  const machineBefore = machineTicks();
  const started = performance.now();
  const report = (await forkLoad({ kind: 'ingest', urls, terminals, batch, durationMs }).done) as IngestReport;
  const ms = performance.now() - started;
  const hubCpu = hubs.reduce((sum, h, i) => sum + cpuPercent(before[i]!, procSample(h.child.pid!), ms), 0);
  const postgresCpu = (ticksBetween(postgresBefore, postgresTicks(database)) / CLOCK_TICKS_PER_SECOND / (ms / 1000)) * 100;
  const machineAfter = machineTicks();
  const machineCpu = ((machineAfter.busy - machineBefore.busy) / (machineAfter.total - machineBefore.total)) * cpus().length * 100;
  const loadCpu = (report.cpuMs / report.ms) * 100;
  const otherCpu = Math.max(0, machineCpu - hubCpu - postgresCpu - loadCpu);
  return { rate: report.entries / (report.ms / 1000), report, hubCpu, postgresCpu, loadCpu, machineCpu, otherCpu, loadAverage: loadavg()[0]! };
}

/**
 * What the cores allow, from one replica's CPU per entry (hub h, PostgreSQL p, load l): any number of replicas on C
 * cores stores at most C / (h + p + l) entries per µs, one replica at most 1 / h (its one JavaScript thread) — so three
 * can beat one by at most max(1, C·h / (h + p + l)), and only when the machine has nothing else to run.
 */
export function scalingCeiling(one: Ingestion, cores: number): string {
  const perEntry = (cpu: number) => ((cpu / 100) * 1e6) / one.rate;
  const [h, p, l] = [perEntry(one.hubCpu), perEntry(one.postgresCpu), perEntry(one.loadCpu)];
  const ceiling = Math.max(1, (cores * h) / (h + p + l));
  return (
    `CPU bound on ${cores} cores, from the one-replica phase: the hub spends ${h.toFixed(0)} µs of CPU per entry, PostgreSQL ${p.toFixed(0)} µs, the load process ${l.toFixed(0)} µs; ` +
    `one replica can use at most one core (${fmtRate(1e6 / h)}), all the processes together at most ${cores} cores (${fmtRate((cores * 1e6) / (h + p + l))}), ` +
    `so three replicas can store at most ${ceiling.toFixed(2)}× what one stores on this machine — and less while other work takes CPU (the "other work" and "machine busy" columns).`
  );
}

/**
 * Ingestion with each replica capped at `percent` % of one core (bench/lib/cpu-cap.ts): one replica, then all of them,
 * each phase with its own fresh terminals. With the replicas capped well below what the machine has, they — not the
 * cores, PostgreSQL or the load process — are the limit, so the ratio shows what adding replicas adds. A string says
 * why the phase could not run.
 */
export async function ingestCapped(hubs: readonly HubProcess[], fresh: readonly FleetTerminalSpec[][], batch: number, durationMs: number, database: string, percent: number): Promise<{ one: Ingestion; all: Ingestion } | string> {
  const cap = capCpu('gate-bench-replica', hubs.map((h) => h.child.pid!), percent);
  if (typeof cap === 'string') return cap;
  try {
    const one = await ingest([hubs[0]!.url], [hubs[0]!], fresh[0]!, batch, durationMs, database);
    const all = await ingest(hubs.map((h) => h.url), hubs, fresh[1]!, batch, durationMs, database);
    return { one, all };
  } finally {
    cap.release();
  }
}
