/**
 * Re-enrolling after terminal.id changed (issue 17): the rows recorded under the old id are counted on the screen
 * (never "queued 0" while they wait), `enrol --force` refuses with their count until they are drained, and once the
 * old id has synced them the terminal enrols under the new id. Real hub (SQLite and PostgreSQL), real terminal app.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, it } from 'vitest';
import { loadConfig } from '../../../main/config/load-config.js';
import { systemClock } from '../../../main/platform/clock.js';
import { enrolAndResetOutbox } from '../../../main/sync/enrol-and-reset.js';
import { CHECKPOINT, describeEachStorage, enrolmentToken, startTestHub, type TestHub } from '../../support/hub-fixture.js';
import { startTestTerminal, waitFor, writeHubTerminalConfig } from '../../support/hub-terminal.js';
import { tempDir } from '../../support/paths.js';
import { validToken } from '../../support/tokens.js';

describeEachStorage('re-enrolment with a queue', (kind) => {
  let hub: TestHub;
  beforeAll(async () => (hub = await startTestHub(kind)));
  afterAll(() => hub.dispose());

  it('counts the old id’s rows, refuses enrol --force until they are drained, then enrols', async () => {
    const dataDir = tempDir('terminal');
    const first = await startTestTerminal(hub, { dataDir, terminalId: 'cong-cu', hub: { flushDelayMs: 60_000 } });
    for (let i = 0; i < 3; i++) first.app.gate.handleScan('simulated', validToken({ name: `Người ${i}` }));
    await first.close();

    const renamed = await startTestTerminal(hub, { dataDir, terminalId: 'cong-moi', enrol: false, hub: { flushDelayMs: 60_000 } });
    try {
      assert.equal(renamed.sync.status().queued, 3, 'the screen shows the three rows waiting, not 0');
      const token = await enrolmentToken(hub, CHECKPOINT);
      const hubConfig = { ...renamed.config, hub: renamed.config.hub! };
      await assert.rejects(enrolAndResetOutbox(renamed.app.register.database, hubConfig, token, { clock: systemClock(), force: true }), (error: Error & { code?: string }) => {
        assert.equal(error.code, 'QUEUE_NOT_DRAINED');
        assert.match(error.message, /3 entries are not uploaded yet \(3 under "cong-cu"\): set terminal\.id back to "cong-cu"/);
        assert.match(error.message, /3 lượt ra vào chưa gửi lên máy chủ/);
        return true;
      });
    } finally {
      await renamed.close();
    }

    const back = await startTestTerminal(hub, { dataDir, terminalId: 'cong-cu', enrol: false });
    try {
      await back.sync.syncNow();
      await waitFor(() => back.sync.status().queued === 0, 'the old id drained');
      assert.equal((await hub.store.entries.stats()).total, 3);
    } finally {
      await back.close();
    }

    const config = loadConfig(writeHubTerminalConfig(dataDir, hub.url, { terminalId: 'cong-moi' }));
    const again = await startTestTerminal(hub, { dataDir, terminalId: 'cong-moi', enrol: false });
    try {
      const enrolled = await enrolAndResetOutbox(again.app.register.database, { ...config, hub: config.hub! }, await enrolmentToken(hub, CHECKPOINT), { clock: systemClock(), force: true });
      assert.match(enrolled.identity.terminalId, /^cong-moi/);
      assert.equal(enrolled.firstSeq, 1);
    } finally {
      await again.close();
    }
  });
});
