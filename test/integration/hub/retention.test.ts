/**
 * Retention, on SQLite and on PostgreSQL: the hub purges entries older than the configured period (28 days) — whole
 * day partitions on PostgreSQL — and logs every purge; terminals purge only rows the hub acknowledged, and the
 * passages relayed from other doors.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, it } from 'vitest';
import { DAY_MS, runHubRetention } from '../../../hub/hub-app.js';
import { runRetention } from '../../../main/storage/retention-job.js';
import { HubDataStore } from '../../../main/sync/hub-data-store.js';
import { describeEachStorage, startTestHub, type TestHub } from '../../support/hub-fixture.js';
import { startTestTerminal } from '../../support/hub-terminal.js';
import { recordingLogger } from '../../support/recording-logger.js';
import { validToken } from '../../support/tokens.js';

const NOW = Date.now();

describeEachStorage('retention', (kind) => {
  let hub: TestHub;
  let hubNow = NOW;
  beforeAll(async () => (hub = await startTestHub(kind, { now: () => hubNow })));
  afterAll(() => hub.dispose());

  it('purges hub entries older than 28 days (by receipt, or by hub-anchored event time) and logs it', async () => {
    const terminal = await startTestTerminal(hub, { hub: { flushDelayMs: 60_000 } });
    try {
      const scan = (n: number) => {
        for (let i = 0; i < n; i++) terminal.app.gate.handleScan('simulated', validToken({ name: `Người ${i}` }));
      };
      hubNow = NOW - 30 * DAY_MS; // received a month ago
      scan(20);
      await terminal.sync.syncNow();
      hubNow = NOW;
      scan(5);
      await terminal.sync.syncNow();
      const id = terminal.identity!.terminalId;
      assert.equal((await hub.store.entries.stats()).perTerminal.find((t) => t.terminalId === id)?.count, 25);

      const logger = recordingLogger();
      const report = await runHubRetention(hub.store, { now: NOW, retentionDays: 28, logger });
      assert.equal(report.entries, 20);
      if (kind === 'postgres') assert.ok(report.partitionsDropped >= 1, 'the month-old day partition is dropped whole');
      const held = (await hub.store.entries.stats()).perTerminal.find((t) => t.terminalId === id);
      assert.deepEqual(held && [held.count, held.minSeq, held.maxSeq], [5, 21, 25]);
      const line = logger.lines.find((l) => l.event === 'retention-purge');
      assert.equal(line?.fields.entries, 20);
      assert.equal(line?.fields.retentionDays, 28);
      assert.equal((await hub.store.terminals.terminal(id))?.contiguousSeq, 25, 'purging never moves the acknowledged position back');

      scan(3);
      await terminal.sync.syncNow();
      assert.equal(terminal.sync.status().queued, 0, 'a purged hub still accepts the next entries in order');
    } finally {
      await terminal.close();
    }
  });

  it('purges on the terminal only delivered rows past retention, and relayed passages past the relay window', async () => {
    const terminal = await startTestTerminal(hub, { hub: { flushDelayMs: 60_000 } });
    try {
      for (let i = 0; i < 10; i++) terminal.app.gate.handleScan('simulated', validToken({ name: `Người ${i}` }));
      await terminal.sync.syncNow();
      for (let i = 0; i < 4; i++) terminal.app.gate.handleScan('simulated', validToken({ name: `Người chờ ${i}` }));
      const purged = runRetention(terminal.app.register, { now: Date.now() + 29 * DAY_MS, retentionDays: 28, hubConfigured: true });
      assert.equal(purged, 10, 'delivered rows go');
      const left = terminal.app.register.database.prepare('SELECT count(*) AS n, min(delivered_at) AS d FROM entries').get() as { n: number; d: number | null };
      assert.deepEqual([left.n, left.d], [4, null], 'undelivered rows wait for the hub');

      const data = new HubDataStore(terminal.app.register.database);
      data.addPassages(
        [
          { cursor: 900_001, terminalId: 'x', checkpointName: 'Cổng X', checkpointKind: 'building-door', subjectHmac: 'aa', direction: 'in', eventTime: NOW - 2 * DAY_MS },
          { cursor: 900_002, terminalId: 'x', checkpointName: 'Cổng X', checkpointKind: 'building-door', subjectHmac: 'bb', direction: 'in', eventTime: NOW },
        ],
        900_002,
      );
      assert.equal(data.purgePassages(NOW - DAY_MS), 1);
      assert.equal(data.lastRelayed('aa'), undefined);
      assert.equal(data.lastRelayed('bb')?.checkpointName, 'Cổng X');
    } finally {
      await terminal.close();
    }
  });
});
