/** Per-weekday opening hours of department checkpoints: boundaries, closed days, midnight spans, time zones. */
import assert from 'node:assert/strict';
import { test } from 'vitest';
import { decide, DEFAULT_POLICY, isOpenAt, ReasonCode, reasonText, type CheckpointPolicy, type OpeningHours } from '../../../core/index.js';
import { testContext } from '../../support/decision-context.js';
import { validToken } from '../../support/tokens.js';

const VN = 'Asia/Ho_Chi_Minh';
/** Local time in Vietnam (UTC+7, no daylight saving) → epoch ms. 2026-11-23 is a Monday. */
const vn = (localIso: string) => Date.parse(`${localIso}+07:00`);

const OFFICE: OpeningHours = {
  weekly: {
    mon: { opens: '07:30', closes: '17:30' },
    tue: { opens: '07:30', closes: '17:30' },
    wed: { opens: '07:30', closes: '17:30' },
    thu: { opens: '07:30', closes: '17:30' },
    fri: { opens: '07:30', closes: '17:30' },
    sat: { opens: '08:00', closes: '12:00' },
    sun: null,
  },
};

test('weekday hours: opens at the minute, closes at the minute (half-open range)', () => {
  assert.equal(isOpenAt(OFFICE, vn('2026-11-23T07:29:59'), VN), false);
  assert.equal(isOpenAt(OFFICE, vn('2026-11-23T07:30:00'), VN), true);
  assert.equal(isOpenAt(OFFICE, vn('2026-11-23T17:29:59'), VN), true);
  assert.equal(isOpenAt(OFFICE, vn('2026-11-23T17:30:00'), VN), false);
});

test('Saturday has its own hours and Sunday is closed all day', () => {
  assert.equal(isOpenAt(OFFICE, vn('2026-11-28T11:59:00'), VN), true, 'Saturday morning');
  assert.equal(isOpenAt(OFFICE, vn('2026-11-28T14:00:00'), VN), false, 'Saturday afternoon, open on weekdays');
  assert.equal(isOpenAt(OFFICE, vn('2026-11-29T10:00:00'), VN), false, 'Sunday');
  assert.equal(isOpenAt({ weekly: { mon: { opens: '08:00', closes: '12:00' } } }, vn('2026-11-24T10:00:00'), VN), false, 'a missing weekday is closed');
});

test('a range that spans midnight belongs to the day it opens', () => {
  const nights: OpeningHours = { weekly: { fri: { opens: '22:00', closes: '06:00' } } };
  assert.equal(isOpenAt(nights, vn('2026-11-27T23:00:00'), VN), true, 'Friday 23:00');
  assert.equal(isOpenAt(nights, vn('2026-11-28T05:59:00'), VN), true, 'Saturday 05:59, still Friday night');
  assert.equal(isOpenAt(nights, vn('2026-11-28T06:00:00'), VN), false, 'Saturday 06:00');
  assert.equal(isOpenAt(nights, vn('2026-11-27T03:00:00'), VN), false, 'Friday 03:00 is Thursday night, which is closed');
  assert.equal(isOpenAt(nights, vn('2026-11-28T23:00:00'), VN), false, 'Saturday night');
});

test('the old { opens, closes } form applies to every day, Sunday included', () => {
  const daily: OpeningHours = { opens: '07:30', closes: '17:00' };
  assert.equal(isOpenAt(daily, vn('2026-11-29T10:00:00'), VN), true);
  assert.equal(isOpenAt(daily, vn('2026-11-29T17:00:00'), VN), false);
  assert.equal(isOpenAt({ opens: '00:00', closes: '00:00' }, vn('2026-11-29T03:00:00'), VN), true, 'equal times: round the clock');
});

test('the weekday and the hour are the checkpoint zone\'s, not UTC\'s', () => {
  const mondayMorningVn = Date.parse('2026-11-23T00:30:00Z'); // Monday 07:30 in Vietnam, still Monday 00:30 in UTC
  assert.equal(isOpenAt(OFFICE, mondayMorningVn, VN), true);
  assert.equal(isOpenAt(OFFICE, mondayMorningVn, 'UTC'), false);
  const sundayUtcMondayVn = Date.parse('2026-11-22T23:45:00Z'); // Sunday in UTC, Monday 06:45 in Vietnam
  assert.equal(isOpenAt({ weekly: { sun: { opens: '20:00', closes: '23:59' } } }, sundayUtcMondayVn, 'UTC'), true);
  assert.equal(isOpenAt({ weekly: { sun: { opens: '20:00', closes: '23:59' } } }, sundayUtcMondayVn, VN), false);
  // A zone with daylight saving: 08:00 local in Berlin is 07:00 UTC in winter and 06:00 UTC in summer.
  const berlin: OpeningHours = { weekly: { mon: { opens: '08:00', closes: '09:00' } } };
  assert.equal(isOpenAt(berlin, Date.parse('2026-11-23T07:30:00Z'), 'Europe/Berlin'), true);
  assert.equal(isOpenAt(berlin, Date.parse('2026-07-06T06:30:00Z'), 'Europe/Berlin'), true);
  assert.equal(isOpenAt(berlin, Date.parse('2026-07-06T07:30:00Z'), 'Europe/Berlin'), false);
});

function scan(policy: CheckpointPolicy, now: number) {
  return decide({ source: 'simulated', payload: validToken({ now }), wallTime: now, monoTime: 0 }, testContext(now, { policy }));
}

test('the decision: outside today\'s hours names them; a closed day says so, in Vietnamese and English', () => {
  const policy: CheckpointPolicy = { ...DEFAULT_POLICY, openingHours: OFFICE };
  assert.equal(scan(policy, vn('2026-11-28T09:00:00')).outcome, 'admit');
  const evening = scan(policy, vn('2026-11-28T13:00:00'));
  assert.deepEqual([evening.outcome, evening.reasons[0]], ['deny', ReasonCode.OutsideOpeningHours]);
  assert.equal(reasonText(ReasonCode.OutsideOpeningHours, 'vi', evening.reasonParams).message, 'Ngoài giờ làm việc (mở cửa 08:00–12:00).');
  const sunday = scan(policy, vn('2026-11-29T10:00:00'));
  assert.deepEqual([sunday.outcome, sunday.reasons[0]], ['deny', ReasonCode.ClosedToday]);
  assert.equal(reasonText(ReasonCode.ClosedToday, 'vi').message, 'Hôm nay bộ phận không làm việc.');
  assert.equal(reasonText(ReasonCode.ClosedToday, 'en').next, 'Please come back on a working day.');
  const exit = decide({ source: 'simulated', payload: validToken({ now: vn('2026-11-29T10:00:00') }), wallTime: vn('2026-11-29T10:00:00'), monoTime: 0 }, testContext(vn('2026-11-29T10:00:00'), { policy, direction: 'out' }));
  assert.notEqual(exit.reasons[0], ReasonCode.ClosedToday, 'exits are always recorded');
});
