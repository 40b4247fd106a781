/**
 * The sd_notify relay against a stand-in NOTIFY_SOCKET: assignments sent before the relay process is up are queued
 * and arrive first and in order, one datagram each; without python3 the notifier says so and falls back to
 * `systemd-notify` per message (a stand-in on PATH here); without NOTIFY_SOCKET there is no notifier.
 */
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { createSdNotifier } from '../../../main/process/sd-notify.js';
import { NotifySocket } from '../../support/notify-socket.js';
import { recordingLogger } from '../../support/recording-logger.js';

const work = mkdtempSync(join(tmpdir(), 'gate-sdnotify-'));
let socket: NotifySocket | undefined;
afterAll(() => {
  socket?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('createSdNotifier', () => {
  it('relays each assignment as one datagram, in order, including those sent before the relay started', async () => {
    socket = await NotifySocket.listen();
    const notifier = createSdNotifier({ NOTIFY_SOCKET: socket.path }, recordingLogger())!;
    for (const a of ['READY=1', 'STATUS=gate running', 'WATCHDOG=1', 'WATCHDOG=1']) notifier.send(a);
    notifier.send('STOPPING=1');
    await socket.next((t) => t === 'STOPPING=1');
    notifier.close();
    assert.deepEqual(socket.messages.map((m) => m.text), ['READY=1', 'STATUS=gate running', 'WATCHDOG=1', 'WATCHDOG=1', 'STOPPING=1']);
    assert.throws(() => notifier.send('READY=1\nWATCHDOG=1'), /one sd_notify assignment/);
  });

  it('without python3: logs why and falls back to systemd-notify per message', async () => {
    const sent = join(work, 'systemd-notify.log');
    writeFileSync(join(work, 'systemd-notify'), `#!/bin/sh\necho "$NOTIFY_SOCKET $*" >> "${sent}"\n`);
    chmodSync(join(work, 'systemd-notify'), 0o755);
    const logger = recordingLogger();
    const notifier = createSdNotifier({ NOTIFY_SOCKET: '/run/test.sock', PATH: `${work}:${process.env.PATH}` }, logger, join(work, 'no-python3'))!;
    notifier.send('READY=1');
    // Waits for the notifier to have given up on the relay (its log line), not a guessed pause.
    while (!logger.events('warn').includes('sd-notify-relay-unavailable')) await new Promise((resolve) => setTimeout(resolve, 10));
    notifier.send('WATCHDOG=1');
    notifier.close();
    assert.ok(logger.events('warn').includes('sd-notify-relay-unavailable'));
    assert.equal(readFileSync(sent, 'utf8'), '/run/test.sock READY=1\n/run/test.sock WATCHDOG=1\n');
  });

  it('gives no notifier outside systemd (no NOTIFY_SOCKET)', () => {
    assert.equal(createSdNotifier({}, recordingLogger()), undefined);
  });
});
