/**
 * Raw-HID scanners: recorded report streams (test/fixtures/hid/, each file says where its layout comes from) through
 * the pure decoders and through the scanners on SimulatedHidTransport; and the real node-hid path on a machine that
 * has no such device, which must say so clearly.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'vitest';
import { HidKeyboardReportDecoder } from '../../../hardware/scanner/hid-keyboard-report-decoder.js';
import { HidPosReportDecoder, type HidPosLayout } from '../../../hardware/scanner/hid-pos-report-decoder.js';
import { HidKeyboardScanner, HidPosScanner } from '../../../hardware/scanner/hid-scanner.js';
import { nodeHidTransport } from '../../../hardware/scanner/hid-transport.js';
import { SimulatedHidTransport } from '../../../hardware/scanner/simulated-hid-transport.js';
import { ROOT } from '../../support/paths.js';
import { watch } from '../../support/serial-scanner-harness.js';

interface Recording {
  readonly expected: string;
  readonly reports: readonly string[];
}

function recording(name: string): { expected: string; reports: Uint8Array[] } {
  const r = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'hid', `${name}.json`), 'utf8')) as Recording;
  return { expected: r.expected, reports: r.reports.map((line) => Uint8Array.from(line.split(' ').map((h) => parseInt(h, 16)))) };
}

const utf8 = (b: Uint8Array) => new TextDecoder().decode(b);
const HONEYWELL = { path: '/dev/hidraw3', vendorId: 0x0c2e, productId: 0x0b61, usagePage: 0x8c, usage: 0x02, product: 'Xenon 1950g' };

test('HID-POS: Honeywell, Zebra and plain layouts, multi-report reads, auto-detection', () => {
  for (const [file, layout] of [
    ['honeywell-hid-pos-two-reports', 'honeywell'],
    ['zebra-hid-pos', 'zebra'],
    ['plain-hid-pos', 'plain'],
  ] as const) {
    const { expected, reports } = recording(file);
    for (const configured of [layout, 'auto'] as HidPosLayout[]) {
      const decoder = new HidPosReportDecoder(configured);
      const reads = reports.map((r) => decoder.push(r));
      assert.deepEqual(reads.slice(0, -1), reports.slice(0, -1).map(() => undefined), `${file}: nothing before the last report`);
      assert.equal(utf8(reads.at(-1)!.bytes), expected, `${file} as ${configured}`);
      if (layout !== 'plain') assert.equal(reads.at(-1)!.aimId, ']Q1');
    }
  }
  const decoder = new HidPosReportDecoder('auto');
  assert.equal(decoder.push(Uint8Array.of(0x01, 5, 0, 0, 0, 0, 0, 0)), undefined, 'other report ids are not scans');
  assert.equal(decoder.ignoredReports, 1);
});

test('boot keyboard: US table with Shift, doubled letters, Enter; Alt + keypad Unicode and Windows-1252; 9-byte reports', () => {
  for (const file of ['boot-keyboard-us', 'boot-keyboard-alt-keypad']) {
    const { expected, reports } = recording(file);
    const decoder = new HidKeyboardReportDecoder();
    const payloads = reports.flatMap((r, i) => decoder.push(r, i * 2));
    assert.deepEqual(payloads, [expected], file);
    assert.equal(decoder.unknownKeys, 0);
  }
  const decoder = new HidKeyboardReportDecoder({ maxGapMs: 100 });
  const key = (usage: number, mod = 0) => Uint8Array.of(mod, 0, usage, 0, 0, 0, 0, 0);
  const none = key(0);
  // A stray key, a long pause, then a scan: the stray key does not glue onto the scan.
  const out = [key(0x1b), none, key(0x04), none, key(0x05), none, key(0x28), none].flatMap((r, i) => decoder.push(r, i < 2 ? i : 1000 + i));
  assert.deepEqual(out, ['ab']);
  assert.deepEqual(decoder.push(Uint8Array.of(1, 2, 3), 2000), []);
  assert.equal(decoder.invalidReports, 1);
});

test('HidPosScanner: absent until plugged, reads, hot-unplug → reconnecting, replug → reads again, double reads swallowed', async () => {
  const transport = new SimulatedHidTransport();
  const scanner = new HidPosScanner({ id: 'hid-door', match: { vendorId: 0x0c2e, usagePage: 0x8c }, pollIntervalMs: 60_000, debounceMs: 1500, text: {}, transport, layout: 'auto' });
  const watched = watch(scanner);
  await scanner.start();
  try {
    assert.equal(scanner.status().health, 'absent');
    assert.match(scanner.status().detail!, /no HID device matching vendor 0x0c2e, usage page 0x008c/);
    transport.plug({ path: '/dev/hidraw9', vendorId: 0x0c2e, productId: 0x0b61, usagePage: 0x01, usage: 0x06 }); // its keyboard interface
    transport.plug(HONEYWELL);
    await scanner.poll();
    assert.equal(scanner.status().health, 'connected');
    assert.match(scanner.status().detail!, /Xenon 1950g \(0x0c2e:0x0b61, usage page 0x008c\) at \/dev\/hidraw3/);
    const { expected, reports } = recording('honeywell-hid-pos-two-reports');
    for (let twice = 0; twice < 2; twice++) for (const r of reports) transport.emitReport(HONEYWELL.path, r);
    assert.deepEqual(watched.reads, [expected]);
    assert.equal(scanner.duplicateReads, 1);

    transport.unplug(HONEYWELL.path);
    await watched.waitForHealth('reconnecting');
    assert.match(scanner.status().detail!, /went away/);
    transport.plug(HONEYWELL);
    await scanner.poll();
    assert.equal(scanner.status().health, 'connected');
    const zebra = recording('zebra-hid-pos');
    for (const r of zebra.reports) transport.emitReport(HONEYWELL.path, r);
    assert.deepEqual(watched.reads, [expected, zebra.expected]);
    assert.deepEqual(
      watched.statuses.map((s) => s.health).filter((h, i, all) => h !== all[i - 1]),
      ['absent', 'connected', 'reconnecting', 'connected'],
    );
  } finally {
    await scanner.stop();
  }
  assert.equal(transport.isOpen(HONEYWELL.path), false);
});

test('HidKeyboardScanner reads keyboard reports from hidraw; a device the user may not open says so', async () => {
  const transport = new SimulatedHidTransport();
  transport.plug({ path: '/dev/hidraw5', vendorId: 0x05e0, productId: 0x1200, usagePage: 0x01, usage: 0x06 });
  transport.deniedPaths.add('/dev/hidraw5');
  const scanner = new HidKeyboardScanner({ id: 'kb', match: { vendorId: 0x05e0, usagePage: 0x01, usage: 0x06 }, pollIntervalMs: 60_000, debounceMs: 0, text: {}, transport });
  const watched = watch(scanner);
  await scanner.start();
  try {
    assert.equal(scanner.status().health, 'absent');
    assert.match(scanner.status().detail!, /permission denied/);
    transport.deniedPaths.clear();
    await scanner.poll();
    const { expected, reports } = recording('boot-keyboard-us');
    for (const r of reports) transport.emitReport('/dev/hidraw5', r);
    assert.deepEqual(watched.reads, [expected]);
  } finally {
    await scanner.stop();
  }
});

test('the real node-hid transport: no device here, and opening a missing one fails with the path and the fix', async () => {
  const transport = nodeHidTransport();
  assert.ok(Array.isArray(await transport.list()));
  await assert.rejects(transport.open('/dev/hidraw-gate-test-missing'), (error: Error) => {
    assert.match(error.message, /cannot open HID device \/dev\/hidraw-gate-test-missing/);
    assert.match(error.message, /plugdev|udev/);
    return true;
  });
  const scanner = new HidPosScanner({ id: 'real', match: { vendorId: 0xfff1, productId: 0xfff2 }, pollIntervalMs: 60_000, debounceMs: 0, text: {}, layout: 'auto' });
  await scanner.start();
  try {
    assert.deepEqual(scanner.status(), {
      id: 'real',
      kind: 'hid-pos',
      health: 'absent',
      detail: 'no HID device matching vendor 0xfff1, product 0xfff2 — is it plugged in and in the configured mode?',
    });
  } finally {
    await scanner.stop();
  }
});
