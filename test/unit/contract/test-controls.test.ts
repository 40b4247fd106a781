/**
 * Test controls (core/contract/test-contract.ts) stay off the production contract: they are not in GATE_METHODS or
 * GateCalls, the Electron main and the WebSocket browser host answer them UNKNOWN_METHOD — exactly as a method that
 * does not exist — unless started with GATE_TERMINAL_TEST=1, and the renderer and preload bundles never name them.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, it } from 'vitest';
import WebSocket from 'ws';
import {
  GATE_METHODS,
  GATE_TEST_METHODS,
  IPC_CALL_CHANNEL,
  TEST_CONTROLS_ENV,
  testControlsRequested,
  type CallEnvelope,
  type GateMethod,
  type GateTestMethod,
  type ServerMessage,
  type SimulatedHardwareLog,
} from '../../../core/index.js';
import { createGateApp, type GateApp } from '../../../main/composition/create-gate-app.js';
import { loadConfig } from '../../../main/config/load-config.js';
import { APP_URL } from '../../../main/electron/window-options.js';
import { startBrowserHost } from '../../../main/host/browser-host.js';
import { createContractHandler } from '../../../main/host/contract-handlers.js';
import { silentLogger } from '../../../main/platform/logger.js';
import { startElectronMain, type ElectronMainRun } from '../../support/electron-main-harness.js';
import { writeTestConfig } from '../../support/host-process.js';
import { ensureBuilt, ROOT, tempDir } from '../../support/paths.js';

const DIST = join(ROOT, 'dist');

// Type level: a test method is never a production method (this line fails tsc if one is added to GateCalls).
const disjoint: [Extract<GateTestMethod, GateMethod>] extends [never] ? true : false = true;

const apps: GateApp[] = [];
const runs: ElectronMainRun[] = [];
afterAll(async () => {
  for (const run of runs) if (await run.started) await run.quit();
  for (const app of apps) await app.close();
});

async function gateApp(): Promise<GateApp> {
  const config = loadConfig(writeTestConfig(tempDir('test-controls'), { direction: 'in' }));
  const app = await createGateApp(config, { hostMode: 'browser', logger: silentLogger });
  apps.push(app);
  return app;
}

const codeOf = (fn: () => unknown): string => {
  try {
    fn();
    return 'ok';
  } catch (error) {
    return (error as { code: string }).code;
  }
};

/** One call over the browser host's WebSocket: the result, or the error's code. */
async function wsCall(url: string, method: string): Promise<{ result?: unknown; code?: string }> {
  const ws = new WebSocket(url.replace(/^http/, 'ws').replace(/\/$/, '') + '/bridge');
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  try {
    const answer = await new Promise<ServerMessage>((resolve) => {
      ws.on('message', (data: Buffer) => {
        const message = JSON.parse(data.toString()) as ServerMessage;
        if (message.type !== 'event') resolve(message);
      });
      ws.send(JSON.stringify({ type: 'call', id: 1, method, params: {} }));
    });
    return answer.type === 'result' ? { result: answer.result } : answer.type === 'error' ? { code: answer.error.code } : {};
  } finally {
    ws.close();
  }
}

describe('test controls are not in the production contract', () => {
  it('no test method is a production method, and the test mode needs GATE_TERMINAL_TEST=1 exactly', () => {
    assert.equal(disjoint, true);
    assert.deepEqual(GATE_TEST_METHODS, ['getSimulatedHardwareLog']);
    for (const method of GATE_TEST_METHODS) assert.ok(!(GATE_METHODS as readonly string[]).includes(method), method);
    assert.equal(testControlsRequested({}), false);
    assert.equal(testControlsRequested({ [TEST_CONTROLS_ENV]: '0' }), false);
    assert.equal(testControlsRequested({ [TEST_CONTROLS_ENV]: 'true' }), false);
    assert.equal(testControlsRequested({ [TEST_CONTROLS_ENV]: '1' }), true);
  });

  it('the contract handler answers them UNKNOWN_METHOD, like a method that does not exist, unless asked for them', async () => {
    const app = await gateApp();
    const production = createContractHandler(app);
    for (const method of GATE_TEST_METHODS) assert.equal(codeOf(() => production(method, {})), 'UNKNOWN_METHOD', method);
    assert.equal(codeOf(() => production('noSuchMethod', {})), 'UNKNOWN_METHOD');
    const testing = createContractHandler(app, { testControls: true });
    const log = testing('getSimulatedHardwareLog', {}) as SimulatedHardwareLog;
    assert.ok(log.relayCommands.length > 0 && log.relayCommands.every((c) => c.action === 'safe-state'), 'the relay went to its safe position at start, and nothing else');
    assert.deepEqual(log.buzzerPatterns, []);
    assert.equal(codeOf(() => testing('getSimulatedHardwareLog', { all: true })), 'BAD_PARAMS', 'validated like every call');
  });

  it('the WebSocket browser host accepts them only in test mode', async () => {
    const app = await gateApp();
    const rendererDir = tempDir('test-controls-renderer');
    const production = await startBrowserHost(app, { host: '127.0.0.1', port: 0, rendererDir, logger: silentLogger });
    const testing = await startBrowserHost(app, { host: '127.0.0.1', port: 0, rendererDir, logger: silentLogger, testControls: true });
    try {
      assert.deepEqual(await wsCall(production.url, 'getSimulatedHardwareLog'), { code: 'UNKNOWN_METHOD' });
      assert.ok(((await wsCall(production.url, 'getSnapshot')).result as { terminal?: unknown }).terminal, 'the production contract itself answers');
      const answer = (await wsCall(testing.url, 'getSimulatedHardwareLog')).result as SimulatedHardwareLog;
      assert.ok(Array.isArray(answer.relayCommands));
    } finally {
      await production.close();
      await testing.close();
    }
  });

  it('the Electron main registers them over IPC only when started with GATE_TERMINAL_TEST=1', async () => {
    const call = async (env: NodeJS.ProcessEnv) => {
      const run = startElectronMain({ env });
      runs.push(run);
      await run.started;
      return (await run.fake.invoke(IPC_CALL_CHANNEL, APP_URL, 'getSimulatedHardwareLog', {})) as CallEnvelope;
    };
    const production = await call({});
    assert.equal(!production.ok && production.error.code, 'UNKNOWN_METHOD');
    const testing = await call({ [TEST_CONTROLS_ENV]: '1' });
    assert.ok(testing.ok && Array.isArray((testing.result as SimulatedHardwareLog).relayCommands));
  });

  it('the renderer and preload bundles never name a test control', () => {
    ensureBuilt();
    const files = [join(DIST, 'preload.cjs'), ...readdirSync(join(DIST, 'renderer')).filter((f) => f.endsWith('.js')).map((f) => join(DIST, 'renderer', f))];
    assert.ok(files.length >= 2);
    for (const file of files) for (const method of GATE_TEST_METHODS) assert.ok(!readFileSync(file, 'utf8').includes(method), `${file} names ${method}`);
  });
});
