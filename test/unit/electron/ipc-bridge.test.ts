/**
 * The contract over Electron IPC: only frames of gate://app may call; answers are envelopes (errors as data, internal
 * details never reach the renderer); events go to the window while it exists.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import type { WebContents } from 'electron';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type CallEnvelope, type GateEventMessage } from '../../../core/index.js';
import { forwardEvents, registerIpcBridge } from '../../../main/electron/ipc-bridge.js';
import { APP_URL } from '../../../main/electron/window-options.js';
import { ContractError, type ContractHandler } from '../../../main/host/contract-handlers.js';
import { createFakeElectron, FakeWebContents } from '../../support/fake-electron.js';
import { recordingLogger } from '../../support/recording-logger.js';

const echo: ContractHandler = (method, params) => ({ method, params });

function bridge(handler: ContractHandler) {
  const fake = createFakeElectron();
  const logger = recordingLogger();
  const remove = registerIpcBridge(fake.electron.ipcMain, handler, logger);
  const call = (frameUrl: string | undefined, method: unknown, params?: unknown) =>
    fake.invoke(IPC_CALL_CHANNEL, frameUrl, method, params) as Promise<CallEnvelope>;
  return { fake, logger, remove, call };
}

describe('IPC bridge calls', () => {
  it('dispatches a call from the app frame and answers {ok:true, result}', async () => {
    const { call } = bridge(echo);
    assert.deepEqual(await call(APP_URL, 'getSnapshot', {}), { ok: true, result: { method: 'getSnapshot', params: {} } });
  });

  it('refuses a call from another origin without running the handler', async () => {
    let ran = 0;
    const { call } = bridge(() => ran++);
    for (const url of ['https://evil.example/', 'file:///tmp/page.html', 'gate://evil/index.html']) {
      const answer = await call(url, 'getSnapshot', {});
      assert.equal(answer.ok, false);
      assert.equal(!answer.ok && answer.error.code, 'FORBIDDEN_SENDER', url);
    }
    assert.equal(ran, 0);
  });

  it('refuses a call whose frame is gone (senderFrame null)', async () => {
    const { call } = bridge(echo);
    const answer = await call(undefined, 'getSnapshot', {});
    assert.equal(!answer.ok && answer.error.code, 'FORBIDDEN_SENDER');
  });

  it('refuses a method that is not a string', async () => {
    const { call } = bridge(echo);
    const answer = await call(APP_URL, { toString: () => 'getSnapshot' });
    assert.equal(!answer.ok && answer.error.code, 'BAD_MESSAGE');
  });

  it('passes a ContractError back as {ok:false, error:{code, message}}', async () => {
    const { call, logger } = bridge(() => {
      throw new ContractError('BAD_PARAMS', 'setDirection: direction: invalid option');
    });
    assert.deepEqual(await call(APP_URL, 'setDirection', { direction: 'up' }), {
      ok: false,
      error: { code: 'BAD_PARAMS', message: 'setDirection: direction: invalid option' },
    });
    assert.deepEqual(logger.events('error'), []);
  });

  it('answers an unexpected error with INTERNAL, keeps its message out of the answer, and logs it', async () => {
    const { call, logger } = bridge(() => {
      throw new Error('SQLITE_CORRUPT at /var/lib/gate/register.sqlite');
    });
    const answer = await call(APP_URL, 'getSnapshot', {});
    assert.equal(!answer.ok && answer.error.code, 'INTERNAL');
    assert.doesNotMatch(JSON.stringify(answer), /SQLITE|register\.sqlite/);
    assert.deepEqual(logger.events('error'), ['call-failed']);
  });

  it('registers one handler on the call channel and removes it again', () => {
    const { fake, remove } = bridge(echo);
    assert.deepEqual([...fake.ipcHandlers.keys()], [IPC_CALL_CHANNEL]);
    remove();
    assert.equal(fake.ipcHandlers.size, 0);
  });
});

describe('forwardEvents', () => {
  const direction: GateEventMessage = { name: 'direction', data: { direction: 'out' } };

  function subscription() {
    let listener: ((event: GateEventMessage) => void) | undefined;
    let unsubscribed = false;
    const subscribe = (l: (event: GateEventMessage) => void) => {
      listener = l;
      return () => void (unsubscribed = true);
    };
    return { subscribe, emit: (e: GateEventMessage) => listener?.(e), unsubscribed: () => unsubscribed };
  }

  it('sends each gate event to the window on the event channel', () => {
    const contents = new FakeWebContents();
    const source = subscription();
    forwardEvents(source.subscribe, () => contents as unknown as WebContents);
    source.emit(direction);
    assert.deepEqual(contents.sent, [{ channel: IPC_EVENT_CHANNEL, args: [direction] }]);
  });

  it('drops events while there is no window or it is destroyed', () => {
    const contents = new FakeWebContents();
    const window: { contents?: FakeWebContents } = {};
    const source = subscription();
    forwardEvents(source.subscribe, () => window.contents as unknown as WebContents | undefined);
    source.emit(direction);
    window.contents = contents;
    contents.destroyed = true;
    source.emit(direction);
    assert.deepEqual(contents.sent, []);
  });

  it('returns the unsubscribe function of the source', () => {
    const source = subscription();
    const stop = forwardEvents(source.subscribe, () => undefined);
    assert.equal(source.unsubscribed(), false);
    stop();
    assert.equal(source.unsubscribed(), true);
  });
});
