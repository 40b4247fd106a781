/**
 * One hub replica holding 10,000 terminals (`npm run bench -- hub10k`, needs GATE_HUB_PG_URL; issue 20 item 4).
 * A real `gate-terminal hub` process on PostgreSQL; 10,000 terminals enrolled (two per checkpoint, ten checkpoints per
 * building) and played by separate load processes (bench/lib/fleet-load.ts): every terminal holds a signed long poll
 * of the check-in feed and sends a signed heartbeat and a signed 5-entry upload once a minute. Over the steady window
 * phones check in at distinct checkpoints through the public page's routes; measured: the hub's RSS, descriptors and
 * CPU (/proc), p99 of the fan-out (check-in posted → each long-polling terminal of that checkpoint has it) and of
 * uploads. Then ingestion (entries/s) with one replica and with three on the same schema, in the same run.
 * Peers in the same run: `GET /v1/time` (unsigned, no storage) on the same hub during the same window; the idle
 * hub's RSS; one replica's ingestion. Sizes: GATE_BENCH_TERMINALS, GATE_BENCH_FLEET_SECONDS, GATE_BENCH_PERIOD_MS,
 * GATE_BENCH_INGEST_SECONDS (a smoke run shrinks them; its figures then say nothing about the goals).
 */
import { cpus, loadavg } from 'node:os';
import pg from 'pg';
import { PostgresHubStore } from '../hub/storage/postgres/postgres-hub-store.js';
import { killHard, type HubProcess } from '../test/support/hub-process.js';
import { tempDir } from '../test/support/paths.js';
import { benchPostgresSchema } from './lib/bench-postgres.js';
import { fmtMs, fmtRate, latencyRow, LATENCY_COLUMNS, summarise, type BenchResult } from './lib/bench.js';
import type { FleetReport } from './lib/fleet-load.js';
import { ingest, ingestCapped, scalingCeiling, type Ingestion } from './lib/fleet-ingest.js';
import {
  CLOCK_TICKS_PER_SECOND,
  declareForCheckins,
  enrolFleet,
  errorCode,
  forkLoad,
  phoneCheckin,
  procSample,
  requireOpenFiles,
  startReplica,
  tcpCounters,
  tcpDelta,
  TERMINALS_PER_CHECKPOINT,
  within,
  transactionsSoFar,
  writeFleetConfig,
  type ProcSample,
} from './lib/fleet-run.js';

const TERMINALS = Number(process.env.GATE_BENCH_TERMINALS ?? 10_000);
const STEADY_MS = Number(process.env.GATE_BENCH_FLEET_SECONDS ?? 120) * 1000;
const PERIOD_MS = Number(process.env.GATE_BENCH_PERIOD_MS ?? 60_000);
const INGEST_MS = Number(process.env.GATE_BENCH_INGEST_SECONDS ?? 20) * 1000;
const LOAD_PROCESSES = TERMINALS >= 2000 ? 2 : 1;
const RAMP_MS = Math.min(30_000, TERMINALS * 3);
const WAIT_MS = 20_000;
const UPLOAD_BATCH = 5;
const INGEST_TERMINALS = 24;
const INGEST_BATCH = 200;
const CHECKIN_EVERY_MS = 500;
const SETTLE_MS = 5_000;
const GOAL_RSS_MB = 500;
const GOAL_FANOUT_MS = 1000;
const GOAL_SCALE = 1.5;
// Each replica's share of one core in the capped ingestion phase (bench/lib/cpu-cap.ts).
const CAP_PERCENT = Number(process.env.GATE_BENCH_REPLICA_CAP ?? 20);

const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;
const cpuPercent = (from: ProcSample, to: ProcSample, ms: number) => ((to.cpuTicks - from.cpuTicks) / CLOCK_TICKS_PER_SECOND / (ms / 1000)) * 100;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const benchStarted = performance.now();
/** Progress on stderr (the result goes to stdout and RESULTS.md): a 10,000-terminal run takes minutes. */
const step = (what: string) => process.stderr.write(`hub10k +${((performance.now() - benchStarted) / 1000).toFixed(1)} s: ${what}\n`);
const errorsText = (errors: Record<string, number>) => Object.entries(errors).map(([k, n]) => `${k} ×${n}`).join(', ') || 'none';

export async function run(): Promise<BenchResult> {
  const { url, schema, drop } = benchPostgresSchema('hub10k', 'bench_fleet');
  const dataDir = tempDir('bench-fleet');
  const checkpoints = Math.ceil((TERMINALS + 4 * INGEST_TERMINALS) / TERMINALS_PER_CHECKPOINT);
  const hubs: HubProcess[] = [];
  let store: PostgresHubStore | undefined;
  let failure: unknown;
  try {
    step(`starting the hub with ${checkpoints} checkpoints in its config`);
    const hubStarted = performance.now();
    hubs.push(await startReplica(writeFleetConfig(dataDir, 0, url, schema, checkpoints)));
    const hubStartSeconds = (performance.now() - hubStarted) / 1000;
    const hub = hubs[0]!;
    const pid = hub.child.pid!;
    const fdLimit = requireOpenFiles(pid, 'the hub', TERMINALS + 512);
    store = new PostgresHubStore({ url, schema, poolSize: 8 });
    step(`hub started (pid ${pid}); enrolling ${TERMINALS + 4 * INGEST_TERMINALS} terminals`);
    const enrolStarted = performance.now();
    const fleet = await enrolFleet(store, TERMINALS + 4 * INGEST_TERMINALS);
    const enrolSeconds = (performance.now() - enrolStarted) / 1000;
    await sleep(1000);
    const idle = procSample(pid);

    const token = await declareForCheckins(hub.url); // before the fleet connects: the page's own latency is not measured here
    const pgClient = new pg.Client({ connectionString: url });
    await pgClient.connect();
    const transactionsBefore = await transactionsSoFar(pgClient);
    const tcpBefore = tcpCounters();
    // The fleet, in separate processes; every terminal waiting in a long poll before the window starts.
    const stopAt = Date.now() + RAMP_MS + 15_000 + STEADY_MS + 60_000; // hard bound; stopped sooner below
    const share = Math.ceil(TERMINALS / LOAD_PROCESSES);
    const loads = Array.from({ length: LOAD_PROCESSES }, (_, i) =>
      forkLoad({ kind: 'fleet', url: hub.url, terminals: fleet.slice(i * share, Math.min(TERMINALS, (i + 1) * share)), rampMs: RAMP_MS, periodMs: PERIOD_MS, batch: UPLOAD_BATCH, waitMs: WAIT_MS, stopAt }),
    );
    for (const l of loads) requireOpenFiles(l.child.pid!, 'a load process', share + 512);
    step(`enrolled in ${enrolSeconds.toFixed(1)} s; ${LOAD_PROCESSES} load process(es) opening long polls`);
    const rampStarted = performance.now();
    await Promise.race([Promise.all(loads.map((l) => l.ready)), sleep(RAMP_MS + 15_000), ...loads.map((l) => l.done)]);
    const rampSeconds = (performance.now() - rampStarted) / 1000;

    step(`all waiting after ${rampSeconds.toFixed(1)} s; steady window of ${STEADY_MS / 1000} s`);
    // Steady window: a check-in every CHECKIN_EVERY_MS at the next checkpoint, the peer request, /proc samples.
    const windowStart = procSample(pid);
    const loadStart = loads.map((l) => procSample(l.child.pid!));
    const windowStarted = performance.now();
    const windowFrom = Date.now();
    const tcpWindowStart = tcpCounters();
    const samples: ProcSample[] = [windowStart];
    const loadAverages: number[] = [loadavg()[0]!];
    const posted = new Map<string, number>();
    const checkinStatus: Record<string, number> = {};
    const peerMs: number[] = [];
    const peerErrors: Record<string, number> = {};
    const stride = 7; // spreads successive check-ins over buildings
    for (let tick = 0; performance.now() - windowStarted < STEADY_MS; tick++) {
      const tickStarted = performance.now();
      const checkpointId = fleet[(tick * stride * TERMINALS_PER_CHECKPOINT) % TERMINALS]!.checkpointId;
      if (!posted.has(checkpointId)) {
        const { postedAt, status } = await phoneCheckin(hub.url, token, checkpointId);
        checkinStatus[status] = (checkinStatus[status] ?? 0) + 1;
        if (status === 200) posted.set(checkpointId, postedAt);
      }
      const peerStarted = performance.now();
      try {
        await (await fetch(`${hub.url}/v1/time`)).arrayBuffer();
        peerMs.push(performance.now() - peerStarted);
      } catch (error) {
        peerErrors[errorCode(error)] = (peerErrors[errorCode(error)] ?? 0) + 1;
      }
      if (tick % 4 === 0) {
        samples.push(procSample(pid));
        loadAverages.push(loadavg()[0]!);
      }
      await sleep(CHECKIN_EVERY_MS - (performance.now() - tickStarted));
    }
    const windowMs = performance.now() - windowStarted;
    const windowTo = Date.now();
    const tcpWindowEnd = tcpCounters();
    const windowEnd = procSample(pid);
    // A load process already gone (the window outlasted its hard stop: a starved hub) adds no CPU instead of ending the run.
    const loadEnd = loads.map((l, i) => {
      try {
        return procSample(l.child.pid!);
      } catch {
        return loadStart[i]!;
      }
    });
    samples.push(windowEnd);
    for (const l of loads) l.stop(SETTLE_MS); // the last check-ins' deliveries still count
    const reports = (await Promise.all(loads.map((l) => l.done))) as FleetReport[];

    // A receipt is one check-in reaching one terminal (its cursor then moves past it, so never twice).
    const fanout: number[] = [];
    for (const r of reports) {
      for (const [checkpointId, , receivedAt] of r.receipts) {
        const at = posted.get(checkpointId);
        if (at !== undefined) fanout.push(receivedAt - at);
      }
    }
    const expected = posted.size * TERMINALS_PER_CHECKPOINT;
    const sum = <K extends 'polls' | 'uploads' | 'heartbeats'>(k: K) => reports.reduce((s, r) => s + r[k], 0);
    await sleep(1500); // statistics reach pg_stat_database with a delay
    const transactions = (await transactionsSoFar(pgClient)) - transactionsBefore;
    const requests = sum('polls') + sum('uploads') + sum('heartbeats') + posted.size;
    const errors: Record<string, number> = {};
    for (const r of reports) for (const [k, n] of Object.entries(r.errors)) errors[k] = (errors[k] ?? 0) + n;
    // The window's requests (sent in it) apart from the whole run's, which include the ramp's 10,000 first polls.
    const upload = summarise(reports.flatMap((r) => within(r.uploadMs, r.uploadAt, windowFrom, windowTo)));
    const heartbeat = summarise(reports.flatMap((r) => within(r.heartbeatMs, r.heartbeatAt, windowFrom, windowTo)));
    const uploadRun = summarise(reports.flatMap((r) => r.uploadMs));
    const heartbeatRun = summarise(reports.flatMap((r) => r.heartbeatMs));
    const lagInWindow = reports.flatMap((r) => r.loopLag.filter(([at]) => at >= windowFrom && at <= windowTo).map(([, ms]) => ms));
    const loadLag = summarise(lagInWindow);
    const fan = summarise(fanout);
    const peer = summarise(peerMs);
    const peakRss = Math.max(...samples.map((s) => s.rssKb));
    const peakFds = Math.max(...samples.map((s) => s.fds));
    const hubCpu = cpuPercent(windowStart, windowEnd, windowMs);
    const loadCpu = loadStart.reduce((s, from, i) => s + cpuPercent(from, loadEnd[i]!, windowMs), 0);

    await pgClient.end();
    step('fleet done; ingestion with one replica');
    const database = new URL(url).pathname.slice(1);
    // Ingestion, one replica then three on the same schema (each run with its own fresh terminals).
    const fresh = (k: number) => fleet.slice(TERMINALS + k * INGEST_TERMINALS, TERMINALS + (k + 1) * INGEST_TERMINALS);
    const one = await ingest([hub.url], hubs, fresh(0), INGEST_BATCH, INGEST_MS, database);
    const replicasStarted = performance.now();
    // Every replica that started is tracked, so `finally` kills it even when the other one failed.
    const starts = await Promise.allSettled([1, 2].map((i) => startReplica(writeFleetConfig(dataDir, i, url, schema, checkpoints))));
    for (const start of starts) if (start.status === 'fulfilled') hubs.push(start.value);
    for (const start of starts) if (start.status === 'rejected') throw start.reason;
    const replicaStartSeconds = (performance.now() - replicasStarted) / 1000;
    step('ingestion with three replicas');
    const three = await ingest(hubs.map((h) => h.url), hubs, fresh(1), INGEST_BATCH, INGEST_MS, database);
    const scale = three.rate / one.rate;
    step(`ingestion with the replicas capped at ${CAP_PERCENT} % of a core each: one, then three`);
    const capped = await ingestCapped(hubs, [fresh(2), fresh(3)], INGEST_BATCH, INGEST_MS, database, CAP_PERCENT);
    const cappedScale = typeof capped === 'string' ? undefined : capped.all.rate / capped.one.rate;
    const cappedLabel = `each replica capped at ${CAP_PERCENT} % of a core, so the replicas are the limit`;

    const n = (v: number) => v.toLocaleString('en-US');
    return {
      title: `one hub replica holding ${n(TERMINALS)} terminals on PostgreSQL; ingestion with 3 replicas vs 1`,
      method:
        `${n(TERMINALS)} terminals enrolled in ${enrolSeconds.toFixed(1)} s through the store (createEnrolmentToken + claimEnrolmentToken, the route's token claim without its HTTP round trip), ` +
        `${TERMINALS_PER_CHECKPOINT} per checkpoint, played by ${LOAD_PROCESSES} load process(es) against one \`gate-terminal hub\` process over loopback: each holds a signed long poll ` +
        `(waitMs ${WAIT_MS / 1000} s, opened over ${(RAMP_MS / 1000).toFixed(0)} s; all waiting after ${rampSeconds.toFixed(1)} s) and sends a signed heartbeat and a signed ${UPLOAD_BATCH}-entry upload every ${PERIOD_MS / 1000} s at a random phase. ` +
        `Latencies are of the requests sent in a ${(windowMs / 1000).toFixed(0)} s steady window (the whole run's, ramp included, apart), in which a phone checks in every ${CHECKIN_EVERY_MS} ms at another checkpoint (POST /api/checkins); fan-out = check-in posted → a long-polling terminal of that checkpoint has it. ` +
        `Hub RSS, descriptors and CPU from /proc/${'<pid>'}. Then ${INGEST_TERMINALS} terminals upload ${INGEST_BATCH}-entry batches back to back for ${INGEST_MS / 1000} s, to one replica, then round-robin to three; ` +
        `then the same with each replica capped at ${CAP_PERCENT} % of one core (a cgroup CPU quota), which makes the replicas the limit, as where PostgreSQL and the clients have machines of their own.`,
      peer: {
        name: 'GET /v1/time on the same hub, in the same window; the idle hub; one replica',
        method: 'An unsigned request that touches no storage, timed from the bench process every tick of the window: what any request costs on the loaded event loop. RSS against the hub after start, before any terminal connected. Ingestion against one replica.',
      },
      goals: [
        { goal: `hub RSS ≤ ${GOAL_RSS_MB} MB with ${n(TERMINALS)} long polls`, measured: `${mb(peakRss)} peak`, met: peakRss / 1024 <= GOAL_RSS_MB },
        { goal: `check-in fan-out p99 ≤ ${GOAL_FANOUT_MS / 1000} s`, measured: `${fmtMs(fan.p99)} (${n(fanout.length)} of ${n(expected)} deliveries)`, met: fan.p99 <= GOAL_FANOUT_MS && fanout.length >= expected },
        { goal: `ingestion with 3 replicas ≥ ${GOAL_SCALE}× one`, measured: `${scale.toFixed(2)}× (${fmtRate(three.rate)} vs ${fmtRate(one.rate)})`, met: scale >= GOAL_SCALE },
        typeof capped === 'string'
          ? { goal: `the same, ${cappedLabel}`, measured: `not measured: ${capped}`, met: false }
          : { goal: `the same, ${cappedLabel}`, measured: `${cappedScale!.toFixed(2)}× (${fmtRate(capped.all.rate)} vs ${fmtRate(capped.one.rate)})`, met: cappedScale! >= GOAL_SCALE },
      ],
      ratios: [
        { metric: 'upload p99', ours: fmtMs(upload.p99), peer: fmtMs(peer.p99), ratio: upload.p99 / peer.p99, better: 'lower' },
        { metric: 'check-in fan-out p99', ours: fmtMs(fan.p99), peer: fmtMs(peer.p99), ratio: fan.p99 / peer.p99, better: 'lower' },
        { metric: 'hub RSS', ours: mb(peakRss), peer: `${mb(idle.rssKb)} idle`, ratio: peakRss / idle.rssKb, better: 'lower' },
        { metric: 'ingestion', ours: `${fmtRate(three.rate)} (3 replicas)`, peer: `${fmtRate(one.rate)} (1)`, ratio: scale, better: 'higher' },
      ],
      tables: [
        {
          title: 'The hub process under the fleet',
          columns: ['measure', 'value'],
          rows: [
            [`start with ${n(checkpoints)} checkpoints in the config: first replica / two more at once`, `${hubStartSeconds.toFixed(1)} s / ${replicaStartSeconds.toFixed(1)} s`],
            ['RSS idle → peak in the window', `${mb(idle.rssKb)} → ${mb(peakRss)} (${((peakRss - idle.rssKb) / TERMINALS).toFixed(1)} KB per terminal)`],
            ['open descriptors idle → peak (limit)', `${n(idle.fds)} → ${n(peakFds)} (${n(fdLimit)})`],
            ['hub CPU over the window (100 % = one core)', `${hubCpu.toFixed(0)} %`],
            ['load processes CPU over the window', `${loadCpu.toFixed(0)} %`],
            ['1-minute load average in the window (min–max)', `${Math.min(...loadAverages).toFixed(2)}–${Math.max(...loadAverages).toFixed(2)}`],
            ['requests in the whole run: polls / uploads / heartbeats', `${n(sum('polls'))} / ${n(sum('uploads'))} / ${n(sum('heartbeats'))}`],
            ['check-ins posted (answers)', `${posted.size} (${Object.entries(checkinStatus).map(([s, c]) => `${s} ×${c}`).join(', ')})`],
            ['terminal request errors', errorsText(errors)],
            ['load processes: event-loop delay in the window, largest per 500 ms (p50 / p99 / max)', `${fmtMs(loadLag.p50)} / ${fmtMs(loadLag.p99)} / ${fmtMs(loadLag.max)}`],
            ['TCP listen overflows / listen drops / SYN retransmits (machine-wide): whole fleet run; window', `${tcpDelta(tcpBefore, tcpCounters())}; ${tcpDelta(tcpWindowStart, tcpWindowEnd)}`],
            ['uploads and heartbeats unanswered when the run ended (cut)', n(reports.reduce((c, r) => c + r.cut, 0))],
            ['peer (GET /v1/time) errors', errorsText(peerErrors)],
            ['PostgreSQL transactions per terminal request (whole fleet run)', (transactions / requests).toFixed(2)],
          ],
        },
        {
          title: 'Latency under the fleet',
          columns: LATENCY_COLUMNS,
          rows: [
            latencyRow('check-in fan-out (posted → terminal has it)', fan),
            latencyRow('upload (signed, 5 entries)', upload),
            latencyRow('heartbeat (signed)', heartbeat),
            latencyRow('peer: GET /v1/time', peer),
            latencyRow('upload, whole run (the ramp included)', uploadRun),
            latencyRow('heartbeat, whole run (the ramp included)', heartbeatRun),
          ],
        },
        {
          title: 'Ingestion: 1 replica vs 3 on one PostgreSQL',
          columns: ['replicas', 'entries/s', 'batches', 'hub CPU (sum, 100 % = one core)', 'errors', 'PostgreSQL CPU (this database\'s backends and the shared processes)', 'load process CPU', 'other work on the machine (CPU)', 'machine busy', 'CPU µs per entry: hub / PostgreSQL / load', '1-min load average after'],
          rows: ([[one, '1'], [three, '3'], ...(typeof capped === 'string' ? [] : [[capped.one, `1, capped at ${CAP_PERCENT} %`], [capped.all, `3, each capped at ${CAP_PERCENT} %`]])] as [Ingestion, string][]).map(([x, label]) => {
            const perEntry = (cpu: number) => ((cpu / 100) * 1e6 / x.rate).toFixed(0);
            const pct = (v: number) => `${v.toFixed(0)} %`;
            return [label, fmtRate(x.rate), n(x.report.batches), pct(x.hubCpu), errorsText(x.report.errors), pct(x.postgresCpu), pct(x.loadCpu), pct(x.otherCpu), pct(x.machineCpu), `${perEntry(x.hubCpu)} / ${perEntry(x.postgresCpu)} / ${perEntry(x.loadCpu)}`, x.loadAverage.toFixed(2)];
          }),
        },
      ],
      notes: [
        scalingCeiling(one, cpus().length),
        `Descriptor limit: the hub and the load processes run with the hard limit (${n(fdLimit)} here; Node raises its soft limit to it); the bench stops with a message when it cannot hold the fleet.`,
      ],
    };
  } catch (error) {
    failure = error;
    throw error;
  } finally {
    for (const h of hubs) await killHard(h.child, h.exited);
    await store?.close();
    // A failure of the clean-up must not hide the run's own failure.
    await drop().catch((error: unknown) => {
      if (failure === undefined) throw error;
      console.error(`hub10k: dropping the schema failed too: ${(error as Error).message}`);
    });
  }
}
