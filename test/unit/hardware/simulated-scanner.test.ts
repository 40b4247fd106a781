/**
 * The simulated scanner is a transport under the real signalling path (issue 21): its reads go through the serial
 * framer, the noise check and the de-bounce as a real scanner's do, and the SerialScanner asks its transport — not
 * the file system — whether the device is there, so a simulated line drives absent / connected / reconnecting too.
 * Time is injected; nothing here sleeps.
 */
import assert from 'node:assert/strict';
import { test } from 'vitest';
import type { ScannerStatusView } from '../../../core/index.js';
import { DEFAULT_FRAMER_OPTIONS } from '../../../hardware/scanner/payload-framer.js';
import type { ScanRead } from '../../../hardware/scanner/scanner.js';
import { SerialScanner } from '../../../hardware/scanner/serial-scanner.js';
import { SimulatedScanner } from '../../../hardware/scanner/simulated-scanner.js';
import { SimulatedSerialTransport } from '../../../hardware/scanner/simulated-serial-transport.js';

const TOKEN = 'KBYT1:eyJ2IjoxLCJpZCI6ImFiYyJ9.c2lnbmF0dXJl';

/** A condition wait (the reconnect runs on the scanner's own retry timer); fails after 5 s. */
async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

function collect(scanner: { onRead(l: (r: ScanRead) => void): () => void; onStatus(l: (s: ScannerStatusView) => void): () => void }) {
  const reads: ScanRead[] = [];
  const statuses: ScannerStatusView[] = [];
  scanner.onRead((r) => reads.push(r));
  scanner.onStatus((s) => statuses.push(s));
  return { reads, statuses };
}

test('a simulated read is framed and delivered as a simulated scan; before start nothing hears it', async () => {
  let now = 1000;
  const scanner = new SimulatedScanner('sim', { debounceMs: 1500, now: () => now });
  const { reads } = collect(scanner);
  assert.equal(scanner.emitPayload(TOKEN), false, 'not started: no device open');
  await scanner.start();
  assert.deepEqual(scanner.status(), { id: 'sim', kind: 'simulated', health: 'connected' }, 'no line settings shown for a simulated line');
  assert.equal(scanner.emitPayload(TOKEN), true);
  now += 10;
  assert.equal(scanner.emitPayload('garbage'), true);
  assert.deepEqual(reads, [
    { scannerId: 'sim', source: 'simulated', payload: TOKEN },
    { scannerId: 'sim', source: 'simulated', payload: 'garbage' },
  ]);
  await scanner.stop();
  assert.equal(scanner.emitPayload(TOKEN), false, 'stopped: nobody reads the line');
});

test('the same code twice within the de-bounce window is one read (the real ScannerSignals de-bounce)', async () => {
  let now = 1000;
  const scanner = new SimulatedScanner('sim', { debounceMs: 1500, now: () => now });
  const { reads } = collect(scanner);
  await scanner.start();
  scanner.emitPayload(TOKEN);
  now += 500;
  scanner.emitPayload(TOKEN);
  now += 1400;
  scanner.emitPayload(TOKEN);
  assert.equal(reads.length, 1, 'each sighting within 1.5 s of the previous one is a double read');
  assert.equal(scanner.duplicateReads, 2);
  now += 1600;
  scanner.emitPayload(TOKEN);
  assert.equal(reads.length, 2, 'a fresh scan after the window is read again');
  await scanner.stop();
});

test('line noise on the simulated line is counted as noise, never delivered; split chunks are one frame', async () => {
  const now = 1000;
  const scanner = new SimulatedScanner('sim', { debounceMs: 0, now: () => now });
  const { reads } = collect(scanner);
  await scanner.start();
  assert.ok(scanner.device.emitData(scanner.path, Uint8Array.from([0x41, 0x01, 0x02, 0x42, 0x0d])));
  assert.ok(scanner.device.emitData(scanner.path, Uint8Array.from([0xff, 0xfe, 0x41, 0x42, 0x0a])));
  assert.equal(reads.length, 0);
  assert.match(scanner.status().detail ?? '', /2 unreadable frame\(s\), last: not UTF-8/);
  scanner.device.emitData(scanner.path, TOKEN.slice(0, 10));
  scanner.device.emitData(scanner.path, `${TOKEN.slice(10)}\r`);
  assert.deepEqual(
    reads.map((r) => r.payload),
    [TOKEN],
  );
  await scanner.stop();
});

test('an unplugged simulated device is reported reconnecting and comes back by itself', async () => {
  const scanner = new SimulatedScanner('sim', { debounceMs: 0, reconnectIntervalMs: 5 });
  const { reads, statuses } = collect(scanner);
  await scanner.start();
  scanner.unplug();
  assert.equal(scanner.status().health, 'reconnecting');
  assert.equal(scanner.emitPayload(TOKEN), false);
  scanner.plug();
  await until(() => scanner.status().health === 'connected', 'the reconnect');
  assert.equal(scanner.status().health, 'connected');
  assert.ok(scanner.emitPayload(TOKEN));
  assert.equal(reads.length, 1);
  assert.deepEqual(
    statuses.map((s) => s.health),
    ['connected', 'reconnecting', 'connected'],
  );
  await scanner.stop();
});

test('SerialScanner asks its transport whether the device node is there (no file system check of its own)', async () => {
  const transport = new SimulatedSerialTransport();
  const path = '/dev/serial/by-id/usb-Honeywell_Scanner-if00';
  const scanner = new SerialScanner({
    id: 'door',
    path,
    line: { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1, rtscts: false },
    framing: DEFAULT_FRAMER_OPTIONS,
    text: {},
    debounceMs: 0,
    reconnectIntervalMs: 5,
    transport,
  });
  const { reads } = collect(scanner);
  await scanner.start();
  assert.equal(scanner.status().health, 'absent');
  assert.match(scanner.status().detail ?? '', /is not present — is the scanner plugged in/);
  transport.plug(path);
  await until(() => scanner.status().health === 'connected', 'the reconnect');
  assert.deepEqual(scanner.status(), { id: 'door', kind: 'serial', health: 'connected', detail: `${path} 9600 8N1` });
  assert.equal(transport.settingsOf(path)?.baudRate, 9600);
  transport.emitData(path, `${TOKEN}\r\n`);
  assert.deepEqual(reads, [{ scannerId: 'door', source: 'serial', payload: TOKEN }]);
  transport.deniedPaths.add(path);
  transport.unplug(path);
  assert.equal(scanner.status().health, 'reconnecting');
  transport.plug(path);
  await until(() => /permission denied/.test(scanner.status().detail ?? ''), 'the next open attempt');
  assert.match(scanner.status().detail ?? '', /permission denied — add the terminal's user to the "dialout" group/);
  await scanner.stop();
});
