/**
 * Start of the local calendar day in an IANA time zone ("today" for the counters is the checkpoint's day, not UTC's).
 * Pure: uses only Intl, which every runtime has.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Offset of the zone from UTC at `at`, in ms (positive east of Greenwich). */
export function zoneOffsetMs(at: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(at)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return asUtc - Math.floor(at / 1000) * 1000;
}

export function startOfLocalDay(at: number, timeZone: string): number {
  const offset = zoneOffsetMs(at, timeZone);
  const local = at + offset;
  const dayStartLocal = local - (((local % 86_400_000) + 86_400_000) % 86_400_000);
  // The offset at midnight may differ from the offset now (a DST change during the day): settle on midnight's.
  let start = dayStartLocal - offset;
  for (let i = 0; i < 2; i++) start = dayStartLocal - zoneOffsetMs(start, timeZone);
  return start;
}

const clockFormatters = new Map<string, Intl.DateTimeFormat>();

/** HH:MM in the zone, for reason texts. */
export function formatLocalTime(at: number, timeZone: string): string {
  let f = clockFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    clockFormatters.set(timeZone, f);
  }
  return f.format(at);
}
