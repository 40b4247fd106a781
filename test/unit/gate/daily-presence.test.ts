import { strict as assert } from 'node:assert';
import { describe, it } from 'vitest';
import type { TalliedEntry } from '../../../core/index.js';
import { DailyPresence } from '../../../main/gate/daily-presence.js';

/** A register stand-in: the entries it holds with their wall times, answering talliedSince like the real one. */
function registerOf(rows: { at: number; entry: TalliedEntry }[]) {
  const asked: number[] = [];
  return {
    asked,
    rows,
    talliedSince(since: number): TalliedEntry[] {
      asked.push(since);
      return rows.filter((r) => r.at >= since).map((r) => r.entry);
    },
  };
}

const ZONE = 'Asia/Ho_Chi_Minh'; // UTC+7, no DST
const day = (iso: string) => Date.parse(iso);
const admitIn = (subjectKey: string): TalliedEntry => ({ subjectKey, direction: 'in', outcome: 'admit' });
const admitOut = (subjectKey: string): TalliedEntry => ({ subjectKey, direction: 'out', outcome: 'admit' });

describe('DailyPresence', () => {
  it('starts from the register rows of the local day only (midnight at UTC+7)', () => {
    const register = registerOf([
      { at: day('2026-11-22T16:59:59Z'), entry: admitIn('a') }, // 23:59:59 local, the day before
      { at: day('2026-11-22T17:00:00Z'), entry: admitIn('b') }, // 00:00 local
      { at: day('2026-11-23T01:00:00Z'), entry: admitOut('b') },
    ]);
    const presence = new DailyPresence(register, ZONE, day('2026-11-23T02:00:00Z'));
    assert.deepEqual(register.asked, [day('2026-11-22T17:00:00Z')]);
    assert.deepEqual(presence.counters(day('2026-11-23T02:00:00Z')), { enteredToday: 1, leftToday: 1, insideNow: 0 });
  });

  it('counts entries as they are committed, and starts a new day at local midnight from the register', () => {
    const register = registerOf([]);
    const presence = new DailyPresence(register, ZONE, day('2026-11-23T10:00:00Z'));
    presence.record(admitIn('a'), day('2026-11-23T10:00:00Z'));
    presence.record(admitIn('b'), day('2026-11-23T16:59:00Z'));
    presence.record({ subjectKey: 'c', direction: 'in', outcome: 'deny' }, day('2026-11-23T16:59:30Z'));
    assert.deepEqual(presence.counters(day('2026-11-23T16:59:59Z')), { enteredToday: 2, leftToday: 0, insideNow: 2 });
    // After local midnight the counters come from the register again (here: nothing committed since midnight).
    assert.deepEqual(presence.counters(day('2026-11-23T17:00:00Z')), { enteredToday: 0, leftToday: 0, insideNow: 0 });
    assert.equal(register.asked.at(-1), day('2026-11-23T17:00:00Z'));
  });

  it('reload drops what the register no longer counts (an undone override)', () => {
    const register = registerOf([{ at: day('2026-11-23T03:00:00Z'), entry: admitIn('a') }]);
    const presence = new DailyPresence(register, ZONE, day('2026-11-23T03:00:00Z'));
    presence.record(admitIn('b'), day('2026-11-23T03:01:00Z')); // counted, but not in the register stand-in
    assert.equal(presence.counters(day('2026-11-23T03:02:00Z')).enteredToday, 2);
    presence.reload(day('2026-11-23T03:02:00Z'));
    assert.equal(presence.counters(day('2026-11-23T03:02:00Z')).enteredToday, 1);
  });
});
