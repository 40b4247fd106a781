/**
 * The Electron main's watchdog over a stand-in NOTIFY_SOCKET: READY=1 once the window exists, WATCHDOG=1 while the
 * window's renderer beats over IPC, withheld while Electron reports the renderer unresponsive (even if beats still
 * arrive), resumed when it is responsive again, STOPPING=1 on quit.
 */
import assert from 'node:assert/strict';
import { afterAll, describe, it } from 'vitest';
import { IPC_CALL_CHANNEL } from '../../../core/index.js';
import { APP_URL } from '../../../main/electron/window-options.js';
import { startElectronMain, type ElectronMainRun } from '../../support/electron-main-harness.js';
import { NotifySocket } from '../../support/notify-socket.js';

let run: ElectronMainRun | undefined;
let notify: NotifySocket | undefined;
afterAll(() => notify?.close());

describe('Electron main watchdog', () => {
  it('pets while the renderer beats and responds, withholds while it is unresponsive, says STOPPING=1 on quit', async () => {
    notify = await NotifySocket.listen();
    run = startElectronMain({ env: { NOTIFY_SOCKET: notify.path, WATCHDOG_USEC: '400000' } });
    await run.started;
    await notify.next((t) => t === 'READY=1');
    const beat = () => void run!.fake.invoke(IPC_CALL_CHANNEL, APP_URL, 'heartbeat', {});
    beat();
    const beating = setInterval(beat, 100);
    try {
      const pet = await notify.next((t) => t === 'WATCHDOG=1');
      run.fake.windows[0]!.emit('unresponsive');
      const withheld = await notify.next((t) => t === 'STATUS=watchdog withheld: Electron reports the guard screen unresponsive', pet.at);
      // Kept pause: "no pet while unresponsive" is the behaviour; load cannot fail it (while unresponsive every tick
      // withholds, and a pet sent before the withholding is read before it).
      await new Promise((resolve) => setTimeout(resolve, 600));
      assert.equal(notify.messages.filter((m) => m.text === 'WATCHDOG=1' && m.at > withheld.at).length, 0, 'petted while unresponsive');
      run.fake.windows[0]!.emit('responsive');
      await notify.next((t) => t === 'WATCHDOG=1', performance.now());
    } finally {
      clearInterval(beating);
    }
    const { exitCode } = await run.quit();
    assert.equal(exitCode, 0);
    await notify.next((t) => t === 'STOPPING=1', 0);
  });
});
