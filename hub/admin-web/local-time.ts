/**
 * Times as the hub shows them: in the hub's configured time zone (`timeZone`, default Asia/Ho_Chi_Minh), for every
 * admin page, export and CLI line. A "day" (Danh sách, statistics, tracing) is the zone's calendar day, from its local
 * midnight to the next one (DST-safe through core's startOfLocalDay).
 */
import { startOfLocalDay, zoneOffsetMs } from '../../core/index.js';

export interface LocalTime {
  readonly zone: string;
  /** "2026-11-23 10:05". */
  dateTime(at: number): string;
  /** "10:05". */
  time(at: number): string;
  /** "10:05:42". */
  timeWithSeconds(at: number): string;
  /** "2026-11-23": the local calendar day of `at`. */
  day(at: number): string;
  /** [local midnight of `day`, the next local midnight). */
  dayRange(day: string): { from: number; to: number };
  /** "UTC+07:00" at `at`. */
  offsetLabel(at: number): string;
}

export const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

export function localTime(zone: string = DEFAULT_TIME_ZONE): LocalTime {
  const iso = (at: number) => new Date(at + zoneOffsetMs(at, zone)).toISOString();
  return {
    zone,
    dateTime: (at) => iso(at).slice(0, 16).replace('T', ' '),
    time: (at) => iso(at).slice(11, 16),
    timeWithSeconds: (at) => iso(at).slice(11, 19),
    day: (at) => iso(at).slice(0, 10),
    dayRange(day) {
      const noonUtc = Date.parse(`${day}T12:00:00Z`);
      const from = startOfLocalDay(noonUtc - zoneOffsetMs(noonUtc, zone), zone);
      return { from, to: startOfLocalDay(from + 36 * 3_600_000, zone) };
    },
    offsetLabel(at) {
      const minutes = Math.round(zoneOffsetMs(at, zone) / 60_000);
      const abs = Math.abs(minutes);
      return `UTC${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
    },
  };
}
