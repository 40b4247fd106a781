/**
 * The `hardware` section of the terminal config: scanners (serial / hid / simulated), the GPIO driver and lines,
 * lights, buzzer, turnstile relay with its passage sensor, the double-read window and the self-test PIN.
 * Strict like the rest of the config: a misspelt key is an error with its path.
 */
import { z } from 'zod';

const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be 1–64 letters, digits, dot, dash or underscore');

/** USB ids as in `lsusb` ("0c2e", "0x0c2e") or as numbers. */
const usbId = z.union([
  z.number().int().min(0).max(0xffff),
  z
    .string()
    .regex(/^(0x)?[0-9a-fA-F]{1,4}$/, 'must be a 16-bit hex id such as 0c2e or 0x0c2e')
    .transform((s) => parseInt(s.replace(/^0x/i, ''), 16)),
]);

/** A GPIO line: its name (gpioinfo shows them, e.g. GPIO17), or a chip and an offset on it. */
export const gpioLineSchema = z
  .strictObject({
    name: z.string().min(1).max(64).optional(),
    chip: z.string().min(1).max(64).optional(),
    offset: z.number().int().min(0).max(1023).optional(),
    /** The board switches on a low level (most relay boards): levels are inverted. */
    activeLow: z.boolean().default(false),
  })
  .refine((l) => l.name !== undefined || l.offset !== undefined, 'give the line a name, or an offset (and a chip)');

const payloadText = {
  /** Fixed prefix / suffix configured on the scanner; stripped. */
  prefix: z.string().min(1).max(16).optional(),
  suffix: z.string().min(1).max(16).optional(),
  /** Drop a leading AIM symbology identifier (]Q1 …). */
  stripAimId: z.boolean().default(true),
  /** Shorter reads are line noise. */
  minLength: z.number().int().min(1).max(100).default(4),
  /** Decide reads that look like no credential (deny, "unsupported")? Off: they are line noise, counted, not decided. */
  decideUnrecognised: z.boolean().default(false),
};

const serialScanner = z.strictObject({
  kind: z.literal('serial'),
  id,
  /** Prefer /dev/serial/by-id/usb-…: stable across re-plugging. */
  path: z.string().min(1),
  baudRate: z.number().int().min(300).max(4_000_000).default(9600),
  dataBits: z.union([z.literal(5), z.literal(6), z.literal(7), z.literal(8)]).default(8),
  parity: z.enum(['none', 'even', 'odd', 'mark', 'space']).default('none'),
  stopBits: z.union([z.literal(1), z.literal(1.5), z.literal(2)]).default(1),
  rtscts: z.boolean().default(false),
  framing: z
    .strictObject({
      /** `line`: CR, LF or CR LF end a read; `idle`: scanners without a suffix, framed by the gap alone. */
      terminator: z.enum(['line', 'idle']).default('line'),
      /** An idle gap this long also ends a read (0 = off, `line` only). */
      interByteTimeoutMs: z.number().int().min(0).max(5000).default(50),
      maxPayloadBytes: z.number().int().min(64).max(65_536).default(8192),
    })
    .prefault({})
    .refine((f) => f.terminator === 'line' || f.interByteTimeoutMs > 0, 'terminator "idle" needs interByteTimeoutMs > 0'),
  /** How often a missing port is looked for again. */
  reconnectIntervalMs: z.number().int().min(10).max(60_000).default(1000),
  ...payloadText,
});

const hidScanner = z.strictObject({
  kind: z.literal('hid'),
  id,
  /** `pos`: HID-POS (usage page 0x8C), nothing typed into the screen. `keyboard`: keyboard mode read from hidraw. */
  protocol: z.enum(['pos', 'keyboard']),
  match: z
    .strictObject({
      vendorId: usbId.optional(),
      productId: usbId.optional(),
      /** Defaults: 0x8C for pos, 0x01 (with usage 0x06) for keyboard. */
      usagePage: usbId.optional(),
      usage: usbId.optional(),
      serialNumber: z.string().min(1).optional(),
      path: z.string().min(1).optional(),
    })
    .refine((m) => m.vendorId !== undefined || m.path !== undefined || m.serialNumber !== undefined, 'give at least vendorId (or a path or serialNumber)'),
  /** HID-POS report layout: see hardware/scanner/hid-pos-report-decoder.ts. */
  posLayout: z.enum(['auto', 'honeywell', 'zebra', 'plain']).default('auto'),
  /** Hot-plug: how often the device list is checked. */
  pollIntervalMs: z.number().int().min(50).max(60_000).default(1000),
  ...payloadText,
});

const simulatedScanner = z.strictObject({ kind: z.literal('simulated'), id: id.default('simulated') });

export const scannerSchema = z.discriminatedUnion('kind', [serialScanner, hidScanner, simulatedScanner]);

const simulatedOnly = z.strictObject({ kind: z.literal('simulated') });

const passageSensorSchema = z.discriminatedUnion('kind', [
  simulatedOnly,
  z.strictObject({
    kind: z.literal('gpio'),
    line: gpioLineSchema,
    /** The logical edge that means "someone went through" (rising = contact became active). */
    trigger: z.enum(['rising', 'falling', 'both']).default('rising'),
    debounceMs: z.number().int().min(0).max(2000).default(50),
    bias: z.enum(['as-is', 'pull-up', 'pull-down', 'disable']).default('as-is'),
  }),
]);

const relayCommon = {
  /** How long the relay stays released after an admit. */
  pulseMs: z.number().int().min(100).max(60_000).default(3000),
  /** Position on start, exit and crash (the DE-ENERGISED contact): `locked` = fail-secure, `released` = fail-safe. */
  safePosition: z.enum(['locked', 'released']).default('locked'),
  /** Confirms passages; without one, entries carry no passage result. */
  passageSensor: passageSensorSchema.optional(),
  /** No passage within this long after an admit → "granted, not passed". */
  passageTimeoutMs: z.number().int().min(1000).max(120_000).default(10_000),
};

const turnstileSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('simulated'), ...relayCommon }),
  z.strictObject({ kind: z.literal('gpio'), line: gpioLineSchema, ...relayCommon }),
]);

const lightsSchema = z.discriminatedUnion('kind', [
  simulatedOnly,
  z.strictObject({ kind: z.literal('gpio'), red: gpioLineSchema, amber: gpioLineSchema, green: gpioLineSchema }),
]);

const buzzerSchema = z.discriminatedUnion('kind', [simulatedOnly, z.strictObject({ kind: z.literal('gpio'), line: gpioLineSchema })]);

export const hardwareSchema = z.strictObject({
  scanners: z.array(scannerSchema).default([{ kind: 'simulated', id: 'simulated' }]),
  /** The same payload read again within this window is one read (0 = off). */
  scanDebounceMs: z.number().int().min(0).max(60_000).default(1500),
  gpio: z
    .strictObject({
      /** `libgpiod`: Debian's gpiod tools (gpioset / gpiomon); `sysfs`: legacy /sys/class/gpio via onoff. */
      driver: z.enum(['libgpiod', 'sysfs', 'simulated']).default('libgpiod'),
      /** Chip of lines given by offset only. */
      chip: z.string().min(1).default('gpiochip0'),
      consumer: z.string().regex(/^[A-Za-z0-9_-]{1,31}$/).default('gate-terminal'),
    })
    .prefault({}),
  lights: lightsSchema.prefault({ kind: 'simulated' }),
  buzzer: buzzerSchema.prefault({ kind: 'simulated' }),
  turnstile: turnstileSchema.prefault({ kind: 'simulated' }),
  selfTest: z
    .strictObject({
      /** scrypt hash of the settings-screen PIN (`gate-terminal selftest --hash-pin`); no hash = no self-test on screen. */
      pinHash: z.string().regex(/^scrypt\$[0-9a-f]{32}\$[0-9a-f]{64}$/, 'must be the output of gate-terminal selftest --hash-pin').optional(),
      /** How long the scanner step waits for a read. */
      scanTimeoutSeconds: z.number().int().min(1).max(120).default(15),
    })
    .prefault({}),
});

export type HardwareConfig = z.infer<typeof hardwareSchema>;
export type ScannerConfig = z.infer<typeof scannerSchema>;
export type GpioLineSetting = z.infer<typeof gpioLineSchema>;
