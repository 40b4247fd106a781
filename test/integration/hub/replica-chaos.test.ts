/**
 * Chaos over hub replicas: 2 terminal processes × REPLICA_CHAOS_SCANS scans (400), every request through a round-robin
 * balancer over three hub processes on one PostgreSQL that drops 30 % of them (half before a hub sees them, half after
 * it acted), while the replicas are SIGKILLed in turn (A, B, C, A, B, C) and restarted. A request that lands on a
 * killed replica fails like a dropped one. Afterwards PostgreSQL holds exactly every entry once, each terminal's seq
 * 1..N with its register's ids, and every register row is delivered. Needs GATE_HUB_PG_URL. CHAOS_SEED replays a run.
 */
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it, type TestContext } from 'vitest';
import pg from 'pg';
import { enrolTerminalProcess } from '../../support/hub-process.js';
import { requirePostgres, roundRobin, startReplicas } from '../../support/hub-replicas.js';
import { hubTerminalConfig } from '../../support/hub-terminal.js';
import { ContractClient, startHost, type RunningHost } from '../../support/host-process.js';
import { seededRandom } from '../../support/seeded-random.js';
import { tempDir } from '../../support/paths.js';
import { validToken } from '../../support/tokens.js';

const TERMINALS = 2;
const SCANS = Number(process.env.REPLICA_CHAOS_SCANS ?? 400);
const REPLICAS = 3;
const KILLS = 6;
const DROP_RATE = 0.3;
const seed = Number(process.env.CHAOS_SEED ?? Date.now() % 1_000_000_007);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function hubRows(url: string, schema: string): Promise<{ terminal_id: string; seq: number; entry_id: string }[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`SET search_path TO ${schema}`);
    return (await client.query<{ terminal_id: string; seq: number; entry_id: string }>('SELECT terminal_id, seq::integer AS seq, entry_id FROM entries ORDER BY terminal_id, seq')).rows;
  } finally {
    await client.end();
  }
}

async function replicaChaos(_t: TestContext): Promise<void> {
  const pgUrl = requirePostgres();
  console.log(`seed ${seed} (CHAOS_SEED to replay)`);
  const random = seededRandom(seed);
  const replicas = await startReplicas(REPLICAS);
  const balancer = await roundRobin(replicas, REPLICAS);
  const adminToken = readFileSync(join(replicas.dataDir, 'admin-token'), 'utf8').trim();
  const hosts: RunningHost[] = [];
  const clients: ContractClient[] = [];
  const kills: number[] = [];
  try {
    const terminals = [];
    for (let i = 1; i <= TERMINALS; i++) {
      const dataDir = tempDir(`replica-chaos-t${i}`);
      const created = await fetch(`${replicas.url(i % REPLICAS)}/admin/enrolment-tokens`, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ checkpointId: 'cp-test' }),
      });
      const { token } = (await created.json()) as { token: string };
      const options = { terminalId: `gate-replica-chaos-${i}`, hub: { batchSize: 50, flushDelayMs: 100, pollIntervalSeconds: 5, backoffBaseMs: 50, backoffCapSeconds: 1, requestTimeoutSeconds: 3 } };
      const { terminalId } = await enrolTerminalProcess(dataDir, balancer.url, token, options);
      terminals.push({ dataDir, terminalId, options });
    }
    balancer.setPolicy({
      beforeForward: () => (random() < DROP_RATE / 2 ? 'drop' : 'forward'),
      afterAnswer: (_m, _p, answer) => (random() < DROP_RATE / 2 / (1 - DROP_RATE / 2) ? 'drop' : answer),
    });
    for (const terminal of terminals) {
      const host = await startHost({ dataDir: terminal.dataDir, direction: 'both', extraConfig: hubTerminalConfig(balancer.url, terminal.options) });
      hosts.push(host);
      clients.push(await ContractClient.connect(host.url));
    }
    let scanning = true;
    const killer = (async () => {
      for (let k = 0; k < KILLS; k++) {
        // Kept pauses: seeded chaos (when to kill, how long a replica stays down) is what this test is about; nothing
        // waits on them for a result, so a slow machine only shifts the kills.
        await sleep(scanning ? 500 + random() * 800 : 200);
        await replicas.kill(k % REPLICAS);
        kills.push(k % REPLICAS);
        await sleep(100 + random() * 300);
        await replicas.restart(k % REPLICAS);
      }
    })();
    const acknowledged = await Promise.all(
      clients.map(async (client, i) => {
        const ids: string[] = [];
        for (let n = 0; n < SCANS; n++) ids.push((await client.call('submitScan', { payload: validToken({ name: `Người ${i}.${n}` }), source: 'simulated' })).entryId);
        return ids;
      }),
    );
    scanning = false;
    await killer;
    // Until every queue has drained: no time limit of its own (the test's timeout bounds it); every 20 s it says where
    // it stands, so a test that times out has the reason in its log.
    for (let polls = 1; ; polls++) {
      const queued = await Promise.all(clients.map(async (c) => (await c.call('getSnapshot', {})).sync?.queued ?? -1));
      if (queued.every((q) => q === 0)) break;
      if (polls % 100 === 0) console.log(`not drained yet: queued ${queued.join(', ')}; balancer ${JSON.stringify(balancer.stats)}`);
      await sleep(200); // poll interval
    }
    for (const client of clients) client.close();
    for (const host of hosts) await host.stop();
    const rows = await hubRows(pgUrl, replicas.schema);
    assert.equal(rows.length, TERMINALS * SCANS, 'no loss, no duplicate');
    terminals.forEach((terminal, i) => {
      const register = new Database(join(terminal.dataDir, 'register.sqlite'), { readonly: true });
      const own = register.prepare('SELECT id, seq, delivered_at FROM entries ORDER BY seq').all() as { id: string; seq: number; delivered_at: number | null }[];
      register.close();
      assert.deepEqual(own.map((r) => r.id), acknowledged[i]);
      assert.ok(own.every((r) => r.delivered_at !== null), `terminal ${i + 1}: every row delivered`);
      const held = rows.filter((r) => r.terminal_id === terminal.terminalId);
      assert.deepEqual(held.map((r) => r.seq), own.map((r) => r.seq), `terminal ${i + 1}: seq 1..${SCANS} exactly once`);
      assert.deepEqual(held.map((r) => r.entry_id), own.map((r) => r.id));
    });
    const s = balancer.stats;
    assert.equal(kills.length, KILLS);
    assert.ok(s.droppedBefore > 0 && s.droppedAfter > 0, 'both kinds of drop happened');
    console.log(`${s.requests} requests: ${s.droppedBefore} dropped before a hub, ${s.droppedAfter} answers dropped after, ${s.hubUnreachable} on a killed replica; kills ${kills.join(',')}`);
  } finally {
    for (const client of clients) client.close();
    for (const host of hosts) await host.stop();
    await balancer.close();
    await replicas.dispose();
  }
}

it(`${TERMINALS} terminals × ${SCANS} scans over ${REPLICAS} replicas, ${DROP_RATE * 100} % dropped, replicas SIGKILLed in turn ${KILLS}× → every entry exactly once`, { timeout: 300_000 }, (t) => replicaChaos(t));
