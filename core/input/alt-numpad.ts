/**
 * Alt + keypad digits: how keyboard-mode scanners send characters a US keyboard has no key for (Vietnamese letters in
 * a CCCD QR, €, …). The scanner holds Alt, types the character's decimal code on the numeric keypad, releases Alt.
 * Scanners offer two conventions ("ALT keypad emulation" settings): with a leading 0 the code is in Windows-1252; without
 * one it is the Unicode code point (the Windows OEM code page 437 meaning of codes below 256 is not used — scanners
 * configured for it cannot send Vietnamese anyway). Used by the wedge (renderer) and the raw-HID decoder (host).
 */

/** Windows-1252 0x80..0x9F; the rest of 0x00..0xFF equals Latin-1. Undefined bytes map to undefined. */
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
