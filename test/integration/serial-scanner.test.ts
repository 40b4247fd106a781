/**
 * SerialScanner for real: node-serialport on a pseudo-terminal made by socat (`apt-get install -y socat`). Killing
 * socat is pulling the cable; starting it again on the same device link is plugging it back in.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seededRandom } from '../../bench/lib/bench.js';
import { serialRig } from '../support/serial-scanner-harness.js';

test('payloads are framed on CR, LF, CR LF and split CR LF, with AIM ids stripped and UTF-8 intact', async () => {
  const rig = await serialRig();
  try {
    assert.equal(rig.scanner.status().health, 'connected');
    await rig.device.send('KBYT1:AAA\r\n]Q1KBYT1:BBB\r');
    await rig.device.send('Nguyễn Văn Bình|079090001234\n');
    await rig.device.send('HC1:CCC\r');
    await rig.device.send('\nHC1:DDD\r\n');
    assert.deepEqual(await rig.watched.waitForReads(5), ['KBYT1:AAA', 'KBYT1:BBB', 'Nguyễn Văn Bình|079090001234', 'HC1:CCC', 'HC1:DDD']);
  } finally {
    await rig.close();
  }
});

test('a scanner without a suffix is framed by the inter-byte gap', async () => {
  const rig = await serialRig({ framing: { terminator: 'idle', interByteTimeoutMs: 40 } });
  try {
    await rig.device.send('KBYT1:NO-SUFFIX');
    assert.deepEqual(await rig.watched.waitForReads(1), ['KBYT1:NO-SUFFIX']);
    for (const part of ['KBYT1:', 'SEC', 'OND']) await rig.device.send(part); // one read arriving in pieces
    assert.deepEqual(await rig.watched.waitForReads(2), ['KBYT1:NO-SUFFIX', 'KBYT1:SECOND']);
  } finally {
    await rig.close();
  }
});

test('64 KB of line noise is counted, never delivered, and the next real scan reads cleanly', async () => {
  const rig = await serialRig();
  try {
    const random = seededRandom(0x5ca1ab1e);
    const garbage = Uint8Array.from({ length: 64 * 1024 }, () => Math.floor(random() * 256));
    // Half of it without any terminator, to overflow the frame limit as a wrong baud rate would.
    const noTerminators = garbage.subarray(32 * 1024).map((b) => (b === 0x0a || b === 0x0d ? 0x00 : b));
    for (let i = 0; i < 32 * 1024; i += 4096) await rig.device.send(garbage.subarray(i, i + 4096));
    for (let i = 0; i < noTerminators.length; i += 4096) await rig.device.send(noTerminators.subarray(i, i + 4096));
    await rig.device.send('\r\nKBYT1:AFTER-THE-NOISE\r\n');
    assert.deepEqual(await rig.watched.waitForReads(1), ['KBYT1:AFTER-THE-NOISE']);
    const status = rig.scanner.status();
    assert.equal(status.health, 'connected');
    assert.match(status.detail ?? '', /\d+ unreadable frame\(s\).*check baud rate/);
  } finally {
    await rig.close();
  }
});

test('a port missing at start is "absent" until it appears; a double read within the window is swallowed', async () => {
  const rig = await serialRig({ plugged: false, debounceMs: 1000 });
  try {
    assert.equal(rig.scanner.status().health, 'absent');
    assert.match(rig.scanner.status().detail ?? '', /not present/);
    await rig.device.plug();
    await rig.watched.waitForHealth('connected');
    await rig.device.send('KBYT1:TWICE\r\nKBYT1:TWICE\r\nKBYT1:OTHER\r\n');
    assert.deepEqual(await rig.watched.waitForReads(2), ['KBYT1:TWICE', 'KBYT1:OTHER']);
    assert.equal(rig.scanner.duplicateReads, 1);
  } finally {
    await rig.close();
  }
});
