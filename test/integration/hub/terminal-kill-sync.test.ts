/**
 * A terminal SIGKILLed in the middle of a sync loses and duplicates nothing. The kill is placed in the worst window
 * on purpose: the hub has committed a batch and answered, and the answer is held by a proxy, so the terminal dies
 * before it could mark those rows delivered. After the restart it sends them again; the hub recognises them as
 * duplicates; in the end the hub holds each register row exactly once and every row is marked delivered.
 * Runs on both hub storages (PostgreSQL with GATE_HUB_PG_URL).
 */
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, it } from 'vitest';
import { HUB_PATHS, type EntryBatchAck } from '../../../core/contract/hub-protocol.js';
import { describeEachStorage, enrolmentToken, startTestHub, type TestHub } from '../../support/hub-fixture.js';
import { enrolTerminalProcess } from '../../support/hub-process.js';
import { startHubProxy, type HubProxy } from '../../support/hub-proxy.js';
import { hubTerminalConfig } from '../../support/hub-terminal.js';
import { ContractClient, startHost, type RunningHost } from '../../support/host-process.js';
import { tempDir } from '../../support/paths.js';
import { validToken } from '../../support/tokens.js';

const KILLS = 4;
const SCANS_PER_LIFE = 120;
/** Each life commits this many scans before the next upload answer triggers the kill. */
const ARM_AFTER = 40;
const OPTIONS = { terminalId: 'gate-kill-01', hub: { batchSize: 25, flushDelayMs: 20, backoffBaseMs: 20, backoffCapSeconds: 0.2, requestTimeoutSeconds: 5 } };

describeEachStorage('terminal SIGKILL during sync', (kind) => {
  let hub: TestHub;
  let proxy: HubProxy;
  beforeAll(async () => {
    hub = await startTestHub(kind, { policy: { antiPassbackWindowMs: 0 } });
    proxy = await startHubProxy(() => hub.url);
  });
  afterAll(async () => {
    await proxy.close();
    await hub.dispose();
  });

  it(`loses and duplicates nothing when killed ${KILLS}× between the hub's commit and the terminal's mark`, { timeout: 300_000 }, async () => {
    const dataDir = tempDir('kill-sync');
    const { terminalId } = await enrolTerminalProcess(dataDir, proxy.url, await enrolmentToken(hub), OPTIONS);
    let host: RunningHost | undefined;
    let armed = false;
    let duplicatesSeen = 0;
    let killedInWindow = 0;
    proxy.setPolicy({
      afterAnswer: (method, path, answer) => {
        if (method !== 'POST' || path !== HUB_PATHS.entries || answer.status !== 200) return answer;
        duplicatesSeen += (JSON.parse(answer.body.toString()) as EntryBatchAck).duplicates;
        if (!armed || !host) return answer;
        armed = false;
        killedInWindow++;
        host.child.kill('SIGKILL'); // the hub committed this batch; the terminal will never hear of it
        return 'drop';
      },
    });
    const acknowledged: string[] = [];
    try {
      for (let life = 0; life <= KILLS; life++) {
        host = await startHost({ dataDir, direction: 'both', extraConfig: hubTerminalConfig(proxy.url, OPTIONS) });
        const client = await ContractClient.connect(host.url);
        try {
          for (let n = 0; n < SCANS_PER_LIFE && host.child.exitCode === null && host.child.signalCode === null; n++) {
            if (n === ARM_AFTER && life < KILLS) armed = true;
            acknowledged.push((await client.call('submitScan', { payload: validToken({ name: `Người ${life}.${n}` }), source: 'simulated' })).entryId);
          }
        } catch {
          // the kill came while a scan was in flight: its answer is lost, its row may or may not be on disk
        }
        if (life < KILLS) {
          const exit = await host.exited;
          assert.equal(exit.signal, 'SIGKILL', `life ${life}: killed by the proxy hook (${host.stderr().slice(-500)})`);
        } else {
          // Until the last life has drained: no time limit of its own (the test's timeout bounds it).
          while ((await client.call('getSnapshot', {})).sync?.queued !== 0) await new Promise((resolve) => setTimeout(resolve, 50)); // poll interval
          await host.stop();
        }
        client.close();
      }
      assert.equal(killedInWindow, KILLS, 'every kill hit the window between the hub commit and the terminal mark');
      assert.ok(duplicatesSeen > 0, 're-sent rows were recognised as duplicates by the hub');

      const register = new Database(join(dataDir, 'register.sqlite'), { readonly: true });
      const rows = register.prepare('SELECT id, seq, delivered_at FROM entries ORDER BY seq').all() as { id: string; seq: number; delivered_at: number | null }[];
      register.close();
      const onDisk = new Set(rows.map((r) => r.id));
      assert.ok(acknowledged.every((id) => onDisk.has(id)), 'every acknowledged scan is in the register');
      assert.deepEqual(rows.map((r) => r.seq), rows.map((_, i) => i + 1));
      assert.ok(rows.every((r) => r.delivered_at !== null), 'every row delivered after the restarts');
      const stats = (await hub.store.entries.stats()).perTerminal.find((p) => p.terminalId === terminalId);
      assert.deepEqual(stats && [stats.count, stats.minSeq, stats.maxSeq], [rows.length, 1, rows.length], 'the hub holds each row exactly once');
      assert.equal((await hub.store.entries.stats()).distinctKeys, (await hub.store.entries.stats()).total);
      console.log(`${rows.length} entries over ${KILLS + 1} lives; ${duplicatesSeen} duplicates re-sent after kills were ignored by the hub`);
    } finally {
      proxy.setPolicy({});
      if (host && host.child.exitCode === null && host.child.signalCode === null) await host.stop();
    }
  });
});
