/**
 * The real host (`node dist/cli.mjs start`) under a stand-in NOTIFY_SOCKET with a 1 s watchdog: READY=1 arrives,
 * then WATCHDOG=1 every ~0.5 s while a renderer beats over the WebSocket bridge, and WATCHDOG=1 stops (with a
 * STATUS= reason) once the renderer falls silent — which is when systemd would restart the unit.
 */
import assert from 'node:assert/strict';
import { afterAll, describe, it } from 'vitest';
import { ContractClient, startHost, type RunningHost } from '../support/host-process.js';
import { NotifySocket } from '../support/notify-socket.js';
import { rendererSilenceLimitMs } from '../../main/process/watchdog-heartbeat.js';

const WATCHDOG_MS = 1_000;
let host: RunningHost | undefined;
let notify: NotifySocket | undefined;
afterAll(async () => {
  await host?.stop();
  notify?.close();
});

describe('sd_notify watchdog of the browser host', () => {
  it('sends READY=1, pets while the renderer beats, and stops petting when it falls silent', async () => {
    notify = await NotifySocket.listen();
    host = await startHost({ env: { NOTIFY_SOCKET: notify.path, WATCHDOG_USEC: String(WATCHDOG_MS * 1000) } });
    await notify.next((t) => t === 'READY=1');
    assert.equal(notify.messages[0]!.text, 'READY=1', 'READY=1 must come first');

    const client = await ContractClient.connect(host.url);
    const beating = setInterval(() => void client.call('heartbeat', {}).catch(() => undefined), 500);
    const beatStart = performance.now();
    await client.call('heartbeat', {});
    // A wait for the third pet while beating, not a 2 s pause and a count (a loaded machine pets late, not never).
    await notify.nth(3, (t) => t === 'WATCHDOG=1', beatStart);
    const petsWhileBeating = notify.messages.filter((m) => m.text === 'WATCHDOG=1' && m.at >= beatStart).length;

    clearInterval(beating);
    const silentSince = performance.now();
    const withheld = await notify.next((t) => t.startsWith('STATUS=watchdog withheld: the guard screen has been silent'), silentSince);
    // No pet after the withholding, for longer than systemd's watchdog interval. Kept pause: the absence IS the
    // behaviour; load cannot fail it (nothing beats any more, and earlier pets are read before the withholding).
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    assert.equal(notify.messages.filter((m) => m.text === 'WATCHDOG=1' && m.at > withheld.at).length, 0);
    const silenceMs = withheld.at - silentSince;
    assert.ok(silenceMs >= rendererSilenceLimitMs(WATCHDOG_MS) - 600, `withheld after only ${Math.round(silenceMs)} ms of silence`);
    const pets = notify.messages.filter((m) => m.text === 'WATCHDOG=1').map((m) => m.at);
    const gaps = pets.slice(1).map((at, i) => at - pets[i]!);
    console.log(`WATCHDOG_USEC ${WATCHDOG_MS} ms: ${petsWhileBeating} pets while beating, gap max ${Math.round(Math.max(...gaps))} ms; withheld ${Math.round(silenceMs)} ms after the last beat (limit ${rendererSilenceLimitMs(WATCHDOG_MS)} ms)`);

    // Beats again: the pets resume (a restarted renderer reconnects).
    const resumedFrom = performance.now();
    await client.call('heartbeat', {});
    await notify.next((t) => t === 'WATCHDOG=1', resumedFrom);
    client.close();
  });
});
