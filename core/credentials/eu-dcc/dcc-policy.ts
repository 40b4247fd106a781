/**
 * What a verified, schema-valid DCC means at this checkpoint (`policy.certificates`).
 *
 * Contract:
 * - Day windows count calendar days in the checkpoint's time zone: a dose given on 2021-10-01 is "14 days ago" from
 *   local midnight starting 2021-10-15 on. `min` is the first admitted day and `max` the last (both inclusive).
 * - The test window counts exact time from sample collection: admitted up to and including `maxHoursAfterSample`.
 * - A test is admitted only with the result "not detected" (SNOMED 260415000); any other value is treated as positive.
 * - Dates the issuer put in the future (a sample, a recovery certificate's `df`) give DCC_NOT_YET_VALID.
 */
import type { CertificateRules } from '../../policy.js';
import { DAY_MS, HOUR_MS } from '../../policy.js';
import { ReasonCode } from '../../reasons.js';
import { zoneOffsetMs } from '../../time/local-day.js';
import { calendarDay, dateTimeMs } from './dcc-formats.js';
import { stepFailed, stepOk, type DccCertificate, type DccStep, type RecoveryEntry, type TestEntry, type VaccinationEntry } from './dcc-step.js';

/** SNOMED CT "Not detected" — the only test result that admits. */
export const TEST_RESULT_NOT_DETECTED = '260415000';

export interface PolicyClock {
  readonly now: number;
  readonly timeZone: string;
  readonly clockSkewMs: number;
}

/** Days since 1970-01-01 of the local calendar day that contains `at`. */
export function localDayNumber(at: number, timeZone: string): number {
  return Math.floor((at + zoneOffsetMs(at, timeZone)) / DAY_MS);
}

function daysSince(date: string, clock: PolicyClock): number {
  return localDayNumber(clock.now, clock.timeZone) - calendarDay(date)!;
}

function vaccinationRules(entry: VaccinationEntry, rules: CertificateRules['vaccination'], clock: PolicyClock): DccStep<void> {
  if (!rules.accepted) return stepFailed(ReasonCode.DccTypeNotAccepted, 'vaccination certificates are not accepted here');
  if (entry.dn < entry.sd) return stepFailed(ReasonCode.DccVaccinationIncomplete, `dose ${entry.dn} of ${entry.sd}`);
  const days = daysSince(entry.dt, clock);
  if (days < rules.minDaysAfterLastDose) return stepFailed(ReasonCode.DccVaccinationTooRecent, `last dose ${days} days ago; ${rules.minDaysAfterLastDose} needed`);
  if (days > rules.maxDaysAfterLastDose) return stepFailed(ReasonCode.DccVaccinationTooOld, `last dose ${days} days ago; at most ${rules.maxDaysAfterLastDose} accepted`);
  return stepOk(undefined);
}

function testRules(entry: TestEntry, rules: CertificateRules['test'], clock: PolicyClock): DccStep<void> {
  if (!rules.accepted) return stepFailed(ReasonCode.DccTypeNotAccepted, 'test certificates are not accepted here');
  if (entry.tr !== TEST_RESULT_NOT_DETECTED) return stepFailed(ReasonCode.DccTestPositive, `test result ${entry.tr}`);
  if (!rules.acceptedTypes.includes(entry.tt)) return stepFailed(ReasonCode.DccTypeNotAccepted, `test type ${entry.tt} is not accepted here`);
  const sampled = dateTimeMs(entry.sc)!;
  if (sampled > clock.now + clock.clockSkewMs) return stepFailed(ReasonCode.DccNotYetValid, `sample collected in the future (${entry.sc})`);
  const ageMs = clock.now - sampled;
  if (ageMs > rules.maxHoursAfterSample * HOUR_MS) {
    return stepFailed(ReasonCode.DccTestTooOld, `sample ${(ageMs / HOUR_MS).toFixed(1)} h old; at most ${rules.maxHoursAfterSample} h accepted`);
  }
  return stepOk(undefined);
}

function recoveryRules(entry: RecoveryEntry, rules: CertificateRules['recovery'], clock: PolicyClock): DccStep<void> {
  if (!rules.accepted) return stepFailed(ReasonCode.DccTypeNotAccepted, 'recovery certificates are not accepted here');
  if (daysSince(entry.df, clock) < 0) return stepFailed(ReasonCode.DccNotYetValid, `valid from ${entry.df}`);
  if (daysSince(entry.du, clock) > 0) return stepFailed(ReasonCode.DccExpired, `valid until ${entry.du}`);
  const days = daysSince(entry.fr, clock);
  if (days < rules.minDaysAfterPositive) return stepFailed(ReasonCode.DccRecoveryTooRecent, `positive test ${days} days ago; ${rules.minDaysAfterPositive} needed`);
  if (days > rules.maxDaysAfterPositive) return stepFailed(ReasonCode.DccRecoveryTooOld, `positive test ${days} days ago; at most ${rules.maxDaysAfterPositive} accepted`);
  return stepOk(undefined);
}

/** The checkpoint's rules for one certificate: ok to admit, or the refusal. */
export function applyCertificateRules(certificate: DccCertificate, rules: CertificateRules, clock: PolicyClock): DccStep<void> {
  switch (certificate.type) {
    case 'v':
      return vaccinationRules(certificate.entry, rules.vaccination, clock);
    case 't':
      return testRules(certificate.entry, rules.test, clock);
    case 'r':
      return recoveryRules(certificate.entry, rules.recovery, clock);
  }
}
