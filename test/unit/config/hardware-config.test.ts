/**
 * The `hardware` config section and the composition root that turns it into drivers: defaults, USB ids in lsusb form,
 * errors with their field path, and which driver each setting builds (with the transports swapped for simulated ones).
 */
import assert from 'node:assert/strict';
import { test } from 'vitest';
import { createHardware, createRelay } from '../../../main/composition/create-hardware.js';
import { ConfigError, validateConfig, type GateConfig } from '../../../main/config/load-config.js';
import { GpioTurnstileRelay } from '../../../hardware/turnstile/gpio-turnstile-relay.js';
import { GpioBuzzer, GpioSignalLights } from '../../../hardware/signal-lights/gpio-signal-lights.js';
import { GpioPassageSensor } from '../../../hardware/turnstile/passage-sensor.js';
import { HidKeyboardScanner, HidPosScanner } from '../../../hardware/scanner/hid-scanner.js';
import { SerialScanner } from '../../../hardware/scanner/serial-scanner.js';
import { SimulatedGpio } from '../../../hardware/gpio/simulated-gpio-line.js';
import { SimulatedHidTransport } from '../../../hardware/scanner/simulated-hid-transport.js';
import { TEST_ISSUER_PUBLIC } from '../../support/paths.js';

function config(hardware: unknown): GateConfig {
  return validateConfig('/etc/gate/terminal.yaml', {
    terminal: { id: 't1' },
    checkpoint: { id: 'cp', name: 'Cổng', direction: 'in' },
    trust: { issuers: [{ name: 'test', publicKeyFile: TEST_ISSUER_PUBLIC }] },
    hardware,
  });
}

function refused(hardware: unknown): string {
  try {
    config(hardware);
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return `${error.fieldPath}: ${error.problem}`;
  }
  throw new Error('the config was accepted');
}

test('defaults: one simulated scanner, simulated outputs, 1.5 s double-read window, libgpiod on gpiochip0', () => {
  const h = config(undefined).hardware;
  assert.deepEqual(h.scanners, [{ kind: 'simulated', id: 'simulated' }]);
  assert.equal(h.scanDebounceMs, 1500);
  assert.deepEqual(h.gpio, { driver: 'libgpiod', chip: 'gpiochip0', consumer: 'gate-terminal' });
  assert.equal(h.turnstile.kind, 'simulated');
  assert.equal(h.turnstile.passageTimeoutMs, 10_000);
  assert.equal(h.selfTest.scanTimeoutSeconds, 15);
});

test('scanner settings: serial framing, USB ids as in lsusb, HID protocols', () => {
  const h = config({
    scanners: [
      { kind: 'serial', id: 'a', path: '/dev/serial/by-id/usb-x', baudRate: 115200, parity: 'even', dataBits: 7, framing: { terminator: 'idle', interByteTimeoutMs: 30 } },
      { kind: 'hid', id: 'b', protocol: 'pos', match: { vendorId: '0c2e', productId: '0x0B61' }, posLayout: 'honeywell' },
    ],
  }).hardware;
  assert.deepEqual(h.scanners[0], {
    kind: 'serial', id: 'a', path: '/dev/serial/by-id/usb-x', baudRate: 115200, dataBits: 7, parity: 'even', stopBits: 1, rtscts: false,
    framing: { terminator: 'idle', interByteTimeoutMs: 30, maxPayloadBytes: 8192 }, reconnectIntervalMs: 1000, stripAimId: true, minLength: 4, decideUnrecognised: false,
  });
  assert.deepEqual(h.scanners[1]!.kind === 'hid' && h.scanners[1]!.match, { vendorId: 0x0c2e, productId: 0x0b61 });
});

test('mistakes are refused with the field path', () => {
  assert.match(refused({ scanners: [{ kind: 'hid', id: 'x', protocol: 'pos', match: {} }] }), /^hardware\.scanners\.0\.match: give at least vendorId/);
  assert.match(refused({ scanners: [{ kind: 'hid', id: 'x', protocol: 'pos', match: { vendorId: 'zebra' } }] }), /^hardware\.scanners\.0\.match\.vendorId/);
  assert.match(refused({ scanners: [{ kind: 'serial', id: 'x', path: '/dev/ttyACM0', framing: { terminator: 'idle', interByteTimeoutMs: 0 } }] }), /framing.*needs interByteTimeoutMs/);
  assert.match(refused({ scanners: [{ kind: 'serial', id: 'x', path: '/dev/ttyACM0', baud: 9600 }] }), /^hardware\.scanners\.0\.baud: unknown setting/);
  assert.match(refused({ lights: { kind: 'gpio', red: { chip: 'gpiochip0' }, amber: { offset: 1 }, green: { offset: 2 } } }), /^hardware\.lights\.red: give the line a name/);
  assert.match(refused({ turnstile: { kind: 'gpio', line: { name: 'RELAY' }, passageTimeoutMs: 10 } }), /^hardware\.turnstile\.passageTimeoutMs/);
  assert.match(refused({ selfTest: { pinHash: '1234' } }), /^hardware\.selfTest\.pinHash: must be the output of gate-terminal selftest --hash-pin/);
});

test('the composition root builds the configured drivers', async () => {
  const c = config({
    gpio: { driver: 'simulated' },
    scanners: [
      { kind: 'serial', id: 'ser', path: '/dev/nonexistent-scanner' },
      { kind: 'hid', id: 'pos', protocol: 'pos', match: { vendorId: '05e0' } },
      { kind: 'hid', id: 'kbd', protocol: 'keyboard', match: { vendorId: '05e0' } },
    ],
    lights: { kind: 'gpio', red: { offset: 17 }, amber: { offset: 27 }, green: { offset: 22 } },
    buzzer: { kind: 'gpio', line: { name: 'BUZZER' } },
    turnstile: { kind: 'gpio', line: { offset: 26, activeLow: true }, safePosition: 'released', passageSensor: { kind: 'gpio', line: { offset: 5 } } },
  });
  const gpio = new SimulatedGpio();
  const hidTransport = new SimulatedHidTransport();
  hidTransport.plug({ path: '/dev/hidraw7', vendorId: 0x05e0, productId: 0x1200, usagePage: 0x01, usage: 0x06 });
  const relay = await createRelay(c, { committedSeq: () => 0, wallNow: Date.now }, { gpio });
  const hw = await createHardware(c, relay, { gpio, hidTransport });
  assert.ok(relay instanceof GpioTurnstileRelay);
  assert.equal(relay.safePosition, 'released');
  assert.ok(hw.lights instanceof GpioSignalLights);
  assert.ok(hw.buzzer instanceof GpioBuzzer);
  assert.ok(hw.passageSensor instanceof GpioPassageSensor);
  assert.equal(hw.simulated, undefined, 'real output drivers: no simulate box on the screen');
  assert.deepEqual([...gpio.lines.keys()], ['gpiochip0 26', 'gpiochip0 17', 'gpiochip0 27', 'gpiochip0 22', 'BUZZER', 'gpiochip0 5']);
  const [ser, pos, kbd] = hw.scanners;
  assert.ok(ser instanceof SerialScanner && pos instanceof HidPosScanner && kbd instanceof HidKeyboardScanner);
  await Promise.all(hw.scanners.map((s) => s.start()));
  try {
    // The keyboard interface matches the keyboard scanner's default usage (0x01/0x06), not HID-POS's 0x8C.
    assert.equal(kbd.status().health, 'connected');
    assert.equal(pos.status().health, 'absent');
    assert.equal(ser.status().health, 'absent');
  } finally {
    await Promise.all(hw.scanners.map((s) => s.stop()));
  }
});
