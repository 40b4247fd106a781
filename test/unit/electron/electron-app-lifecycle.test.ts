/**
 * Electron main after start-up: renderer crashes and hangs, quitting (relay safe, gate app closed, exit code), and
 * the fail-safe process listeners, which must not outlive the app.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it, vi } from 'vitest';
import { IPC_CALL_CHANNEL } from '../../../core/index.js';
import { createGateApp, type GateApp } from '../../../main/composition/create-gate-app.js';
import { CLOSE_TIMEOUT_MS, RELOAD_AFTER_UNRESPONSIVE_MS } from '../../../main/electron/electron-app.js';
import { APP_URL } from '../../../main/electron/window-options.js';
import { silentLogger } from '../../../main/platform/logger.js';
import { fakeEvent } from '../../support/fake-electron.js';
import { startElectronMain, type ElectronMainRun } from '../../support/electron-main-harness.js';

const PROCESS_EVENTS = ['SIGTERM', 'SIGINT', 'SIGHUP', 'exit', 'uncaughtException', 'unhandledRejection'] as const;
const listenerCounts = () => PROCESS_EVENTS.map((e) => process.listenerCount(e));

let run: ElectronMainRun | undefined;
afterEach(async () => {
  vi.useRealTimers();
  if (run && run.fake.exitCodes.length === 0 && (await run.started)) await run.quit();
  run = undefined;
});

async function started(options: Parameters<typeof startElectronMain>[0] = {}) {
  run = startElectronMain(options);
  const handle = (await run.started)!;
  return { run, handle, win: run.fake.windows[0]! };
}

describe('renderer crashes and hangs', () => {
  it('reloads gate://app/index.html when the renderer process is gone', async () => {
    const { run, win } = await started();
    win.webContents.emit('render-process-gone', fakeEvent(), { reason: 'crashed', exitCode: 139 });
    assert.deepEqual(win.loadedUrls, [APP_URL, APP_URL]);
    assert.ok(run.logger.events('error').includes('renderer-gone'));
  });

  it('does not reload a renderer that goes away while the app is quitting', async () => {
    const { run, win } = await started();
    await run.quit();
    win.webContents.emit('render-process-gone', fakeEvent(), { reason: 'clean-exit', exitCode: 0 });
    assert.deepEqual(win.loadedUrls, [APP_URL]);
  });

  it('logs a failed page load instead of leaving the rejection unhandled (the fail-safe would end the process)', async () => {
    const { run } = await started({ loadURL: () => Promise.reject(new Error('ERR_ABORTED (-3) loading gate://app/index.html')) });
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(run.logger.events('error'), ['renderer-load-failed']);
  });

  it('crashes (and so reloads) a renderer that stays unresponsive, once', async () => {
    const { win } = await started();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    win.emit('unresponsive');
    vi.advanceTimersByTime(RELOAD_AFTER_UNRESPONSIVE_MS / 2);
    win.emit('unresponsive');
    vi.advanceTimersByTime(RELOAD_AFTER_UNRESPONSIVE_MS - 1);
    assert.equal(win.webContents.crashes, 0);
    vi.advanceTimersByTime(RELOAD_AFTER_UNRESPONSIVE_MS);
    assert.equal(win.webContents.crashes, 1);
  });

  it('leaves a renderer alone that becomes responsive again in time', async () => {
    const { win } = await started();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    win.emit('unresponsive');
    vi.advanceTimersByTime(RELOAD_AFTER_UNRESPONSIVE_MS - 1);
    win.emit('responsive');
    vi.advanceTimersByTime(RELOAD_AFTER_UNRESPONSIVE_MS * 2);
    assert.equal(win.webContents.crashes, 0);
  });
});

describe('quitting', () => {
  it('quits when the last window is closed', async () => {
    const { run } = await started();
    run.fake.app.emit('window-all-closed');
    assert.ok(run.fake.calls.includes('app.quit'));
  });

  it('holds will-quit once, closes the gate app, then exits 0', async () => {
    const { run, handle } = await started();
    const { firstEventPrevented, exitCode } = await run.quit();
    assert.equal(firstEventPrevented, true);
    assert.equal(exitCode, 0);
    assert.throws(() => handle.gateApp.register.recent(1), /not open|closed/i);
    assert.equal(run.fake.ipcHandlers.has(IPC_CALL_CHANNEL), false);
    const again = fakeEvent();
    run.fake.app.emit('will-quit', again);
    assert.equal(again.defaultPrevented, false);
    assert.deepEqual(run.fake.exitCodes, [0]);
  });

  for (const safePosition of ['locked', 'released'] as const) {
    it(`puts the relay in its safe position (${safePosition}) on quit, after a pulse`, async () => {
      const { run, handle } = await started({ hostOptions: { safePosition } });
      const relay = handle.gateApp.hardware.simulated!.relay;
      relay.pulse(60_000);
      assert.equal(relay.state().position, 'released');
      const before = relay.commands.length;
      await run.quit();
      assert.deepEqual(
        relay.commands.slice(before).map((c) => [c.action, c.position]),
        [['safe-state', safePosition], ['safe-state', safePosition]],
      );
      assert.equal(relay.state().position, safePosition);
    });
  }

  it('exits 1 (and still removes its process listeners) when closing the gate app fails', async () => {
    const baseline = listenerCounts();
    const { run } = await started({
      createApp: async (config) => {
        const real = await createGateApp(config, { hostMode: 'electron', logger: silentLogger });
        return { ...real, close: () => real.close().then(() => Promise.reject(new Error('disk gone'))) };
      },
    });
    const { exitCode } = await run.quit();
    assert.equal(exitCode, 1);
    assert.ok(run.logger.events('error').includes('close-failed'));
    assert.deepEqual(listenerCounts(), baseline);
  });

  it('exits 1 after a time limit when closing hangs, with the relay already safe', async () => {
    let real: GateApp | undefined;
    const { run } = await started({
      createApp: async (config) => {
        real = await createGateApp(config, { hostMode: 'electron', logger: silentLogger });
        return { ...real, close: () => new Promise<void>(() => {}) };
      },
    });
    const relay = real!.hardware.simulated!.relay;
    relay.pulse(60_000);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    run.fake.app.emit('will-quit', fakeEvent());
    assert.equal(relay.state().position, 'locked');
    assert.deepEqual(run.fake.exitCodes, []);
    vi.advanceTimersByTime(CLOSE_TIMEOUT_MS);
    assert.equal(await run.fake.exited, 1);
    assert.ok(run.logger.events('error').includes('close-timed-out'));
    await real!.close();
  });
});

describe('fail-safe process listeners', () => {
  it('are installed while the app runs and removed when it quits', async () => {
    const baseline = listenerCounts();
    const { run } = await started();
    assert.deepEqual(
      listenerCounts(),
      baseline.map((n) => n + 1),
    );
    await run.quit();
    assert.deepEqual(listenerCounts(), baseline);
  });

  it('on SIGTERM put the relay in its safe position and ask Electron to quit', async () => {
    const before = process.listeners('SIGTERM');
    const { run, handle } = await started();
    const onSigterm = process.listeners('SIGTERM').find((l) => !before.includes(l))!;
    const relay = handle.gateApp.hardware.simulated!.relay;
    relay.pulse(60_000);
    onSigterm('SIGTERM');
    assert.equal(relay.state().position, 'locked');
    assert.ok(run.fake.calls.includes('app.quit'));
  });
});
