/**
 * App version pin end to end, on SQLite and on PostgreSQL: the hub puts its config's pin into the signed bundle; the
 * real terminal applies it, compares it with its own version and reports "update required" in its sync status (the
 * guard screen's banner and status line); the terminal's version reaches the hub on its signed requests.
 */
import assert from 'node:assert/strict';
import { it } from 'vitest';
import { APP_VERSION } from '../../../main/version.js';
import { describeEachStorage, startTestHub } from '../../support/hub-fixture.js';
import { startTestTerminal } from '../../support/hub-terminal.js';
import { recordingLogger } from '../../support/recording-logger.js';

describeEachStorage('app version pin', (kind) => {
  it('a pin the terminal does not meet: bundle carries it, status says update required, the hub learns the version', async () => {
    const hub = await startTestHub(kind, { extra: { appVersion: '>=99.0.0' } });
    const logger = recordingLogger();
    const terminal = await startTestTerminal(hub, { logger });
    try {
      await terminal.sync.syncNow();
      const status = terminal.sync.status();
      assert.equal(status.lastError, null);
      assert.deepEqual(status.appVersion, { running: APP_VERSION, required: '>=99.0.0', updateRequired: true });
      assert.ok(logger.events('warn').includes('app-update-required'), 'not logged on the terminal');
      const report = hub.terminalVersions.of(terminal.identity!.terminalId);
      assert.equal(report?.appVersion, APP_VERSION);
      assert.equal(report?.updateRequired, true);
    } finally {
      await terminal.close();
      await hub.dispose();
    }
  });

  it('a pin the terminal meets, by its terminal name: no update required; no pin: none asked', async () => {
    const hub = await startTestHub(kind, { extra: { terminalAppVersions: { 'gate-pinned': APP_VERSION } } });
    const pinned = await startTestTerminal(hub, { terminalId: 'gate-pinned' });
    const free = await startTestTerminal(hub, { terminalId: 'gate-free' });
    try {
      await pinned.sync.syncNow();
      await free.sync.syncNow();
      assert.deepEqual(pinned.sync.status().appVersion, { running: APP_VERSION, required: APP_VERSION, updateRequired: false });
      assert.deepEqual(free.sync.status().appVersion, { running: APP_VERSION, required: null, updateRequired: false });
      assert.equal(hub.terminalVersions.of(free.identity!.terminalId)?.required, null);
    } finally {
      await pinned.close();
      await free.close();
      await hub.dispose();
    }
  });
});
