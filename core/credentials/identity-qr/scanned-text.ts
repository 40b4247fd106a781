/**
 * Repairs the text damage keyboard-wedge scanners and their hosts do to Vietnamese, before identity QRs are parsed:
 *
 * - **mojibake**: the QR's UTF-8 bytes typed or decoded one byte per character, as ISO-8859-1 or Windows-1252
 *   ("Nguyá»…n VÄƒn An" for "Nguyễn Văn An"). Every character is mapped back to its byte and the bytes are decoded as
 *   strict UTF-8; if any character has no byte or the bytes are not valid UTF-8, the text is left as it was.
 *   Correct Vietnamese text is never "repaired": its letters above U+00FF have no single byte, and its Latin-1 letters
 *   (à, ê, ô, …) are UTF-8 lead bytes that would need continuation bytes (U+0080–U+00BF), which no Vietnamese letter is.
 * - **decomposed text** (NFD: base letter + combining marks) → NFC, as everything is compared and stored.
 *
 * Text whose diacritics were dropped ("Nguyen Van An") cannot be restored and is kept as it is; for identity QRs the
 * ID digits, not the name, are what is looked up.
 */

/** Windows-1252 bytes 0x80–0x9F; its five undefined bytes map to the C1 control of the same value (as WHATWG does). */
const CP1252_80_9F =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export type TextRepair = 'none' | 'mojibake' | 'decomposed';

export interface RepairedText {
  readonly text: string;
  readonly repair: TextRepair;
}

/** The byte a single-byte decoder (Latin-1 or Windows-1252) turned into this character, if any. */
function byteOf(char: string): number | undefined {
  const code = char.charCodeAt(0);
  if (code <= 0xff) return code;
  const index = CP1252_80_9F.indexOf(char);
  return index >= 0 ? 0x80 + index : undefined;
}

/** UTF-8 read as Latin-1 / Windows-1252 → the original text; anything else is returned unchanged. */
export function recoverMojibake(text: string): string {
  if (!/[^\u0000-\u007f]/.test(text)) return text; // eslint-disable-line no-control-regex
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const byte = byteOf(text[i]!);
    if (byte === undefined) return text;
    bytes[i] = byte;
  }
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return text;
  }
}

/** Mojibake recovery, then NFC; says which repair was needed (for tests and diagnostics, never shown as a reason). */
export function repairScannedText(text: string): RepairedText {
  const recovered = recoverMojibake(text);
  const nfc = recovered.normalize('NFC');
  if (recovered !== text) return { text: nfc, repair: 'mojibake' };
  return { text: nfc, repair: nfc === text ? 'none' : 'decomposed' };
}

/** A field as shown or compared: repaired, NFC, trimmed, inner runs of spaces collapsed. */
export function cleanField(field: string): string {
  return repairScannedText(field).text.trim().replace(/\s+/g, ' ');
}
