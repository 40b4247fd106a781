/**
 * `getTerminalDetails` (the settings screen's terminal information) through the contract handler and over the
 * Electron IPC bridge: behind the settings PIN, sharing its wrong-PIN lockout with the self-test, and telling the
 * checkpoint, department, version, terminal id and hub link as configured.
 */
import assert from 'node:assert/strict';
import { afterAll, test } from 'vitest';
import { IPC_CALL_CHANNEL, type CallEnvelope, type TerminalDetails } from '../../../core/index.js';
import { createGateApp, type GateApp } from '../../../main/composition/create-gate-app.js';
import { loadConfig } from '../../../main/config/load-config.js';
import { registerIpcBridge } from '../../../main/electron/ipc-bridge.js';
import { APP_URL } from '../../../main/electron/window-options.js';
import { createContractHandler } from '../../../main/host/contract-handlers.js';
import { silentLogger } from '../../../main/platform/logger.js';
import { hashPin } from '../../../main/selftest/settings-pin.js';
import { createFakeElectron } from '../../support/fake-electron.js';
import { writeTestConfig } from '../../support/host-process.js';
import { tempDir } from '../../support/paths.js';

const apps: GateApp[] = [];
afterAll(async () => {
  for (const app of apps) await app.close();
});

async function gateApp(extraConfig: Record<string, unknown>): Promise<GateApp> {
  const dataDir = tempDir('terminal-details');
  const config = loadConfig(writeTestConfig(dataDir, { direction: 'in', extraConfig: { hardware: { selfTest: { pinHash: hashPin('2468') } }, ...extraConfig } }));
  const app = await createGateApp(config, { hostMode: 'browser', logger: silentLogger });
  apps.push(app);
  return app;
}

/** The call's error code ('ok' when it answered), whether it refuses at once (bad params) or after the PIN check. */
const codeOf = async (fn: () => unknown) => {
  try {
    await fn();
    return 'ok';
  } catch (error) {
    return (error as { code: string }).code;
  }
};

test('refuses without the right PIN; with it, tells the checkpoint, department, version, ids; standalone has no hub', async () => {
  const app = await gateApp({ policy: { department: 'ke-toan' } });
  const handle = createContractHandler(app);
  assert.equal(await codeOf(() => handle('getTerminalDetails', { pin: '1111' })), 'BAD_PIN');
  assert.equal(await codeOf(() => handle('getTerminalDetails', {})), 'BAD_PARAMS');
  const details = (await handle('getTerminalDetails', { pin: '2468' })) as TerminalDetails;
  assert.equal(details.terminal.checkpointId, 'cp-test');
  assert.equal(details.terminal.checkpointName, 'Cổng thử nghiệm');
  assert.equal(details.terminal.directionMode, 'in');
  assert.equal(details.terminal.terminalId, app.config.terminal.id);
  assert.match(details.terminal.version, /^\d+\.\d+\.\d+/);
  assert.equal(details.department, 'ke-toan');
  assert.equal(details.hub, null);
});

test('wrong PINs for the details and for the self-test count towards one lockout', async () => {
  const handle = createContractHandler(await gateApp({}));
  for (let i = 0; i < 3; i++) assert.equal(await codeOf(() => handle('getTerminalDetails', { pin: '0000' })), 'BAD_PIN');
  for (let i = 0; i < 2; i++) assert.equal(await codeOf(() => handle('runSelfTest', { pin: '0000' })), 'BAD_PIN');
  assert.equal(await codeOf(() => handle('getTerminalDetails', { pin: '2468' })), 'PIN_LOCKED', 'five wrong PINs in all lock the settings');
});

test('a terminal configured for a hub but not enrolled shows the hub URL and no enrolment', async () => {
  const app = await gateApp({ hub: { url: 'http://127.0.0.1:9/' } });
  const details = (await createContractHandler(app)('getTerminalDetails', { pin: '2468' })) as TerminalDetails;
  assert.equal(details.hub?.url, 'http://127.0.0.1:9/');
  assert.equal(details.hub?.enrolment, null);
  assert.equal(details.department, null);
});

test('the same call over Electron IPC from the app frame', async () => {
  const app = await gateApp({});
  const fake = createFakeElectron();
  registerIpcBridge(fake.electron.ipcMain, createContractHandler(app));
  const wrong = (await fake.invoke(IPC_CALL_CHANNEL, APP_URL, 'getTerminalDetails', { pin: '9999' })) as CallEnvelope;
  assert.deepEqual(wrong, { ok: false, error: { code: 'BAD_PIN', message: 'wrong PIN' } });
  const right = (await fake.invoke(IPC_CALL_CHANNEL, APP_URL, 'getTerminalDetails', { pin: '2468' })) as CallEnvelope;
  assert.equal(right.ok && (right.result as TerminalDetails).terminal.checkpointId, 'cp-test');
});
