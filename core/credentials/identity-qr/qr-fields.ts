/**
 * Field rules shared by the CCCD and the PC-Covid / VNeID QR parsers. Parsers return either the record or a message
 * naming the first bad field (for logs and tests; the guard sees the reason code only).
 */

export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export type FieldResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly detail: string };

export const MAX_NAME_LENGTH = 100;
export const MAX_ADDRESS_LENGTH = 300;
const MIN_YEAR = 1900;
const MAX_YEAR = 2099;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** A real calendar date between 1900 and 2099, or undefined. */
export function calendarDate(year: number, month: number, day: number): CalendarDate | undefined {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) return undefined;
  if (!Number.isInteger(month) || month < 1 || month > 12) return undefined;
  if (!Number.isInteger(day) || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

/** `DDMMYYYY`, as the CCCD QR writes dates. */
export function parseDdMmYyyy(text: string): CalendarDate | undefined {
  const m = /^(\d{2})(\d{2})(\d{4})$/.exec(text);
  return m ? calendarDate(Number(m[3]), Number(m[2]), Number(m[1])) : undefined;
}

export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/**
 * A person's name as printed on the credential: 1–100 characters, at least one letter, no digits. Whatever else the
 * scanner left (a `?` for a letter it could not type, dropped diacritics) is kept: the ID number is what is looked up.
 */
export function checkName(name: string, field: string): FieldResult<string> {
  if (name === '' || name.length > MAX_NAME_LENGTH) return { ok: false, detail: `${field} must be 1–${MAX_NAME_LENGTH} characters` };
  if (!/\p{L}/u.test(name) || /\p{N}/u.test(name)) return { ok: false, detail: `${field} must be letters, without digits` };
  return { ok: true, value: name };
}

/** Splits on `|` and insists on the exact field count: a missing or extra separator means a damaged read. */
export function splitFields(payload: string, count: number, what: string): FieldResult<string[]> {
  const fields = payload.split('|');
  if (fields.length !== count) return { ok: false, detail: `${what} has ${count} fields separated by "|", found ${fields.length}` };
  return { ok: true, value: fields };
}
