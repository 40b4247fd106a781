/**
 * The string formats the DCC schema relies on (JSON Schema's `date` and `date-time` are RFC 3339 §5.6 `full-date` and
 * `date-time`), and their conversion to days and instants for the checkpoint policy.
 */

const FULL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  return month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : DAYS_IN_MONTH[month]!;
}

function validDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Days since 1970-01-01 of an RFC 3339 full-date (`2021-05-29`), or undefined when it is not one. */
export function fullDateDay(text: string): number | undefined {
  const m = FULL_DATE.exec(text);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return validDate(year, month, day) ? Date.UTC(year, month - 1, day) / 86_400_000 : undefined;
}

const TIME_OF_DAY = /^[Tt]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)?$/;

/**
 * A `date` field as issuers write it: a full-date, or a full-date followed by a time of day (several issuers write
 * `2022-01-01T00:00:00.000Z` or `2021-03-09T00:00:00` where the schema says date). The calendar date as written is the
 * value; the time is ignored. Undefined when the text is neither.
 */
export function calendarDay(text: string): number | undefined {
  const day = fullDateDay(text.slice(0, 10));
  if (day === undefined || (text.length > 10 && !TIME_OF_DAY.test(text.slice(10)))) return undefined;
  return day;
}

export function isCalendarDate(text: string): boolean {
  return calendarDay(text) !== undefined;
}

/** The number written by the ASCII digits text[at..at+count), or -1 when one of them is not a digit. */
function digitsAt(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (!(digit >= 0 && digit <= 9)) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * ms since the epoch of an RFC 3339 date-time (`2021-05-29T10:20:00+02:00`), or undefined when it is not one:
 * `YYYY-MM-DD[Tt]hh:mm:ss[.fraction]([Zz]|±hh:mm)`, read character by character (every test certificate passes two of
 * these through here, and a regular expression's match array was a measurable part of a decision).
 */
export function dateTimeMs(text: string): number | undefined {
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  const second = digitsAt(text, 17, 2);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return undefined;
  if (text[4] !== '-' || text[7] !== '-' || (text[10] !== 'T' && text[10] !== 't') || text[13] !== ':' || text[16] !== ':') return undefined;
  if (!validDate(year, month, day) || hour > 23 || minute > 59 || second > 60) return undefined;
  let at = 19;
  let fraction = 0;
  if (text[at] === '.') {
    const start = at;
    while (digitsAt(text, at + 1, 1) >= 0) at++;
    if (at === start) return undefined;
    fraction = Math.floor(Number(`0${text.slice(start, ++at)}`) * 1000);
  }
  let offsetMinutes = 0;
  const zone = text[at];
  if (zone === 'Z' || zone === 'z') {
    if (text.length !== at + 1) return undefined;
  } else if (zone === '+' || zone === '-') {
    const oh = digitsAt(text, at + 1, 2);
    const om = digitsAt(text, at + 4, 2);
    if (oh < 0 || om < 0 || text[at + 3] !== ':' || text.length !== at + 6 || oh > 23 || om > 59) return undefined;
    offsetMinutes = (zone === '-' ? -1 : 1) * (oh * 60 + om);
  } else {
    return undefined;
  }
  return Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), fraction) - offsetMinutes * 60_000;
}

export function isDateTime(text: string): boolean {
  return dateTimeMs(text) !== undefined;
}

/** Length as JSON Schema counts it: in Unicode code points, not UTF-16 units. */
export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}
