/**
 * Smoke run of the hub10k bench (bench/hub10k.ts) with 50 terminals and short periods: it runs end to end against a
 * real hub process and PostgreSQL and reports every figure it promises — RSS, descriptors, CPU, fan-out and upload
 * latency, ingestion with 1 and 3 replicas, free and capped at a share of a core each. No timing is asserted (those are the bench's goals, on the full size).
 * Needs GATE_HUB_PG_URL.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { requirePostgres } from '../../support/hub-replicas.js';
import type { BenchResult } from '../../../bench/lib/bench.js';

describe('hub10k bench, smoke size', () => {
  it('reports RSS, descriptors, CPU, fan-out and upload p99, and ingestion with 1 and 3 replicas', { timeout: 240_000 }, async () => {
    requirePostgres();
    Object.assign(process.env, { GATE_BENCH_TERMINALS: '50', GATE_BENCH_FLEET_SECONDS: '8', GATE_BENCH_PERIOD_MS: '3000', GATE_BENCH_INGEST_SECONDS: '2' });
    const { run } = (await import('../../../bench/hub10k.js')) as { run: () => Promise<BenchResult> };
    const result = await run();

    const figure = /\d/;
    assert.equal(result.goals.length, 4);
    // The capped phase ran (a cgroup CPU controller is needed; without one the goal names what is missing).
    assert.match(result.goals[3]!.measured, /^\d+\.\d\d× \(/, result.goals[3]!.measured);
    for (const goal of result.goals) assert.match(goal.measured, figure, goal.goal);
    assert.match(result.goals[1]!.measured, /\((\d+) of \1 deliveries\)/, 'every check-in reached both terminals of its checkpoint');
    for (const ratio of result.ratios) assert.ok(Number.isFinite(ratio.ratio) && ratio.ratio > 0, `${ratio.metric}: ${ratio.ratio}`);

    const hub = new Map(result.tables[0]!.rows.map(([k, v]) => [k!, v!]));
    assert.match(hub.get('RSS idle → peak in the window')!, /^\d+ MB → \d+ MB/);
    assert.match(hub.get('open descriptors idle → peak (limit)')!, /^\d+ → \d+ \(/);
    assert.match(hub.get('hub CPU over the window (100 % = one core)')!, /^\d+ %$/);
    assert.equal(hub.get('terminal request errors'), 'none');
    assert.match(hub.get('PostgreSQL transactions per terminal request (whole fleet run)')!, /^\d+\.\d\d$/);
    const polls = /^([\d,]+) \/ ([\d,]+) \/ ([\d,]+)$/.exec(hub.get('requests in the whole run: polls / uploads / heartbeats')!);
    assert.ok(polls && polls.slice(1).every((n) => Number(n.replace(/,/g, '')) > 0), 'polls, uploads and heartbeats were all made');

    const latency = new Map(result.tables[1]!.rows.map((row) => [row[0]!, row]));
    for (const name of ['check-in fan-out (posted → terminal has it)', 'upload (signed, 5 entries)', 'heartbeat (signed)', 'peer: GET /v1/time']) {
      const row = latency.get(name);
      assert.ok(row, name);
      assert.ok(Number(row[1]!.replace(/,/g, '')) > 0, `${name} has samples`);
      assert.match(row[4]!, /\d/, `${name} p99`);
    }
    const ingestion = result.tables[2]!.rows;
    assert.deepEqual(ingestion.map((r) => r[0]), ['1', '3', '1, capped at 20 %', '3, each capped at 20 %']);
    for (const row of ingestion) {
      assert.match(row[1]!, /^[\d,]+ \/s$/);
      assert.ok(Number(row[1]!.replace(/[^\d]/g, '')) > 0, `${row[0]} replica(s) stored entries`);
      assert.equal(row[4], 'none');
    }
  });
});
