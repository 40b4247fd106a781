/**
 * Names made safe for display: the one function the hub's declaration form and the terminal (every decision, every
 * phone check-in, rows read back from the register) pass a person's name through before anyone shows it.
 *
 * A name is data from outside — a phone's form, a signed token whose issuer typed anything, a wedge scanner — and the
 * guard screen paints it in large type over the banner and the checkpoint name. So, in this order:
 * - at most RAW_LIMIT UTF-16 units are looked at (a 1 MB name costs what a 2 KB one does);
 * - NFC, so that Vietnamese letters are single precomposed characters and compare equal however they were typed;
 * - control characters (C0, C1, line and paragraph separators) become spaces; format characters (bidi overrides
 *   and isolates, zero-width characters, soft hyphens, the BOM), private-use, unassigned code points and lone
 *   surrogates are dropped — nothing can reorder or hide the text around the name;
 * - at most MAX_MARKS_PER_BASE combining marks follow a base character (after NFC no Vietnamese letter needs one;
 *   two leave room for scripts such as Thai or Devanagari), marks with no base before them are dropped: "Z" plus 98
 *   marks is "Z" plus two, not a column of marks over the screen;
 * - runs of white space become one space, the ends are trimmed;
 * - at most DISPLAY_NAME_MAX characters (code points), cut ones end in "…".
 * Pure and total: never throws; anything that is not a string is the empty name.
 */

export const DISPLAY_NAME_MAX = 100;
export const MAX_MARKS_PER_BASE = 2;
const RAW_LIMIT = 4096;

const DROPPED = /[\p{Cf}\p{Co}\p{Cn}\p{Cs}]/u;
const SPACE = /[\p{Cc}\p{Z}\s]/u;
const MARK = /\p{M}/u;

/**
 * Printable ASCII with single inner spaces and at most DISPLAY_NAME_MAX characters: every rule above leaves such a
 * name as it is (nothing to compose, drop, collapse, trim or cut), so most names skip the character-by-character pass.
 */
function alreadySafe(text: string): boolean {
  const length = text.length;
  if (length > DISPLAY_NAME_MAX || text.charCodeAt(0) === 0x20 || text.charCodeAt(length - 1) === 0x20) return false;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || (c === 0x20 && text.charCodeAt(i + 1) === 0x20)) return false;
  }
  return true;
}

export function safeDisplayName(raw: unknown): string {
  if (typeof raw !== 'string') return '';
  if (alreadySafe(raw)) return raw;
  const text = raw.slice(0, RAW_LIMIT).normalize('NFC');
  const out: string[] = [];
  let marks = 0;
  let afterBase = false;
  let cut = false;
  for (const ch of text) {
    if (DROPPED.test(ch)) continue;
    if (SPACE.test(ch)) {
      if (out.length > 0 && out[out.length - 1] !== ' ') out.push(' ');
      afterBase = false;
      continue;
    }
    if (MARK.test(ch)) {
      if (afterBase && marks < MAX_MARKS_PER_BASE) {
        out.push(ch);
        marks++;
      }
      continue;
    }
    if (out.length >= DISPLAY_NAME_MAX) {
      cut = true;
      break;
    }
    out.push(ch);
    afterBase = true;
    marks = 0;
  }
  // A base's marks may have pushed the count past the cap: cut to whole characters, then re-join what composes.
  let name = out.join('').normalize('NFC').trim();
  const chars = [...name];
  if (cut || chars.length > DISPLAY_NAME_MAX) {
    const keep = chars.slice(0, DISPLAY_NAME_MAX - 1);
    while (keep.length > 0 && MARK.test(keep[keep.length - 1]!)) keep.pop();
    name = `${keep.join('').trimEnd()}…`;
  }
  return name;
}
