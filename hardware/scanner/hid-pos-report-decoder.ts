/**
 * HID-POS input reports (usage page 0x8C, Bar Code Scanner) → payload bytes, pure. Scanners in HID-POS mode are not
 * keyboards: nothing reaches the focused window, and a read arrives in one or more 64-byte reports, each with a
 * "more follows" flag in its last byte. Where the data starts differs by vendor:
 *
 * - `honeywell` (Honeywell/Metrologic "HID POS", also Access-IS): id 0x02 · length · 3-byte AIM id · data ≤ 56 at
 *   byte 5 · Honeywell code id (byte 61) · reserved · flags (byte 63, bit 0 = continued).
 * - `zebra` (Zebra/Symbol "HID POS"): id 0x02 · length · one more byte · AIM id at bytes 3–5 · data at byte 6 ·
 *   flags in byte 63.
 * - `plain` (generic engines, e.g. Unitech MS842N): id 0x02 · length · data ≤ 56 at byte 2 · reserved · symbology
 *   number (byte 62) · flags (byte 63).
 * - `auto`: picks honeywell when byte 2 is `]`, zebra when byte 3 is `]`, plain otherwise.
 */

export type HidPosLayout = 'honeywell' | 'zebra' | 'plain' | 'auto';

export interface HidPosRead {
  readonly bytes: Uint8Array;
  /** The AIM symbology identifier the report carried (`]Q1` = QR Code), when the layout has one. */
  readonly aimId?: string;
}

const SCANNED_DATA_REPORT = 0x02;
const FLAGS_INDEX = 63;
const AIM_FLAG = 0x5d; // ']'
const MAX_READ_BYTES = 16 * 1024;

function layoutOf(report: Uint8Array, configured: HidPosLayout): Exclude<HidPosLayout, 'auto'> {
  if (configured !== 'auto') return configured;
  if (report[2] === AIM_FLAG) return 'honeywell';
  if (report[3] === AIM_FLAG) return 'zebra';
  return 'plain';
}

const DATA_START = { honeywell: 5, zebra: 6, plain: 2 } as const;
const AIM_START = { honeywell: 2, zebra: 3, plain: undefined } as const;

export class HidPosReportDecoder {
  private parts: Uint8Array[] = [];
  private size = 0;
  private aimId: string | undefined;
  ignoredReports = 0;

  constructor(private readonly layout: HidPosLayout = 'auto') {}

  /** Feeds one input report (report id first); returns a completed read, or undefined while more reports follow. */
  push(report: Uint8Array): HidPosRead | undefined {
    if (report.length < 8 || report[0] !== SCANNED_DATA_REPORT) {
      this.ignoredReports++;
      return undefined;
    }
    const layout = layoutOf(report, this.layout);
    const start = DATA_START[layout];
    const flagsIndex = Math.min(FLAGS_INDEX, report.length - 1);
    const length = Math.min(report[1]!, Math.max(0, flagsIndex - start));
    const aimStart = AIM_START[layout];
    if (this.parts.length === 0 && aimStart !== undefined) this.aimId = String.fromCharCode(...report.subarray(aimStart, aimStart + 3));
    if (this.size + length <= MAX_READ_BYTES) {
      this.parts.push(report.slice(start, start + length));
      this.size += length;
    }
    if ((report[flagsIndex]! & 0x01) !== 0) return undefined;
    const bytes = new Uint8Array(this.size);
    let at = 0;
    for (const part of this.parts) {
      bytes.set(part, at);
      at += part.length;
    }
    const read: HidPosRead = { bytes: trimSuffix(bytes), ...(this.aimId ? { aimId: this.aimId } : {}) };
    this.parts = [];
    this.size = 0;
    this.aimId = undefined;
    return read;
  }
}

/** Scanners often keep their keyboard-mode CR (or CR LF) suffix in HID-POS mode; it is not data. */
function trimSuffix(bytes: Uint8Array): Uint8Array {
  let end = bytes.length;
  while (end > 0 && (bytes[end - 1] === 0x0d || bytes[end - 1] === 0x0a)) end--;
  return bytes.subarray(0, end);
}
