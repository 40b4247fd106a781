/** fast-check generators of Vietnamese text and CCCD records, shared by the identity property tests. */
import fc from 'fast-check';
import type { CccdRecord } from '../../../core/index.js';

const BASE_VOWELS = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'];
const TONES = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323']; // none, huyền, sắc, hỏi, ngã, nặng
const CONSONANTS = ['b', 'c', 'd', 'đ', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'q', 'r', 's', 't', 'v', 'x'];

/** Every Vietnamese letter, lower and upper case, NFC (134 vowels with tones, 17 consonants, each in two cases). */
export const VIETNAMESE_LETTERS: readonly string[] = [
  ...BASE_VOWELS.flatMap((v) => TONES.map((t) => (v + t).normalize('NFC'))),
  ...CONSONANTS,
].flatMap((l) => [l, l.toUpperCase()]);

export const vietnameseLetter = fc.constantFrom(...VIETNAMESE_LETTERS);

/** A word: 1–7 Vietnamese letters, capitalised like a name. */
export const nameWord = fc
  .array(vietnameseLetter, { minLength: 1, maxLength: 7 })
  .map((letters) => letters.join('').toLowerCase())
  .map((w) => w[0]!.toUpperCase() + w.slice(1));

/** A full name of 2–5 words, single-spaced: what a CCCD prints. */
export const vietnameseName = fc.array(nameWord, { minLength: 2, maxLength: 5 }).map((w) => w.join(' '));

/** Any NFC string of Vietnamese letters, ASCII printable characters (except `|`) and spaces. */
export const vietnameseText = fc
  .array(fc.oneof(vietnameseLetter, fc.constantFrom(...' ,./-0123456789abcdefXYZ')), { minLength: 0, maxLength: 60 })
  .map((chars) => chars.join(''));

const addressPart = fc.oneof(nameWord, fc.integer({ min: 1, max: 999 }).map(String));
export const address = fc
  .array(fc.array(addressPart, { minLength: 1, maxLength: 4 }).map((w) => w.join(' ')), { minLength: 1, maxLength: 4 })
  .map((parts) => parts.join(', '));

const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
export const calendarDay = fc
  .record({ year: fc.integer({ min: 1900, max: 2099 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 31 }) })
  .map(({ year, month, day }) => ({ year, month, day: Math.min(day, daysIn(year, month)) }));

const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));

export const cccdRecord: fc.Arbitrary<CccdRecord> = fc
  .record({
    idNumber: digits(12),
    oldIdNumber: fc.oneof(fc.constant(''), digits(9)),
    name: vietnameseName,
    dates: fc.tuple(calendarDay, calendarDay),
    sex: fc.constantFrom('male' as const, 'female' as const),
    address,
  })
  .map(({ dates, ...rest }) => {
    const [a, b] = dates;
    const aFirst = a.year - b.year || a.month - b.month || a.day - b.day;
    return { ...rest, birthDate: aFirst <= 0 ? a : b, issueDate: aFirst <= 0 ? b : a };
  });
