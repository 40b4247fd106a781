/**
 * Electron main start-up, driven through a fake electron module and a real gate app: what must happen before
 * 'ready', the one hardened window on gate://app/index.html, the session and protocol, the single-instance lock.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { afterEach, describe, it } from 'vitest';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type CallEnvelope, type GateSnapshot } from '../../../core/index.js';
import { APP_URL } from '../../../main/electron/window-options.js';
import { permissionCheckHandler, permissionRequestHandler } from '../../../main/electron/harden-web-contents.js';
import { fakeEvent, FakeWebContents } from '../../support/fake-electron.js';
import { startElectronMain, TEST_INDEX_HTML, type ElectronMainRun } from '../../support/electron-main-harness.js';

let run: ElectronMainRun | undefined;
afterEach(async () => {
  if (run && (await run.started)) await run.quit();
  run = undefined;
});

describe('runElectronMain start-up', () => {
  it('enables the sandbox and registers the gate scheme before ready, and nothing that needs ready', async () => {
    run = startElectronMain({ autoReady: false });
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(run.fake.calls, ['app.enableSandbox', 'app.requestSingleInstanceLock', 'protocol.registerSchemesAsPrivileged', 'app.whenReady']);
    assert.deepEqual(run.fake.privilegedSchemes.map((s) => s.scheme), ['gate']);
    run.fake.ready();
    await run.started;
    const afterReady = run.fake.calls.slice(run.fake.calls.indexOf('ready'));
    for (const call of ['Menu.setApplicationMenu', 'protocol.handle(gate)', 'new BrowserWindow']) assert.ok(afterReady.includes(call), call);
  });

  it('removes the application menu', async () => {
    run = startElectronMain();
    await run.started;
    assert.deepEqual(run.fake.applicationMenus, [null]);
  });

  it('opens exactly one window and loads exactly gate://app/index.html', async () => {
    run = startElectronMain();
    await run.started;
    assert.equal(run.fake.windows.length, 1);
    assert.deepEqual(run.fake.windows[0]!.loadedUrls, [APP_URL]);
    assert.equal(APP_URL, 'gate://app/index.html');
  });

  it('builds the window from the hardened options, with the bundled preload and devtools off in production', async () => {
    run = startElectronMain({ production: true });
    await run.started;
    const prefs = run.fake.windows[0]!.options.webPreferences as Record<string, unknown>;
    assert.equal(prefs.preload, join(run.distDir, 'preload.cjs'));
    assert.deepEqual(
      [prefs.contextIsolation, prefs.sandbox, prefs.nodeIntegration, prefs.webSecurity, prefs.webviewTag, prefs.devTools],
      [true, true, false, true, false, false],
    );
    assert.equal(run.fake.windows[0]!.options.kiosk, false);
  });

  it('takes kiosk from the config and allows devtools in development', async () => {
    run = startElectronMain({ production: false, host: { kiosk: true } });
    await run.started;
    const win = run.fake.windows[0]!;
    assert.equal(win.options.kiosk, true);
    assert.equal((win.options.webPreferences as Record<string, unknown>).devTools, true);
  });

  it('shows the window only once it is ready to show', async () => {
    run = startElectronMain();
    await run.started;
    const win = run.fake.windows[0]!;
    assert.equal(win.shown, false);
    win.emit('ready-to-show');
    assert.equal(win.shown, true);
  });

  it('hardens every web contents created, the window and any later one', async () => {
    run = startElectronMain();
    await run.started;
    const win = run.fake.windows[0]!;
    const away = fakeEvent();
    win.webContents.emit('will-navigate', away, 'https://evil.example/');
    assert.equal(away.defaultPrevented, true);
    const later = new FakeWebContents();
    run.fake.app.emit('web-contents-created', fakeEvent(), later);
    assert.deepEqual(later.windowOpenHandler?.({ url: 'https://evil.example/' }), { action: 'deny' });
  });

  it('installs the camera-only permission policy on the default session', async () => {
    run = startElectronMain();
    await run.started;
    assert.equal(run.fake.permissions.request, permissionRequestHandler);
    assert.equal(run.fake.permissions.check, permissionCheckHandler);
    assert.equal((run.fake.permissions.device as () => boolean)(), false);
  });

  it('serves the renderer from dist/renderer on the gate scheme', async () => {
    run = startElectronMain();
    await run.started;
    const response = await run.fake.protocolHandlers.get('gate')!(new Request(APP_URL));
    assert.equal(response.status, 200);
    assert.equal(await response.text(), TEST_INDEX_HTML);
  });

  it('answers contract calls from the window over IPC with the real gate (host mode electron)', async () => {
    run = startElectronMain();
    await run.started;
    const answer = (await run.fake.invoke(IPC_CALL_CHANNEL, APP_URL, 'getSnapshot', {})) as CallEnvelope;
    assert.equal(answer.ok, true);
    const snapshot = (answer as { result: GateSnapshot }).result;
    assert.equal(snapshot.terminal.hostMode, 'electron');
    assert.equal(snapshot.terminal.terminalId, 'gate-test-01');
    const refused = (await run.fake.invoke(IPC_CALL_CHANNEL, 'https://evil.example/', 'getSnapshot', {})) as CallEnvelope;
    assert.equal(!refused.ok && refused.error.code, 'FORBIDDEN_SENDER');
  });

  it('forwards gate events to the window', async () => {
    run = startElectronMain();
    await run.started;
    await run.fake.invoke(IPC_CALL_CHANNEL, APP_URL, 'setDirection', { direction: 'out' });
    const directionEvents = run.fake.windows[0]!.webContents.sent.filter((m) => (m.args[0] as { name?: string }).name === 'direction');
    assert.deepEqual(directionEvents, [{ channel: IPC_EVENT_CHANNEL, args: [{ name: 'direction', data: { direction: 'out' } }] }]);
  });

  it('focuses the existing window when a second instance is started', async () => {
    run = startElectronMain();
    await run.started;
    run.fake.app.emit('second-instance', fakeEvent(), [], '/');
    assert.equal(run.fake.windows[0]!.focused, true);
  });
});

describe('runElectronMain as a second instance', () => {
  it('quits without a window, a gate app or an IPC handler when the single-instance lock is taken', async () => {
    let created = 0;
    const second = startElectronMain({
      singleInstanceLock: false,
      createApp: () => {
        created++;
        return Promise.reject(new Error('must not be created'));
      },
    });
    assert.equal(await second.started, undefined);
    assert.ok(second.fake.calls.includes('app.quit'));
    assert.equal(second.fake.windows.length, 0);
    assert.equal(second.fake.ipcHandlers.size, 0);
    assert.equal(created, 0);
    assert.equal(second.fake.calls.includes('app.whenReady'), false);
  });
});
