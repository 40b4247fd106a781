/**
 * The checkpoint's certificate windows at their boundaries, for any decision time and time zone (fast-check):
 * vaccination day 13/14 and 270/271, test 72 h ± 1 ms, recovery day 10/11 and 180/181 (the default rules).
 * The expected local date is computed independently of the implementation, with Intl.
 */
import assert from 'node:assert/strict';
import { test } from 'vitest';
import fc from 'fast-check';
import { applyCertificateRules, DEFAULT_CERTIFICATE_RULES, ReasonCode, type DccCertificate, type DccStep } from '../../../core/index.js';
import { HOUR, recoveryPayload, testPayload, vaccinationPayload } from '../../support/dcc.js';

const ZONES = ['Asia/Ho_Chi_Minh', 'UTC', 'Pacific/Kiritimati', 'America/Los_Angeles', 'Europe/Berlin'];
const instant = fc.integer({ min: Date.parse('2021-01-01T00:00:00Z'), max: Date.parse('2027-12-31T00:00:00Z') });
const zone = fc.constantFrom(...ZONES);

/** YYYY-MM-DD of the local calendar day `days` before the one containing `at` in `timeZone`. */
function localDateMinus(at: number, timeZone: string, days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - days)).toISOString().slice(0, 10);
}

function outcome(certificate: DccCertificate, now: number, timeZone: string): ReasonCode | 'ok' {
  const step: DccStep<void> = applyCertificateRules(certificate, DEFAULT_CERTIFICATE_RULES, { now, timeZone, clockSkewMs: 0 });
  return step.ok ? 'ok' : step.reason;
}

const vaccination = (dt: string): DccCertificate => ({ type: 'v', entry: (vaccinationPayload({ dt }).v as never[])[0]! });
const negativeTest = (sc: string): DccCertificate => ({ type: 't', entry: (testPayload({ sc }).t as never[])[0]! });
const recovery = (fr: string): DccCertificate => ({ type: 'r', entry: (recoveryPayload({ fr, df: '2020-01-01', du: '2099-12-31' }).r as never[])[0]! });

test('vaccination: the last dose counts from local day 14 to local day 270 inclusive', () => {
  fc.assert(
    fc.property(instant, zone, (now, tz) => {
      assert.equal(outcome(vaccination(localDateMinus(now, tz, 13)), now, tz), ReasonCode.DccVaccinationTooRecent);
      assert.equal(outcome(vaccination(localDateMinus(now, tz, 14)), now, tz), 'ok');
      assert.equal(outcome(vaccination(localDateMinus(now, tz, 270)), now, tz), 'ok');
      assert.equal(outcome(vaccination(localDateMinus(now, tz, 271)), now, tz), ReasonCode.DccVaccinationTooOld);
    }),
    { numRuns: 500 },
  );
});

test('test: admitted up to exactly 72 h after sample collection, refused 1 ms later', () => {
  fc.assert(
    fc.property(instant, zone, (now, tz) => {
      const at = (ms: number) => new Date(ms).toISOString();
      assert.equal(outcome(negativeTest(at(now - 72 * HOUR + 1)), now, tz), 'ok');
      assert.equal(outcome(negativeTest(at(now - 72 * HOUR)), now, tz), 'ok');
      assert.equal(outcome(negativeTest(at(now - 72 * HOUR - 1)), now, tz), ReasonCode.DccTestTooOld);
    }),
    { numRuns: 500 },
  );
});

test('test: the sample time counts as an instant, whatever offset the issuer wrote it with', () => {
  fc.assert(
    fc.property(instant, fc.integer({ min: -12, max: 14 }), (now, offsetHours) => {
      const sampled = now - 72 * HOUR;
      const local = new Date(sampled + offsetHours * HOUR).toISOString().slice(0, 23);
      const sign = offsetHours < 0 ? '-' : '+';
      const sc = `${local}${sign}${String(Math.abs(offsetHours)).padStart(2, '0')}:00`;
      assert.equal(outcome(negativeTest(sc), now, 'UTC'), 'ok');
      assert.equal(outcome(negativeTest(sc), now + 1, 'UTC'), ReasonCode.DccTestTooOld);
    }),
    { numRuns: 300 },
  );
});

test('recovery: the first positive test counts from local day 11 to local day 180 inclusive', () => {
  fc.assert(
    fc.property(instant, zone, (now, tz) => {
      assert.equal(outcome(recovery(localDateMinus(now, tz, 10)), now, tz), ReasonCode.DccRecoveryTooRecent);
      assert.equal(outcome(recovery(localDateMinus(now, tz, 11)), now, tz), 'ok');
      assert.equal(outcome(recovery(localDateMinus(now, tz, 180)), now, tz), 'ok');
      assert.equal(outcome(recovery(localDateMinus(now, tz, 181)), now, tz), ReasonCode.DccRecoveryTooOld);
    }),
    { numRuns: 500 },
  );
});

test('a day window turns at local midnight, not at UTC midnight', () => {
  // 2021-10-15 00:00 in Hồ Chí Minh City is 2021-10-14 17:00 UTC: day 14 after a dose on 2021-10-01 starts then.
  const dose = vaccination('2021-10-01');
  const midnight = Date.parse('2021-10-14T17:00:00Z');
  assert.equal(outcome(dose, midnight - 1, 'Asia/Ho_Chi_Minh'), ReasonCode.DccVaccinationTooRecent);
  assert.equal(outcome(dose, midnight, 'Asia/Ho_Chi_Minh'), 'ok');
  assert.equal(outcome(dose, midnight, 'UTC'), ReasonCode.DccVaccinationTooRecent);
});
