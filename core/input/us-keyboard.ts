/**
 * The US keyboard as barcode scanners assume it. A scanner in keyboard mode "types" HID usages (USB HID Usage Tables,
 * page 0x07 Keyboard/Keypad); the browser reports the same physical key as `KeyboardEvent.code`. One table serves both
 * the renderer's keyboard wedge (by code) and the host's raw-HID boot-keyboard decoder (by usage), so the two can never
 * disagree about what a key means — whatever layout the operating system has (AZERTY, QWERTZ, Vietnamese Telex).
 */

export interface UsKey {
  /** HID usage id on the Keyboard/Keypad page (0x07). */
  readonly usage: number;
  /** `KeyboardEvent.code` of the same physical key. */
  readonly code: string;
  readonly plain: string;
  readonly shifted: string;
}

/** Keys that end a scan: Enter, Tab and the keypad's Enter. */
export const TERMINATOR_USAGES: ReadonlyMap<number, string> = new Map([
  [0x28, 'Enter'],
  [0x2b, 'Tab'],
  [0x58, 'NumpadEnter'],
]);

const punctuation: readonly (readonly [number, string, string, string])[] = [
  [0x2c, 'Space', ' ', ' '],
  [0x2d, 'Minus', '-', '_'],
  [0x2e, 'Equal', '=', '+'],
  [0x2f, 'BracketLeft', '[', '{'],
  [0x30, 'BracketRight', ']', '}'],
  [0x31, 'Backslash', '\\', '|'],
  [0x33, 'Semicolon', ';', ':'],
  [0x34, 'Quote', "'", '"'],
  [0x35, 'Backquote', '`', '~'],
  [0x36, 'Comma', ',', '<'],
  [0x37, 'Period', '.', '>'],
  [0x38, 'Slash', '/', '?'],
  [0x54, 'NumpadDivide', '/', '/'],
  [0x55, 'NumpadMultiply', '*', '*'],
  [0x56, 'NumpadSubtract', '-', '-'],
  [0x57, 'NumpadAdd', '+', '+'],
  [0x63, 'NumpadDecimal', '.', '.'],
  [0x64, 'IntlBackslash', '\\', '|'],
];

function buildTable(): UsKey[] {
  const keys: UsKey[] = [];
  for (let i = 0; i < 26; i++) {
    const upper = String.fromCharCode(65 + i);
    keys.push({ usage: 0x04 + i, code: `Key${upper}`, plain: upper.toLowerCase(), shifted: upper });
  }
  const shiftedDigits = '!@#$%^&*()';
  for (let i = 0; i < 10; i++) {
    // Usages 0x1E..0x26 are 1..9, 0x27 is 0; the keypad runs 0x59..0x61 for 1..9 and 0x62 for 0.
    const digit = String((i + 1) % 10);
    keys.push({ usage: 0x1e + i, code: `Digit${digit}`, plain: digit, shifted: shiftedDigits[i]! });
    keys.push({ usage: 0x59 + i, code: `Numpad${digit}`, plain: digit, shifted: digit });
  }
  for (const [usage, code, plain, shifted] of punctuation) keys.push({ usage, code, plain, shifted });
  return keys;
}

export const US_KEYS: readonly UsKey[] = buildTable();

const byUsage = new Map(US_KEYS.map((k) => [k.usage, k]));
const byCode = new Map(US_KEYS.map((k) => [k.code, k]));

export function usKeyByUsage(usage: number): UsKey | undefined {
  return byUsage.get(usage);
}

export function usKeyByCode(code: string): UsKey | undefined {
  return byCode.get(code);
}

/** How a US-layout scanner types `char` (main-block keys, never the keypad); undefined if it cannot. */
export function usKeystrokeFor(char: string): { key: UsKey; shift: boolean } | undefined {
  for (const key of US_KEYS) {
    if (key.code.startsWith('Numpad') || key.code === 'IntlBackslash') continue;
    if (key.plain === char) return { key, shift: false };
    if (key.shifted === char) return { key, shift: true };
  }
  return undefined;
}

/**
 * Alt + keypad digits: how keyboard-mode scanners send characters a US keyboard has no key for (Vietnamese letters in
 * a CCCD QR, €, …). The scanner holds Alt, types the character's decimal code on the numeric keypad, releases Alt.
 * Scanners offer two conventions ("ALT keypad emulation" settings): with a leading 0 the code is in Windows-1252; without
 * one it is the Unicode code point (the Windows OEM code page 437 meaning of codes below 256 is not used — scanners
 * configured for it cannot send Vietnamese anyway). Used by the wedge (renderer) and the raw-HID decoder (host).
 */
// Windows-1252 0x80..0x9F; the rest of 0x00..0xFF equals Latin-1. Undefined bytes map to undefined.
const CP1252_HIGH: readonly (number | undefined)[] = [
  0x20ac, undefined, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, undefined, 0x017d, undefined,
  undefined, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, undefined, 0x017e, 0x0178,
];

/** The character for the decimal digits typed while Alt was held, or undefined when they name none. */
export function altCodeCharacter(digits: string): string | undefined {
  if (!/^[0-9]{1,7}$/.test(digits)) return undefined;
  const value = Number(digits);
  if (digits.startsWith('0') && digits.length > 1) {
    if (value > 0xff) return undefined;
    const codePoint = value >= 0x80 && value <= 0x9f ? CP1252_HIGH[value - 0x80] : value;
    return codePoint === undefined ? undefined : String.fromCodePoint(codePoint);
  }
  if (value === 0 || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) return undefined;
  return String.fromCodePoint(value);
}
