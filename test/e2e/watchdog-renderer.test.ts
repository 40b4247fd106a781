/**
 * The guard screen itself keeps the browser host's watchdog fed (host process + Chromium + a stand-in
 * NOTIFY_SOCKET): with the real renderer open, WATCHDOG=1 keeps coming past the silence limit; when the page goes
 * away (a crashed or closed kiosk browser), the pets stop. Without the page's beats over the WebSocket bridge the
 * host would still be in its 60 s start-up grace and never withhold, so the second half proves the beats.
 */
import assert from 'node:assert/strict';
import { afterAll, it } from 'vitest';
import { launchChromium, type LaunchedChromium } from '../support/chromium.js';
import { startHost, type RunningHost } from '../support/host-process.js';
import { NotifySocket } from '../support/notify-socket.js';
import { rendererSilenceLimitMs } from '../../main/process/watchdog-heartbeat.js';

const WATCHDOG_MS = 1_000;
let host: RunningHost | undefined;
let notify: NotifySocket | undefined;
let browser: LaunchedChromium | undefined;
afterAll(async () => {
  await browser?.close();
  await host?.stop();
  notify?.close();
});

it('the real renderer beats over the WebSocket: pets go on while the page is open and stop once it is gone', async () => {
  notify = await NotifySocket.listen();
  host = await startHost({ env: { NOTIFY_SOCKET: notify.path, WATCHDOG_USEC: String(WATCHDOG_MS * 1000) } });
  await notify.next((t) => t === 'READY=1');
  browser = await launchChromium();
  const page = await browser.context.newPage();
  await page.goto(host.url);
  const silenceLimit = rendererSilenceLimitMs(WATCHDOG_MS);
  // Longer than the silence limit, with the page open: a wait for two pets after the limit has passed (a fixed pause
  // would count pets that a loaded machine sends late), and none withheld meanwhile.
  const openFrom = performance.now();
  // (If the pets stopped, this wait is what fails, at the test's timeout.)
  await notify.nth(2, (t) => t === 'WATCHDOG=1', openFrom + silenceLimit);
  assert.ok(!notify.messages.some((m) => m.text.startsWith('STATUS=watchdog withheld')), 'withheld while the page was open');

  await page.close();
  const closedAt = performance.now();
  const withheld = await notify.next((t) => t.startsWith('STATUS=watchdog withheld: the guard screen has been silent'), closedAt);
  // Kept pause: it IS the behaviour ("no pet for longer than a watchdog interval after withholding"). Load cannot fail
  // it: with the page gone nothing beats, and a pet sent before the withholding is read before it (one socket, in order).
  await new Promise((resolve) => setTimeout(resolve, 1_200));
  assert.equal(notify.messages.filter((m) => m.text === 'WATCHDOG=1' && m.at > withheld.at).length, 0, 'petted after the page was gone');
});
