/**
 * Opening hours of a checkpoint, in its own time zone: either one range for every day (`{ opens, closes }`, the
 * original form) or one range per weekday (`{ weekly: { mon: {...}, sat: {...}, sun: null } }`; a weekday that is
 * missing or null is closed all day). A range whose `closes` is not after `opens` spans midnight: Friday 22:00–06:00
 * is open until Saturday 06:00, whatever Saturday's own hours say.
 */
import type { DailyHours, OpeningHours, Weekday } from '../policy.js';
import { zoneOffsetMs } from '../time/local-day.js';

/** Index = JavaScript's getUTCDay() of the local date (0 = Sunday). */
export const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

function minutesOf(hhmm: string): number | undefined {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

/** Local weekday and minute of the day at `now` in `timeZone`. */
export function localWeekMinute(now: number, timeZone: string): { weekday: Weekday; minute: number } {
  const local = new Date(now + zoneOffsetMs(now, timeZone));
  return { weekday: WEEKDAYS[local.getUTCDay()]!, minute: local.getUTCHours() * 60 + local.getUTCMinutes() };
}

export function hoursOn(hours: OpeningHours, weekday: Weekday): DailyHours | undefined {
  if ('weekly' in hours) return hours.weekly[weekday] ?? undefined;
  return hours;
}

type RangeTest = 'today' | 'spill';

/** Whether `minute` falls in the range: 'today' is the part that starts this day, 'spill' the part after midnight. */
function inRange(range: DailyHours | undefined, minute: number, part: RangeTest): boolean {
  if (!range) return false;
  const open = minutesOf(range.opens);
  const close = minutesOf(range.closes);
  // A malformed setting cannot prove the checkpoint open: treat it as closed (a deny the guard can override).
  if (open === undefined || close === undefined) return false;
  if (open === close) return part === 'today'; // open round the clock that day
  if (open < close) return part === 'today' && minute >= open && minute < close;
  return part === 'today' ? minute >= open : minute < close;
}

/** True when the checkpoint is open at `now`. */
export function isOpenAt(hours: OpeningHours, now: number, timeZone: string): boolean {
  const { weekday, minute } = localWeekMinute(now, timeZone);
  const yesterday = WEEKDAYS[(WEEKDAYS.indexOf(weekday) + 6) % 7]!;
  return inRange(hoursOn(hours, weekday), minute, 'today') || inRange(hoursOn(hours, yesterday), minute, 'spill');
}

/** True when the local time at `now` is within [opens, closes); closes ≤ opens spans midnight. */
export function isWithinOpeningHours(opens: string, closes: string, now: number, timeZone: string): boolean {
  return isOpenAt({ opens, closes }, now, timeZone);
}
