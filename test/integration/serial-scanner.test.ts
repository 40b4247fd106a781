/**
 * SerialScanner for real: node-serialport on a pseudo-terminal made by socat (`apt-get install -y socat`). Killing
 * socat is pulling the cable; starting it again on the same device link is plugging it back in.
 */
import assert from 'node:assert/strict';
import { test } from 'vitest';
import { join } from 'node:path';
import { seededRandom } from '../../bench/lib/bench.js';
import { createGateApp } from '../../main/composition/create-gate-app.js';
import { loadConfig } from '../../main/config/load-config.js';
import { silentLogger } from '../../main/platform/logger.js';
import { writeTestConfig } from '../support/host-process.js';
import { tempDir } from '../support/paths.js';
import { serialRig, watch } from '../support/serial-scanner-harness.js';
import { SocatScanner } from '../support/socat.js';

test('payloads are framed on CR, LF, CR LF and split CR LF, with AIM ids stripped and UTF-8 intact', async () => {
  const rig = await serialRig();
  try {
    assert.equal(rig.scanner.status().health, 'connected');
    await rig.device.send('KBYT1:AAA\r\n]Q1KBYT1:BBB\r');
    await rig.device.send('079090001234||Nguyễn Văn Bình|01011990\n');
    await rig.device.send('HC1:CCC\r');
    await rig.device.send('\nHC1:DDD\r\n');
    assert.deepEqual(await rig.watched.waitForReads(5), ['KBYT1:AAA', 'KBYT1:BBB', '079090001234||Nguyễn Văn Bình|01011990', 'HC1:CCC', 'HC1:DDD']);
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

test('64 KB of printable line noise with CRs is counted, not decided; opting in decides it (issue 17)', async () => {
  const random = seededRandom(0x0badcafe);
  // Printable ASCII with a CR now and then: what a loose cable or a wrong character set produces.
  const noise = Array.from({ length: 64 * 1024 }, () => (random() < 0.01 ? '\r' : String.fromCharCode(0x20 + Math.floor(random() * 95)))).join('');
  const rig = await serialRig();
  try {
    for (let i = 0; i < noise.length; i += 4096) await rig.device.send(noise.slice(i, i + 4096));
    await rig.device.send('\r\nKBYT1:AFTER-THE-NOISE\r\n');
    assert.deepEqual(await rig.watched.waitForReads(1), ['KBYT1:AFTER-THE-NOISE'], 'no read for the noise (there were 665 deny rows)');
    assert.match(rig.scanner.status().detail ?? '', /\d{3} unreadable frame\(s\)/);
  } finally {
    await rig.close();
  }
  const optedIn = await serialRig({ text: { decideUnrecognised: true } });
  try {
    await optedIn.device.send('một mã QR lạ\r\n');
    assert.deepEqual(await optedIn.watched.waitForReads(1), ['một mã QR lạ']);
  } finally {
    await optedIn.close();
  }
});

test('a port missing at start is "absent"" until it appears; a double read within the window is swallowed', async () => {
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

test('100 unplug / replug cycles of a running gate: reconnects every time, no app restart, no lost scan', { timeout: 300_000 }, async () => {
  const started = performance.now();
  const dataDir = tempDir('serial-gate');
  const link = join(dataDir, 'ttyACM-scanner');
  const device = new SocatScanner(link);
  await device.plug();
  const config = loadConfig(
    writeTestConfig(dataDir, {
      extraConfig: { hardware: { scanDebounceMs: 0, scanners: [{ kind: 'serial', id: 'door', path: link, baudRate: 115200, reconnectIntervalMs: 20 }] } },
    }),
  );
  const app = await createGateApp(config, { hostMode: 'browser', logger: silentLogger });
  const scanner = app.hardware.scanners[0]!;
  const watched = watch(scanner);
  const screenHealth: string[] = [];
  app.gate.events.add((e) => e.name === 'scanners' && screenHealth.push(e.data[0]!.health));
  const CYCLES = 100;
  try {
    assert.equal(scanner.status().health, 'connected');
    for (let i = 1; i <= CYCLES; i++) {
      await device.unplug(i % 2 === 0 ? 'SIGTERM' : 'SIGKILL');
      await watched.waitForHealth('reconnecting');
      await device.plug();
      await watched.waitForHealth('connected');
      await device.send(`KBYT1:LOOP-${i}-SCAN\r\n`);
      assert.deepEqual((await watched.waitForReads(i)).at(-1), `KBYT1:LOOP-${i}-SCAN`, `cycle ${i}`);
      assert.equal(app.register.lastSequence, i, `cycle ${i}: the read became entry ${i}`);
    }
    assert.equal(watched.reads.length, CYCLES);
    const rows = app.register.database.prepare("SELECT count(*) AS n FROM entries WHERE scan_source = 'serial'").get() as { n: number };
    assert.equal(rows.n, CYCLES);
    // The guard screen heard every transition (status details change in between: "went away", "not present").
    const transitions = screenHealth.filter((h, i) => h !== screenHealth[i - 1]);
    assert.deepEqual(transitions, Array.from({ length: CYCLES }, () => ['reconnecting', 'connected']).flat());
  } finally {
    await app.close();
    await device.unplug();
  }
  console.log(`${CYCLES} cycles in ${((performance.now() - started) / 1000).toFixed(1)} s`);
});
