/**
 * Boot-keyboard input reports → payloads, pure. A scanner in USB keyboard mode sends 8-byte reports (HID 1.11,
 * Appendix B.1): byte 0 modifier bits, byte 1 reserved, bytes 2–7 the usages of keys held down. A key is typed when
 * its usage appears in a report after being absent from the previous one (scanners release every key, so "ll" comes
 * as press, release, press). Characters come from the same US table the wedge uses (core/input/us-keyboard.ts), Shift
 * from the modifier byte; Enter / Tab / keypad Enter end a payload; Alt + keypad digits give the character whose code
 * was typed (core/input/us-keyboard.ts). Reports with a report-id byte first (9 bytes) are accepted too.
 */
import { altCodeCharacter } from '../../core/input/us-keyboard.js';
import { TERMINATOR_USAGES, usKeyByUsage } from '../../core/input/us-keyboard.js';

const SHIFT_BITS = 0x02 | 0x20;
const ALT_BITS = 0x04 | 0x40;
const CTRL_GUI_BITS = 0x01 | 0x10 | 0x08 | 0x80;
const ERROR_ROLL_OVER = 0x01;
const KEYPAD_DIGIT = new Map<number, string>([[0x62, '0'], ...Array.from({ length: 9 }, (_, i) => [0x59 + i, String(i + 1)] as [number, string])]);

export interface KeyboardReportDecoderOptions {
  /** A partial payload older than this is dropped (a stray key press, not a scan). Default 500 ms. */
  readonly maxGapMs?: number;
}

export class HidKeyboardReportDecoder {
  private held = new Set<number>();
  private buffer = '';
  private altDigits: string | undefined;
  private lastKeyAt = Number.NEGATIVE_INFINITY;
  private readonly maxGapMs: number;
  /** Reports that were not boot-keyboard reports, and keys outside the table (typed as U+FFFD). */
  invalidReports = 0;
  unknownKeys = 0;

  constructor(options: KeyboardReportDecoderOptions = {}) {
    this.maxGapMs = options.maxGapMs ?? 500;
  }

  /** Feeds one input report received at `now` (ms); returns the payloads it completed. */
  push(report: Uint8Array, now: number): string[] {
    const keys = report.length === 9 ? report.subarray(1) : report;
    if (keys.length !== 8) {
      this.invalidReports++;
      return [];
    }
    const modifiers = keys[0]!;
    const usages = [...keys.subarray(2)].filter((u) => u !== 0);
    if (usages.includes(ERROR_ROLL_OVER)) return [];
    const payloads: string[] = [];
    const altHeld = (modifiers & ALT_BITS) !== 0;
    if (!altHeld) this.finishAltCode();
    for (const usage of usages) {
      if (this.held.has(usage)) continue;
      if (now - this.lastKeyAt > this.maxGapMs) this.clear();
      this.lastKeyAt = now;
      this.type(usage, modifiers, altHeld, payloads);
    }
    this.held = new Set(usages);
    return payloads;
  }

  private type(usage: number, modifiers: number, altHeld: boolean, payloads: string[]): void {
    if (altHeld && KEYPAD_DIGIT.has(usage)) {
      this.altDigits = (this.altDigits ?? '') + KEYPAD_DIGIT.get(usage)!;
      return;
    }
    this.finishAltCode();
    if (TERMINATOR_USAGES.has(usage)) {
      if (this.buffer !== '') payloads.push(this.buffer);
      this.buffer = '';
      return;
    }
    if ((modifiers & CTRL_GUI_BITS) !== 0) return; // a shortcut, never part of a scan
    const key = usKeyByUsage(usage);
    if (!key) {
      this.unknownKeys++;
      this.buffer += '\ufffd';
      return;
    }
    this.buffer += (modifiers & SHIFT_BITS) !== 0 ? key.shifted : key.plain;
  }

  private finishAltCode(): void {
    if (this.altDigits === undefined) return;
    this.buffer += altCodeCharacter(this.altDigits) ?? '\ufffd';
    this.altDigits = undefined;
  }

  private clear(): void {
    this.buffer = '';
    this.altDigits = undefined;
  }
}
