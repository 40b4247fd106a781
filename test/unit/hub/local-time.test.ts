/**
 * Times as the hub shows them, in its configured zone: Vietnam (UTC+7, no DST) and a zone with daylight saving, whose
 * change day is 23 hours long; the config refuses a zone Intl does not know.
 */
import assert from 'node:assert/strict';
import { it } from 'vitest';
import { isNoticeReason } from '../../../core/index.js';
import { localTime } from '../../../hub/admin-web/local-time.js';
import { validateHubConfig } from '../../../hub/config/hub-config.js';

it('formats instants and days in Asia/Ho_Chi_Minh', () => {
  const vn = localTime('Asia/Ho_Chi_Minh');
  const at = Date.parse('2026-11-20T03:05:42Z');
  assert.equal(vn.dateTime(at), '2026-11-20 10:05');
  assert.equal(vn.time(at), '10:05');
  assert.equal(vn.timeWithSeconds(at), '10:05:42');
  assert.equal(vn.day(Date.parse('2026-11-20T17:30:00Z')), '2026-11-21', 'past 17:00 UTC it is tomorrow in Vietnam');
  assert.deepEqual(vn.dayRange('2026-11-20'), { from: Date.parse('2026-11-19T17:00:00Z'), to: Date.parse('2026-11-20T17:00:00Z') });
  assert.equal(vn.offsetLabel(at), 'UTC+07:00');
});

it('a day in a zone with daylight saving runs from local midnight to local midnight', () => {
  const berlin = localTime('Europe/Berlin');
  const day = berlin.dayRange('2026-03-29');
  assert.equal(day.from, Date.parse('2026-03-28T23:00:00Z'));
  assert.equal(day.to - day.from, 23 * 3_600_000);
  assert.equal(berlin.offsetLabel(day.to), 'UTC+02:00');
});

it('the hub config defaults to Vietnam\'s zone and refuses an unknown one', () => {
  assert.equal(validateHubConfig('/tmp/hub.json', {}).timeZone, 'Asia/Ho_Chi_Minh');
  assert.throws(() => validateHubConfig('/tmp/hub.json', { timeZone: 'Asia/Sai_Gon_Khong_Co' }), /field "timeZone": must be an IANA time zone/);
});

it('clock and stale-data reasons are notices; denial reasons are not', () => {
  for (const code of ['CLOCK_NOT_SYNCHRONISED', 'DECLARATION_SET_STALE', 'BUILDING_DATA_STALE']) assert.ok(isNoticeReason(code), code);
  for (const code of ['TOKEN_EXPIRED', 'DECLARATION_VALID', 'EXIT_WITHOUT_ENTRY']) assert.ok(!isNoticeReason(code), code);
});
