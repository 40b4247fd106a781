/**
 * EU Digital COVID Certificate (`HC1:`), the format of Vietnam's vaccine passport: verify, then apply the checkpoint's
 * certificate rules.
 *
 *   unwrap (prefix, base45, zlib) → COSE_Sign1 → signature (trust list) → CWT claims → schema
 *     → signer's key usage → validity period → EU value sets → checkpoint policy
 *
 * Contract: nothing read from the certificate is shown or used before its signature verified; from the schema step on,
 * refusals carry the person and the certificate id, so the guard sees whose certificate it is (e.g. an expired one).
 */
import type { DecisionContext } from '../../context.js';
import type { DocumentSigner } from '../../crypto-port.js';
import type { PersonSummary } from '../../decision.js';
import { ReasonCode } from '../../reasons.js';
import { admitted, verdictOf, type Verdict } from '../verdict.js';
import { decodeDccCose, readDccClaims, type DccCwt } from './dcc-cwt.js';
import { checkDccKeyUsage, checkDccValidity } from './dcc-signer-checks.js';
import { applyCertificateRules } from './dcc-policy.js';
import { validateDccPayload } from './dcc-schema.js';
import { checkDccValueSets } from './dcc-value-sets.js';
import { verifyDccSignature } from './dcc-signature.js';
import type { DccName, DccPayload, DccStep } from './dcc-step.js';
import { unwrapDcc } from './dcc-transport.js';

export interface VerifiedDcc {
  readonly cwt: DccCwt;
  readonly signer: DocumentSigner;
  readonly dcc: DccPayload;
}

/** Transport, COSE, signature, claims and schema: what every use of a DCC needs before reading it. */
export function readVerifiedDcc(payload: string, context: Pick<DecisionContext, 'trust' | 'crypto'>): DccStep<VerifiedDcc> {
  const bytes = unwrapDcc(payload, context.crypto);
  if (!bytes.ok) return bytes;
  const sign1 = decodeDccCose(bytes.value);
  if (!sign1.ok) return sign1;
  const signer = verifyDccSignature(sign1.value, context.trust, context.crypto);
  if (!signer.ok) return signer;
  const cwt = readDccClaims(sign1.value);
  if (!cwt.ok) return cwt;
  const dcc = validateDccPayload(cwt.value.payload);
  if (!dcc.ok) return dcc;
  return { ok: true, value: { cwt: cwt.value, signer: signer.value, dcc: dcc.value } };
}

const fromTransliteration = (t: string | undefined): string => (t ?? '').replace(/<+/g, ' ').trim();

/** "Given Family" as printed on the certificate (NFC); the transliterated fields when the printed ones are empty. */
export function dccDisplayName(nam: DccName): string {
  const printed = [nam.gn, nam.fn].map((s) => (s ?? '').trim()).filter((s) => s !== '').join(' ');
  const name = printed || [fromTransliteration(nam.gnt), fromTransliteration(nam.fnt)].filter((s) => s !== '').join(' ');
  return name.normalize('NFC');
}

/**
 * The stable identity of a DCC holder: `dcc:` + transliterated family name | given names | date of birth.
 * Why these fields: each new dose or test yields a new certificate with a new UVCI, but anti-passback must recognise
 * the same person across them; the ICAO transliterations (`fnt`, `gnt`) do not vary with how an issuer writes
 * diacritics, and the date of birth separates namesakes. A certificate with both transliterations empty names nobody
 * in particular: it falls back to its own UVCI rather than share one identity with every other such certificate.
 * The result only ever enters core's keyed hash (subjectKey).
 */
export function dccSubjectRef(dcc: Pick<DccPayload, 'nam' | 'dob' | 'certificate'>): string {
  const norm = (t: string | undefined) => (t ?? '').toUpperCase().replace(/<+/g, '<').replace(/^<|<$/g, '');
  const [family, given] = [norm(dcc.nam.fnt), norm(dcc.nam.gnt)];
  if (family === '' && given === '') return `dcc-uvci:${dcc.certificate.entry.ci.trim()}`;
  return `dcc:${family}|${given}|${dcc.dob}`;
}

function personOf(dcc: DccPayload, context: DecisionContext): PersonSummary {
  return { displayName: dccDisplayName(dcc.nam), subjectKey: context.crypto.subjectKey(dccSubjectRef(dcc)) };
}

const failure = (step: DccStep<unknown>): ReasonCode | undefined => (step.ok ? undefined : step.reason);

export function decideEuDcc(payload: string, context: DecisionContext): Verdict {
  const verified = readVerifiedDcc(payload, context);
  if (!verified.ok) return verdictOf(verified.reason, 'eu-dcc');
  const { cwt, signer, dcc } = verified.value;
  const person = personOf(dcc, context);
  // The UVCI identifies the certificate, not the person (no personal data in it): revocation lists match on it.
  const credentialId = dcc.certificate.entry.ci.trim();
  const clock = { now: context.now, timeZone: context.timeZone, clockSkewMs: context.policy.clockSkewMs };
  // In this order; the first that fails decides. (Called one after the other rather than from a list of closures:
  // this runs for every scan.)
  const failed =
    failure(checkDccKeyUsage(signer, dcc.certificate.type)) ??
    failure(checkDccValidity(cwt, signer, context.now, context.policy.clockSkewMs)) ??
    failure(checkDccValueSets(dcc.certificate, context.trust.dccValueSets)) ??
    failure(applyCertificateRules(dcc.certificate, context.policy.certificates, clock));
  if (failed !== undefined) return verdictOf(failed, 'eu-dcc', person, credentialId);
  return admitted(ReasonCode.DccValid, 'eu-dcc', person, credentialId);
}
