/**
 * What a document signer certificate (DSC) vouches for: which certificate types (its extended key usage) and which
 * period (its validity, against the DCC's own `iat` / `exp` and the decision time).
 *
 * Key usage (hcert spec §5.1.1): each type has an OID under 1.3.6.1.4.1.1847.2021.1 and an alternate one under
 * 1.3.6.1.4.1.0.1847.2021.1 (used by many early DSCs); both count. A DSC whose extended key usage list is empty may
 * sign every type. A DSC that lists OIDs must list one for the certificate's type — including a DSC that lists only
 * unrelated OIDs (e.g. the ICAO document-signer OID 2.23.136.1.1.14.2): the conformance data expects such a signer to
 * be refused (IS/3), and a signer restricted to other purposes was not issued to sign health certificates.
 *
 * Validity, in this order:
 *   1. issued in the future beyond the tolerated clock skew → DCC_NOT_YET_VALID
 *   2. `exp` < now → DCC_EXPIRED (the reference verifiers' boundary: a certificate is expired only once its `exp`
 *      lies before the validation clock, so `exp` equal to the clock is still valid)
 *   3. issued outside the signer certificate's validity, or valid beyond the signer certificate's end → DCC_SIGNER_NOT_VALID
 *      (a DCC may not outlive the certificate that vouches for it: the hcert spec's rule, and the conformance data's
 *      `dsc.notBefore ≤ iat ≤ now ≤ exp ≤ dsc.notAfter`). A DCC without `iat` is checked with `now` in its place.
 */
import type { DocumentSigner } from '../../crypto-port.js';
import { ReasonCode } from '../../reasons.js';
import type { DccCwt } from './dcc-cwt.js';
import { stepFailed, stepOk, type DccStep, type DccType } from './dcc-step.js';

export const DCC_KEY_USAGE_OIDS: Readonly<Record<DccType, readonly string[]>> = {
  t: ['1.3.6.1.4.1.1847.2021.1.1', '1.3.6.1.4.1.0.1847.2021.1.1'],
  v: ['1.3.6.1.4.1.1847.2021.1.2', '1.3.6.1.4.1.0.1847.2021.1.2'],
  r: ['1.3.6.1.4.1.1847.2021.1.3', '1.3.6.1.4.1.0.1847.2021.1.3'],
};

const TYPE_NAMES: Readonly<Record<DccType, string>> = { v: 'vaccination', t: 'test', r: 'recovery' };

export function signerMayIssue(signer: Pick<DocumentSigner, 'extendedKeyUsage'>, type: DccType): boolean {
  const usage = signer.extendedKeyUsage;
  return usage.length === 0 || DCC_KEY_USAGE_OIDS[type].some((oid) => usage.includes(oid));
}

export function checkDccKeyUsage(signer: Pick<DocumentSigner, 'extendedKeyUsage' | 'kid'>, type: DccType): DccStep<DccType> {
  if (signerMayIssue(signer, type)) return stepOk(type);
  return stepFailed(ReasonCode.DccWrongCertificateType, `signer ${signer.kid} may not sign ${TYPE_NAMES[type]} certificates (key usage ${signer.extendedKeyUsage.join(', ')})`);
}

/**
 * The type named by the payload's keys, before full validation (the conformance key-usage check needs it for payloads
 * the schema may refuse). Undefined unless exactly one of v / t / r is present.
 */
export function dccTypeOf(payload: unknown): DccType | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const present = (['v', 't', 'r'] as const).filter((key) => (payload as Record<string, unknown>)[key] !== undefined);
  return present.length === 1 ? present[0] : undefined;
}

/** For details only; an absurd instant (a signed `exp` of 1e300 s) must not throw here. */
const iso = (ms: number): string => (Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : `${ms} ms`);

export function checkDccValidity(
  cwt: Pick<DccCwt, 'issuedAt' | 'expiresAt'>,
  signer: Pick<DocumentSigner, 'kid' | 'notBefore' | 'notAfter'>,
  now: number,
  clockSkewMs: number,
): DccStep<void> {
  const issuedAt = cwt.issuedAt ?? now;
  if (issuedAt > now + clockSkewMs) return stepFailed(ReasonCode.DccNotYetValid, `issued at ${iso(issuedAt)}, after the decision time`);
  if (cwt.expiresAt < now) return stepFailed(ReasonCode.DccExpired, `expired at ${iso(cwt.expiresAt)}`);
  if (issuedAt < signer.notBefore || issuedAt > signer.notAfter) {
    return stepFailed(ReasonCode.DccSignerNotValid, `issued at ${iso(issuedAt)}, outside the validity of signer ${signer.kid} (${iso(signer.notBefore)} – ${iso(signer.notAfter)})`);
  }
  if (cwt.expiresAt > signer.notAfter) {
    return stepFailed(ReasonCode.DccSignerNotValid, `valid until ${iso(cwt.expiresAt)}, after signer ${signer.kid} expires (${iso(signer.notAfter)})`);
  }
  return stepOk(undefined);
}
