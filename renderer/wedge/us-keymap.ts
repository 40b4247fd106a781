/**
 * US keyboard table for keyboard-wedge scanners, by `KeyboardEvent.code`. A scanner "types" HID usages; `code` names
 * the physical key regardless of the OS layout, so decoding code + Shift with this fixed table yields the scanner's
 * bytes even on a French or German layout machine (where `event.key` would be wrong). The table itself lives in core
 * (core/input/us-keyboard.ts) and is shared with the host's raw-HID decoder.
 */
import { US_KEYS, usKeystrokeFor } from '../../core/input/us-keyboard.js';

export const US_KEYMAP: Readonly<Record<string, readonly [string, string]>> = Object.fromEntries(
  US_KEYS.map((k) => [k.code, [k.plain, k.shifted] as const]),
);

/** The inverse: how a US-layout scanner types `char` (used by tests and the wedge simulator). */
export function keystrokeFor(char: string): { code: string; shift: boolean } | undefined {
  const stroke = usKeystrokeFor(char);
  return stroke && { code: stroke.key.code, shift: stroke.shift };
}
