/**
 * A load process of the hub10k bench (forked by bench/lib/fleet-run.ts, so the hub's RSS, descriptors and CPU are its
 * own). Two jobs, given by the first IPC message:
 * - `fleet`: plays its share of the terminals (fleet-terminal.ts) until `stopAt`: long polls always open (opened over
 *   `rampMs`), a heartbeat and an upload per `periodMs` each at a random phase; reports `ready` once every terminal
 *   is waiting in a long poll, then, at the end, upload latencies and when each check-in reached which terminal.
 * - `ingest`: uploads batches as fast as `concurrency` workers can, round-robin over `urls`, for `durationMs`.
 * Bounded in time by construction: nothing is sent after stopAt, and open polls are cut then.
 */
import { Agent } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { HUB_PATHS } from '../../core/contract/hub-protocol.js';
import { FleetTerminal, type FleetTerminalSpec } from './fleet-terminal.js';

export interface FleetJob {
  readonly kind: 'fleet';
  readonly url: string;
  readonly terminals: readonly FleetTerminalSpec[];
  readonly rampMs: number;
  readonly periodMs: number;
  readonly batch: number;
  readonly waitMs: number;
  /** A hard bound; the bench sends `{ kind: 'stop', afterMs }` to end sooner. */
  readonly stopAt: number;
}

export interface IngestJob {
  readonly kind: 'ingest';
  readonly urls: readonly string[];
  readonly terminals: readonly FleetTerminalSpec[];
  readonly batch: number;
  readonly durationMs: number;
}

/** A check-in as one terminal received it: the checkpoint, the check-in's hub time and when it arrived here (wall ms). */
export type Receipt = readonly [checkpointId: string, checkinId: string, receivedAt: number];

export interface FleetReport {
  readonly type: 'fleet-done';
  readonly uploadMs: number[];
  /** When each upload of uploadMs was sent (wall ms): the bench keeps those of its steady window. */
  readonly uploadAt: number[];
  readonly heartbeatMs: number[];
  readonly heartbeatAt: number[];
  /**
   * This process's own event-loop delay, one [wall ms, max delay ms] per 500 ms: a late callback here delays the
   * client side's timing of every request it reads, so the bench reports it beside the latencies it measured.
   */
  readonly loopLag: [at: number, maxMs: number][];
  readonly receipts: Receipt[];
  polls: number;
  uploads: number;
  heartbeats: number;
  /** Uploads and heartbeats still unanswered when the run ended (cut then; not errors). */
  cut: number;
  readonly errors: Record<string, number>;
}

export interface IngestReport {
  readonly type: 'ingest-done';
  entries: number;
  batches: number;
  ms: number;
  /** This process's CPU time over the run (user + system): the load generator's own cost per entry. */
  cpuMs: number;
  readonly errors: Record<string, number>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

function countError(errors: Record<string, number>, key: string): void {
  errors[key] = (errors[key] ?? 0) + 1;
}

async function runFleet(job: FleetJob): Promise<FleetReport> {
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity, maxFreeSockets: 1024 });
  const terminals = job.terminals.map((spec) => new FleetTerminal(spec, agent));
  const report: FleetReport = { type: 'fleet-done', uploadMs: [], uploadAt: [], heartbeatMs: [], heartbeatAt: [], loopLag: [], receipts: [], polls: 0, uploads: 0, heartbeats: 0, cut: 0, errors: {} };
  const lag = monitorEventLoopDelay({ resolution: 20 });
  lag.enable();
  const lagTimer = setInterval(() => {
    report.loopLag.push([Date.now(), lag.max / 1e6]);
    lag.reset();
  }, 500);
  const open = new Set<() => void>();
  let waiting = 0;
  let readySent = false;
  let stopAt = job.stopAt;
  const live = () => Date.now() < stopAt;
  let stopNow!: () => void;
  const stopped = new Promise<void>((resolve) => (stopNow = resolve));
  /** At stopAt: open polls are cut and every sleeper wakes, so the process ends then whatever the period. */
  const stopTimer = () =>
    setTimeout(() => {
      for (const destroy of open) destroy();
      stopNow();
    }, Math.max(0, stopAt - Date.now()));
  let stopper = stopTimer();
  process.on('message', (message: { kind?: string; afterMs?: number }) => {
    if (message.kind !== 'stop') return;
    stopAt = Math.min(stopAt, Date.now() + (message.afterMs ?? 0));
    clearTimeout(stopper);
    stopper = stopTimer();
  });
  const until = (at: number) => Promise.race([sleep(at - Date.now()), stopped]);
  /** A request in flight, cut at stopAt; one started after it (a retry of a cut one) is cut at once. */
  const track = (destroy: () => void) => (live() ? open.add(destroy) : destroy());

  const poll = async (t: FleetTerminal, index: number) => {
    await until(Date.now() + (index * job.rampMs) / terminals.length);
    let cursor = -1;
    let counted = false;
    while (live()) {
      let destroy: (() => void) | undefined;
      try {
        const path = `${HUB_PATHS.checkins}?after=${cursor}&waitMs=${cursor < 0 ? 0 : job.waitMs}`;
        const pending = t.sendRetrying(job.url, 'GET', path, undefined, (d) => track((destroy = d)));
        if (cursor >= 0 && !counted) {
          counted = true;
          if (++waiting === terminals.length && !readySent) {
            readySent = true;
            process.send!({ type: 'ready' });
          }
        }
        const answer = await pending;
        report.polls++;
        if (answer.status !== 200) {
          countError(report.errors, `poll ${answer.status}`);
          await sleep(1000);
          continue;
        }
        const feed = JSON.parse(answer.body) as { cursor: number; checkins: { checkinId: string }[] };
        const at = Date.now();
        for (const c of feed.checkins) report.receipts.push([t.spec.checkpointId, c.checkinId, at]);
        cursor = feed.cursor;
      } catch (error) {
        if (live()) {
          countError(report.errors, `poll ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
          await sleep(1000);
        }
      } finally {
        if (destroy) open.delete(destroy);
      }
    }
  };

  // Uploads and heartbeats still unanswered at stopAt are cut too (counted apart): the run ends on time however slow the hub.
  const periodic = async (work: (track: (destroy: () => void) => void) => Promise<void>) => {
    let next = Date.now() + Math.random() * job.periodMs;
    for (await until(next); live(); await until(next)) {
      let destroy: (() => void) | undefined;
      await work((d) => track((destroy = d))).catch((error: Error & { code?: string }) =>
        live() ? countError(report.errors, error.code ?? error.message) : report.cut++,
      );
      if (destroy) open.delete(destroy);
      next += job.periodMs;
    }
  };
  const upload = (t: FleetTerminal) => async (track: (destroy: () => void) => void) => {
    const at = Date.now();
    const started = performance.now();
    const answer = await t.sendRetrying(job.url, 'POST', HUB_PATHS.entries, t.uploadBody(job.batch), track);
    if (answer.status !== 200) return countError(report.errors, `upload ${answer.status}`);
    report.uploadMs.push(performance.now() - started);
    report.uploadAt.push(at);
    report.uploads++;
  };
  const heartbeat = (t: FleetTerminal) => async (track: (destroy: () => void) => void) => {
    const at = Date.now();
    const started = performance.now();
    const answer = await t.heartbeat(job.url, track);
    if (answer.status !== 200) return countError(report.errors, `heartbeat ${answer.status}`);
    report.heartbeatMs.push(performance.now() - started);
    report.heartbeatAt.push(at);
    report.heartbeats++;
  };

  await Promise.all(terminals.flatMap((t, i) => [poll(t, i), periodic(upload(t)), periodic(heartbeat(t))]));
  clearTimeout(stopper);
  clearInterval(lagTimer);
  agent.destroy();
  return report;
}

async function runIngest(job: IngestJob): Promise<IngestReport> {
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  const terminals = job.terminals.map((spec) => new FleetTerminal(spec, agent));
  const report: IngestReport = { type: 'ingest-done', entries: 0, batches: 0, ms: 0, cpuMs: 0, errors: {} };
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const end = started + job.durationMs;
  let next = 0;
  // One worker per terminal: a terminal's batches are sequential (the hub locks its row per batch), as a real one's are.
  await Promise.all(
    terminals.map(async (t) => {
      while (performance.now() < end) {
        const url = job.urls[next++ % job.urls.length]!;
        const answer = await t.sendRetrying(url, 'POST', HUB_PATHS.entries, t.uploadBody(job.batch)).catch((e: Error) => ({ status: 0, body: e.message }));
        if (answer.status !== 200) {
          countError(report.errors, `upload ${answer.status}`);
          continue;
        }
        report.entries += (JSON.parse(answer.body) as { inserted: number }).inserted;
        report.batches++;
      }
    }),
  );
  report.ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  report.cpuMs = (cpu.user + cpu.system) / 1000;
  agent.destroy();
  return report;
}

// A bench that died leaves no load behind (its hard stopAt would end it too, minutes later).
process.on('disconnect', () => process.exit(0));
// Exits once the report is sent: sleepers cut short by a stop may still hold timers.
process.once('message', (job: FleetJob | IngestJob) => {
  void (job.kind === 'fleet' ? runFleet(job) : runIngest(job)).then(
    (report) => process.send!(report, () => process.exit(0)),
    (error: Error) => process.send!({ type: 'error', message: error.stack ?? error.message }, () => process.exit(1)),
  );
});
