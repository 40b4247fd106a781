/**
 * The only place that constructs hardware drivers: config in, role-named interfaces out. Real drivers (serial, HID,
 * GPIO) import their native modules lazily or run the gpiod tools, so a simulated terminal never loads them.
 */
import { LibgpiodGpio } from '../../hardware/gpio/libgpiod-gpio.js';
import type { GpioDriver, GpioLineConfig } from '../../hardware/gpio/gpio-line.js';
import { SimulatedGpio } from '../../hardware/gpio/simulated-gpio-line.js';
import { SysfsGpio } from '../../hardware/gpio/sysfs-gpio-line.js';
import { HidKeyboardScanner, HidPosScanner } from '../../hardware/scanner/hid-scanner.js';
import type { HidTransport } from '../../hardware/scanner/hid-transport.js';
import type { Scanner } from '../../hardware/scanner/scanner.js';
import { SerialScanner } from '../../hardware/scanner/serial-scanner.js';
import type { SerialTransport } from '../../hardware/scanner/serial-transport.js';
import { SimulatedScanner } from '../../hardware/scanner/simulated-scanner.js';
import { GpioBuzzer, GpioSignalLights } from '../../hardware/signal-lights/gpio-signal-lights.js';
import type { Buzzer, SignalLights } from '../../hardware/signal-lights/signal-lights.js';
import { SimulatedBuzzer, SimulatedSignalLights } from '../../hardware/signal-lights/simulated-signal-lights.js';
import { GpioTurnstileRelay } from '../../hardware/turnstile/gpio-turnstile-relay.js';
import { GpioPassageSensor, SimulatedPassageSensor, type PassageSensor } from '../../hardware/turnstile/passage-sensor.js';
import { SimulatedTurnstileRelay } from '../../hardware/turnstile/simulated-turnstile-relay.js';
import type { TurnstileRelay } from '../../hardware/turnstile/turnstile-relay.js';
import type { ScannerConfig } from '../config/hardware-schema.js';
import type { GateConfig } from '../config/load-config.js';

export interface GateHardware {
  readonly scanners: readonly Scanner[];
  readonly lights: SignalLights;
  readonly buzzer: Buzzer;
  readonly relay: TurnstileRelay;
  /** The turnstile's passage contact, when one is configured. */
  readonly passageSensor?: PassageSensor;
  /** Present only when relay, lights and buzzer are simulated: their test controls and records. */
  readonly simulated?: {
    readonly scanners: readonly SimulatedScanner[];
    readonly lights: SimulatedSignalLights;
    readonly buzzer: SimulatedBuzzer;
    readonly relay: SimulatedTurnstileRelay;
    readonly passageSensor?: SimulatedPassageSensor;
  };
}

export interface HardwareProbes {
  /** Highest register sequence durably committed, read at relay time by the simulated relay (or given later: observeCommits). */
  readonly committedSeq?: () => number;
  readonly wallNow: () => number;
}

/**
 * The drivers the hardware is built on, made once per app and passed to `createRelay` and `createHardware`: one GPIO
 * driver shared by the relay, lights, buzzer and sensor; serial and HID transports only when tests substitute them.
 */
export interface HardwareDrivers {
  readonly gpio: GpioDriver;
  readonly serialTransport?: SerialTransport;
  readonly hidTransport?: HidTransport;
}

/** The configured GPIO driver (libgpiod, sysfs or simulated), unless `overrides` brings its own. */
export function hardwareDrivers(config: GateConfig, overrides: Partial<HardwareDrivers> = {}): HardwareDrivers {
  const g = config.hardware.gpio;
  const gpio = overrides.gpio ?? (g.driver === 'libgpiod' ? new LibgpiodGpio({ defaultChip: g.chip }) : g.driver === 'sysfs' ? new SysfsGpio() : new SimulatedGpio());
  return { ...overrides, gpio };
}

/** Creates the relay first and on its own: it must reach its safe position before anything else can fail. */
export async function createRelay(config: GateConfig, probes: HardwareProbes, drivers: HardwareDrivers): Promise<TurnstileRelay> {
  const t = config.hardware.turnstile;
  switch (t.kind) {
    case 'simulated':
      return new SimulatedTurnstileRelay(t.safePosition, probes.committedSeq ?? (() => 0), probes.wallNow);
    case 'gpio': {
      // Opened at the inactive level: the de-energised contact IS the configured safe position.
      const line = await drivers.gpio.output(t.line, { initial: 0, safe: 0, consumer: config.hardware.gpio.consumer });
      return new GpioTurnstileRelay(line, t.safePosition);
    }
  }
}

function createScanner(config: GateConfig, s: ScannerConfig, overrides: HardwareDrivers): Scanner {
  const debounceMs = config.hardware.scanDebounceMs;
  const text = {
    ...(s.kind !== 'simulated' && s.prefix !== undefined ? { prefix: s.prefix } : {}),
    ...(s.kind !== 'simulated' && s.suffix !== undefined ? { suffix: s.suffix } : {}),
    ...(s.kind !== 'simulated' ? { stripAimId: s.stripAimId, minLength: s.minLength, decideUnrecognised: s.decideUnrecognised } : {}),
  };
  switch (s.kind) {
    case 'simulated':
      return new SimulatedScanner(s.id, { debounceMs });
    case 'serial':
      return new SerialScanner({
        id: s.id,
        path: s.path,
        line: { baudRate: s.baudRate, dataBits: s.dataBits, parity: s.parity, stopBits: s.stopBits, rtscts: s.rtscts },
        framing: { terminator: s.framing.terminator, interByteTimeoutMs: s.framing.interByteTimeoutMs, maxFrameBytes: s.framing.maxPayloadBytes },
        text,
        debounceMs,
        reconnectIntervalMs: s.reconnectIntervalMs,
        ...(overrides.serialTransport ? { transport: overrides.serialTransport } : {}),
      });
    case 'hid': {
      const pos = s.protocol === 'pos';
      const match = {
        ...s.match,
        usagePage: s.match.usagePage ?? (pos ? 0x8c : 0x01),
        ...(pos || s.match.usage !== undefined ? {} : { usage: 0x06 }),
      };
      const options = { id: s.id, match, pollIntervalMs: s.pollIntervalMs, debounceMs, text, ...(overrides.hidTransport ? { transport: overrides.hidTransport } : {}) };
      return pos ? new HidPosScanner({ ...options, layout: s.posLayout }) : new HidKeyboardScanner(options);
    }
  }
}

export async function createHardware(config: GateConfig, relay: TurnstileRelay, drivers: HardwareDrivers): Promise<GateHardware> {
  const h = config.hardware;
  const consumer = h.gpio.consumer;
  const output = (line: GpioLineConfig) => drivers.gpio.output(line, { initial: 0, safe: 0, consumer });
  const scanners = h.scanners.map((s) => createScanner(config, s, drivers));
  const lights =
    h.lights.kind === 'simulated'
      ? new SimulatedSignalLights()
      : new GpioSignalLights({ red: await output(h.lights.red), amber: await output(h.lights.amber), green: await output(h.lights.green) });
  const buzzer = h.buzzer.kind === 'simulated' ? new SimulatedBuzzer() : new GpioBuzzer(await output(h.buzzer.line));
  const sensorConfig = h.turnstile.passageSensor;
  let passageSensor: PassageSensor | undefined;
  if (sensorConfig?.kind === 'simulated') passageSensor = new SimulatedPassageSensor();
  if (sensorConfig?.kind === 'gpio') {
    const line = await drivers.gpio.input(sensorConfig.line, { debounceMs: sensorConfig.debounceMs, consumer, bias: sensorConfig.bias });
    passageSensor = new GpioPassageSensor(line, sensorConfig.trigger);
  }
  const simulated =
    relay instanceof SimulatedTurnstileRelay && lights instanceof SimulatedSignalLights && buzzer instanceof SimulatedBuzzer
      ? {
          scanners: scanners.filter((s) => s instanceof SimulatedScanner),
          lights,
          buzzer,
          relay,
          ...(passageSensor instanceof SimulatedPassageSensor ? { passageSensor } : {}),
        }
      : undefined;
  return { scanners, lights, buzzer, relay, ...(passageSensor ? { passageSensor } : {}), ...(simulated ? { simulated } : {}) };
}
