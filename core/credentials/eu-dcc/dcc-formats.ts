/**
 * The string formats the DCC schema relies on (JSON Schema's `date` and `date-time` are RFC 3339 §5.6 `full-date` and
 * `date-time`), and their conversion to days and instants for the checkpoint policy.
 */

const FULL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|([+-])(\d{2}):(\d{2}))$/;

function daysInMonth(year: number, month: number): number {
  return month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
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

export function isFullDate(text: string): boolean {
  return fullDateDay(text) !== undefined;
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

/** ms since the epoch of an RFC 3339 date-time (`2021-05-29T10:20:00+02:00`), or undefined when it is not one. */
export function dateTimeMs(text: string): number | undefined {
  const m = DATE_TIME.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i])) as [number, number, number, number, number, number];
  if (!validDate(year, month, day) || hour > 23 || minute > 59 || second > 60) return undefined;
  let offsetMinutes = 0;
  if (m[9]) {
    const [oh, om] = [Number(m[10]), Number(m[11])];
    if (oh > 23 || om > 59) return undefined;
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const fraction = m[7] ? Math.floor(Number(`0${m[7]}`) * 1000) : 0;
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
