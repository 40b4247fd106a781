/**
 * The installer's tools through the built CLI: `gate-terminal devices` on this machine and on a recorded inventory,
 * `gate-terminal selftest --hash-pin`, and a full `gate-terminal selftest` against a socat serial scanner and fake
 * gpiod tools (lights, buzzer, relay, door sensor), answering its prompts as the person at the terminal would.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { test } from 'vitest';
import { formatDeviceReport } from '../../main/cli/devices-command.js';
import { fakeGpioTools } from '../support/fake-gpio-tools.js';
import { CLI, ensureBuilt, TEST_ISSUER_PUBLIC, tempDir } from '../support/paths.js';
import { SocatScanner } from '../support/socat.js';

ensureBuilt();

test('devices: this machine (a serial port, no HID, no GPIO) and a recorded inventory with config snippets', () => {
  const run = spawnSync(process.execPath, [CLI, 'devices'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^Serial ports \(\d+\):/);
  assert.match(run.stdout, /HID devices \(0\):/);
  assert.match(run.stdout, /gpiod tools: not installed \(apt-get install gpiod\)/);

  const report = formatDeviceReport({
    serial: [{ path: '/dev/ttyACM0', vendorId: '0c2e', productId: '0b61', manufacturer: 'Honeywell' }, { path: '/dev/ttyS0' }],
    serialById: new Map([['/dev/ttyACM0', '/dev/serial/by-id/usb-Honeywell_Xenon_1950g_20011A0B53-if00']]),
    hid: [
      { path: '/dev/hidraw2', vendorId: 0x05e0, productId: 0x1300, usagePage: 0x8c, usage: 0x02, manufacturer: 'Zebra', product: 'DS2208' },
      { path: '/dev/hidraw3', vendorId: 0x05e0, productId: 0x1200, usagePage: 0x01, usage: 0x06 },
      { path: '/dev/hidraw4', vendorId: 0x046d, productId: 0xc077, usagePage: 0x01, usage: 0x02, product: 'Mouse' },
    ],
    gpioChips: ['/dev/gpiochip0', '/dev/gpiochip4'],
    sysfsChips: [{ dir: 'gpiochip571', base: 571, ngpio: 54, label: 'pinctrl-rp1' }],
    gpiodTools: 2,
    problems: [],
  });
  assert.match(report, /- \{ kind: serial, id: scanner-1, path: \/dev\/serial\/by-id\/usb-Honeywell_Xenon_1950g_20011A0B53-if00, baudRate: 9600 \}/);
  assert.match(report, /- \{ kind: hid, id: scanner-2, protocol: pos, match: \{ vendorId: 0x05e0, productId: 0x1300 \} \}/);
  assert.match(report, /protocol: keyboard/);
  assert.equal(report.match(/hardware\.scanners:/g)?.length, 3, 'no snippet for the mouse or the built-in serial port');
  assert.match(report, /sysfs gpiochip571: pinctrl-rp1, 54 lines, base 571 \(sysfs number = 571 \+ offset\)/);
});

test('selftest exercises a serial scanner, lamps, buzzer, relay and door sensor, and fails what does not answer', async () => {
  const dir = tempDir('selftest');
  const link = join(dir, 'ttyScanner');
  const scanner = new SocatScanner(link);
  await scanner.plug();
  const tools = fakeGpioTools({ version: 1, names: { RELAY: ['gpiochip0', 26] } });
  const line = (offset: number) => ({ chip: 'gpiochip0', offset });
  const configFile = join(dir, 'terminal.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      terminal: { id: 'gate-selftest' },
      checkpoint: { id: 'cp', name: 'Cổng', direction: 'in' },
      trust: { issuers: [{ name: 'test', publicKeyFile: TEST_ISSUER_PUBLIC, test: true }] },
      storage: { dataDir: dir },
      hardware: {
        scanners: [
          { kind: 'serial', id: 'door', path: link, baudRate: 115200 },
          { kind: 'serial', id: 'unplugged', path: join(dir, 'ttyMissing') },
        ],
        lights: { kind: 'gpio', red: line(17), amber: line(27), green: line(22) },
        buzzer: { kind: 'gpio', line: line(23) },
        turnstile: { kind: 'gpio', line: { name: 'RELAY', activeLow: true }, passageSensor: { kind: 'gpio', line: line(5), debounceMs: 0 } },
      },
    }),
  );
  const child = spawn(process.execPath, [CLI, 'selftest', '--config', configFile, '--scan-timeout', '3'], { env: tools.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  createInterface({ input: child.stdout }).on('line', (text) => {
    stdout += text + '\n';
    if (text.startsWith('>>> Scan any') && text.includes('scanner door')) void scanner.send('KBYT1:SELFTEST-READ\r\n');
    if (text.startsWith('>>> Turn the turnstile')) void tools.monitoring('gpiochip0', 5).then(() => tools.emitEdge('gpiochip0', 5, 'rising'));
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  await scanner.unplug();
  const row = (name: string) => stdout.split('\n').find((l) => l.startsWith(name)) ?? `(no row ${name})\n${stdout}\n${stderr}`;
  assert.match(row('Scanner door (serial)'), /PASS +read 19 characters starting "KBYT1:SE…"/);
  assert.match(row('Scanner unplugged (serial)'), /FAIL +absent: .*ttyMissing is not present/);
  for (const name of ['Light red', 'Light amber', 'Light green', 'Buzzer', 'Turnstile relay']) assert.match(row(name), /CHECK +commanded without error/);
  assert.match(row('Passage sensor'), /PASS +passage seen/);
  assert.match(stdout, /FAIL \(1 step\(s\)\) — 5 step\(s\) need your eyes and ears \(CHECK\)/);
  assert.equal(code, 1);
  // Every lamp and the buzzer went on and off again; the relay clicked and ended at its safe (inactive) level.
  for (const offset of [17, 27, 22, 23]) assert.ok(tools.sets('gpiochip0', offset).some((s) => s.value === 1), `line ${offset} was switched on`);
  for (const offset of [17, 27, 22, 23]) assert.equal(tools.lastValue('gpiochip0', offset), 0, `line ${offset} ends off`);
  assert.ok(tools.sets('gpiochip0', 26).some((s) => s.value === 0), 'the active-low relay was energised');
  assert.equal(tools.lastValue('gpiochip0', 26), 1, 'and ends de-energised (safe)');
});
