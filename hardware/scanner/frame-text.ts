/**
 * A scanner frame's bytes → the payload text, pure. Shared by the serial and HID-POS drivers.
 *
 * Scanners send UTF-8 (or plain ASCII) when configured for it. Frames carrying control characters (other than TAB
 * and the GS separator of GS1 codes), invalid UTF-8, or fewer than `minLength` characters are not scans but line
 * noise — a wrong baud rate or character set, a cable being plugged in — and are reported as noise (with the reason,
 * in the scanner's status) instead of filling the register with junk entries. So is printable text that looks like no
 * credential, unless the scanner's config opts in (`decideUnrecognised`).
 */

import { classifyPayload } from '../../core/credentials/classify.js';

export interface FrameTextOptions {
  /** Configured on the scanner as a fixed prefix / suffix; stripped when present. */
  readonly prefix?: string;
  readonly suffix?: string;
  /** Drops a leading AIM symbology identifier (`]Q1`, `]C0`, …) that scanners can be set to send. Default true. */
  readonly stripAimId?: boolean;
  /** Shorter payloads are noise; every credential this gate reads is far longer. Default 4. */
  readonly minLength?: number;
  /**
   * Decide reads that look like no credential, URL or barcode (`classifyPayload` → 'text')? Default false: printable
   * line noise (64 KB of it became 665 deny rows) is then counted as noise; a checkpoint whose guards want a deny
   * for any odd QR opts in.
   */
  readonly decideUnrecognised?: boolean;
}

export type FrameText = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'noise'; readonly reason: string };

const AIM_ID = /^\][A-Za-z][0-9A-Za-z]/;
const TAB = 0x09;
const GROUP_SEPARATOR = 0x1d;
const DELETE = 0x7f;
const decoder = new TextDecoder('utf-8', { fatal: true });
export const DEFAULT_MIN_PAYLOAD_LENGTH = 4;

export function frameControlCharacters(bytes: Uint8Array): number {
  let count = 0;
  for (const b of bytes) if ((b < 0x20 && b !== TAB && b !== GROUP_SEPARATOR) || b === DELETE) count++;
  return count;
}

export function textOfFrame(bytes: Uint8Array, options: FrameTextOptions = {}): FrameText {
  const controls = frameControlCharacters(bytes);
  if (controls > 0) return { kind: 'noise', reason: `${controls} control byte(s) in ${bytes.length} bytes` };
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return { kind: 'noise', reason: 'not UTF-8 — set the scanner to UTF-8 (or ASCII) output' };
  }
  if (options.stripAimId !== false && AIM_ID.test(text)) text = text.slice(3);
  if (options.prefix && text.startsWith(options.prefix)) text = text.slice(options.prefix.length);
  if (options.suffix && text.endsWith(options.suffix)) text = text.slice(0, -options.suffix.length);
  const minLength = options.minLength ?? DEFAULT_MIN_PAYLOAD_LENGTH;
  if ([...text].length < minLength) return { kind: 'noise', reason: `${[...text].length} character(s), fewer than ${minLength}` };
  if (!options.decideUnrecognised && classifyPayload(text) === 'text') return { kind: 'noise', reason: 'looks like no credential' };
  return { kind: 'text', text };
}
