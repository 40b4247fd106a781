/**
 * US keyboard table for keyboard-wedge scanners. A scanner "types" HID usages; `KeyboardEvent.code` names the
 * physical key regardless of the OS layout, so decoding code + Shift with this fixed table yields the scanner's bytes
 * even on a French or German layout machine (where `event.key` would be wrong).
 */
const table: Record<string, readonly [string, string]> = {
  Space: [' ', ' '],
  Minus: ['-', '_'],
  Equal: ['=', '+'],
  BracketLeft: ['[', '{'],
  BracketRight: [']', '}'],
  Backslash: ['\\', '|'],
  IntlBackslash: ['\\', '|'],
  Semicolon: [';', ':'],
  Quote: ["'", '"'],
  Backquote: ['`', '~'],
  Comma: [',', '<'],
  Period: ['.', '>'],
  Slash: ['/', '?'],
  NumpadAdd: ['+', '+'],
  NumpadSubtract: ['-', '-'],
  NumpadMultiply: ['*', '*'],
  NumpadDivide: ['/', '/'],
  NumpadDecimal: ['.', '.'],
};
const shiftedDigits = ')!@#$%^&*(';
for (let d = 0; d <= 9; d++) {
  table[`Digit${d}`] = [String(d), shiftedDigits[d]!];
  table[`Numpad${d}`] = [String(d), String(d)];
}
for (let c = 65; c <= 90; c++) {
  const upper = String.fromCharCode(c);
  table[`Key${upper}`] = [upper.toLowerCase(), upper];
}

export const US_KEYMAP: Readonly<Record<string, readonly [string, string]>> = table;

/** The inverse: how a US-layout scanner types `char` (used by tests and the wedge simulator). */
export function keystrokeFor(char: string): { code: string; shift: boolean } | undefined {
  for (const [code, [plain, shifted]] of Object.entries(US_KEYMAP)) {
    if (code.startsWith('Numpad')) continue;
    if (plain === char) return { code, shift: false };
    if (shifted === char) return { code, shift: true };
  }
  return undefined;
}
