import assert from 'node:assert/strict';
import { test } from 'vitest';
import fc from 'fast-check';
import { PresenceTally, startOfLocalDay, zoneOffsetMs } from '../../../core/index.js';

test('presence tally counts admitted passages and who is inside', () => {
  const tally = new PresenceTally();
  tally.record({ subjectKey: 'a', direction: 'in', outcome: 'admit' });
  tally.record({ subjectKey: 'b', direction: 'in', outcome: 'admit' });
  tally.record({ subjectKey: 'c', direction: 'in', outcome: 'deny' });
  tally.record({ subjectKey: 'a', direction: 'out', outcome: 'admit' });
  tally.record({ subjectKey: 'd', direction: 'out', outcome: 'admit' }); // left without a recorded entry
  tally.record({ subjectKey: null, direction: 'in', outcome: 'admit' });
  assert.deepEqual(tally.counters(), { enteredToday: 3, leftToday: 2, insideNow: 1 });
});

test('entering twice without leaving counts the person inside once', () => {
  const tally = new PresenceTally();
  tally.record({ subjectKey: 'a', direction: 'in', outcome: 'admit' });
  tally.record({ subjectKey: 'a', direction: 'in', outcome: 'admit' });
  assert.deepEqual(tally.counters(), { enteredToday: 2, leftToday: 0, insideNow: 1 });
});

test('inside-now equals the people whose last admitted passage was inbound (property)', () => {
  const passage = fc.record({ subjectKey: fc.constantFrom('a', 'b', 'c', 'd'), direction: fc.constantFrom('in' as const, 'out' as const), outcome: fc.constantFrom('admit' as const, 'deny' as const, 'review' as const) });
  fc.assert(
    fc.property(fc.array(passage, { maxLength: 60 }), (passages) => {
      const tally = new PresenceTally();
      const last = new Map<string, string>();
      for (const p of passages) {
        tally.record(p);
        if (p.outcome === 'admit') last.set(p.subjectKey, p.direction);
      }
      assert.equal(tally.counters().insideNow, [...last.values()].filter((d) => d === 'in').length);
    }),
  );
});

test('start of the local day in Hồ Chí Minh City (UTC+7)', () => {
  // 2026-11-23 01:30 local = 2026-11-22T18:30Z → day starts 2026-11-22T17:00Z
  assert.equal(startOfLocalDay(Date.parse('2026-11-22T18:30:00Z'), 'Asia/Ho_Chi_Minh'), Date.parse('2026-11-22T17:00:00Z'));
  // 2026-11-22 23:59 local
  assert.equal(startOfLocalDay(Date.parse('2026-11-22T16:59:00Z'), 'Asia/Ho_Chi_Minh'), Date.parse('2026-11-21T17:00:00Z'));
  assert.equal(zoneOffsetMs(Date.parse('2026-06-01T00:00:00Z'), 'Asia/Ho_Chi_Minh'), 7 * 3_600_000);
});

test('start of the local day across a DST change (Europe/Berlin)', () => {
  assert.equal(startOfLocalDay(Date.parse('2026-03-29T12:00:00Z'), 'Europe/Berlin'), Date.parse('2026-03-28T23:00:00Z'));
  assert.equal(startOfLocalDay(Date.parse('2026-10-25T12:00:00Z'), 'Europe/Berlin'), Date.parse('2026-10-24T22:00:00Z'));
});

test('start of day is never after the instant and less than a day before it (property)', () => {
  fc.assert(
    fc.property(fc.integer({ min: Date.parse('2000-01-01'), max: Date.parse('2100-01-01') }), fc.constantFrom('Asia/Ho_Chi_Minh', 'UTC', 'America/New_York', 'Asia/Kolkata'), (at, zone) => {
      const start = startOfLocalDay(at, zone);
      assert.ok(start <= at && at - start < 25 * 3_600_000);
    }),
  );
});
