/**
 * The signed staff badge (spec: docs/staff-badge.md): the same envelope, key ids and issuers as the declaration token
 * (./signed-token.ts), with the prefix `NVB1:` and its own claims — and what a badge means at a checkpoint.
 *
 *   NVB1:<base45( COSE_Sign1 [ protected {1: -8 EdDSA, 4: kid}, {}, badge claims, Ed25519 signature ] )>
 *
 * Token-level failures reuse the TOKEN_* reasons; then the department rule, then — where the policy asks staff to
 * declare too — the declaration on file under the badge's subject reference, judged as for an identity QR lookup.
 */
import type { DecisionContext } from '../context.js';
import { ReasonCode } from '../reasons.js';
import { STAFF_BADGE_PREFIX } from './classify.js';
import { isFreshDeclaration, personOf, refusedToken, resultReason, tokenVerifyOptions } from './declaration-decision.js';
import { checkIssuerSignature, CommonClaim, epochMsOf, hexOfBytes, openSignedToken, readSubjectClaims, sealSignedToken, type SignedTokenVerification, type SignedTokenVerifyOptions } from './signed-token.js';
import { verdictOf, type Verdict } from './verdict.js';

export const BadgeClaim = { ...CommonClaim, department: 4, validFrom: 5, validUntil: 6, badgeId: 7 } as const;

/** Department ids as in the checkpoint config (`policy.department`). */
export const DEPARTMENT_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export interface StaffBadgeClaims {
  readonly issuer: string;
  /** Hex; CryptoPort.identityRef of the holder's ID number when the badge must match the declaration set. */
  readonly subjectRef: string;
  readonly displayName: string;
  readonly department: string;
  /** ms since the Unix epoch; the wire format carries whole seconds. */
  readonly validFrom: number;
  readonly validUntil: number;
  /** Hex; the register's credential id and what revocation lists name. */
  readonly badgeId: string;
}

export type BadgeVerification = SignedTokenVerification<StaffBadgeClaims>;

export type BadgeVerifyOptions = SignedTokenVerifyOptions;

/** Validates the badge claims; returns a message naming the first bad claim, or the claims. */
export function readBadgeClaims(map: ReadonlyMap<unknown, unknown>): StaffBadgeClaims | string {
  const subject = readSubjectClaims(map);
  if (typeof subject === 'string') return subject;
  const department = map.get(BadgeClaim.department);
  if (typeof department !== 'string' || !DEPARTMENT_ID.test(department)) return 'claim 4 (department) must be an id of 1–64 letters, digits, dot, dash or underscore';
  const validFrom = epochMsOf(map.get(BadgeClaim.validFrom));
  if (validFrom === undefined) return 'claim 5 (valid from) must be epoch seconds';
  const validUntil = epochMsOf(map.get(BadgeClaim.validUntil));
  if (validUntil === undefined || validUntil <= validFrom) return 'claim 6 (valid until) must be epoch seconds after valid from';
  const badgeId = hexOfBytes(map.get(BadgeClaim.badgeId), 4, 16);
  if (!badgeId) return 'claim 7 (badge id) must be 4–16 bytes';
  return { ...subject, department, validFrom, validUntil, badgeId };
}

/** Shape, then issuer and signature, then the validity window (the first failure decides, as for declarations). */
export function verifyStaffBadge(payload: string, options: BadgeVerifyOptions): BadgeVerification {
  const opened = openSignedToken(payload, STAFF_BADGE_PREFIX);
  if (!opened.ok) return { ok: false, reason: ReasonCode.TokenMalformed, detail: opened.detail };
  const claims = readBadgeClaims(opened.claims);
  if (typeof claims === 'string') return { ok: false, reason: ReasonCode.TokenMalformed, detail: claims };
  const signature = checkIssuerSignature(opened.sign1, opened.kid, options.trust, options.crypto);
  if (!signature.ok) return signature;
  if (options.now + options.clockSkewMs < claims.validFrom) {
    return { ok: false, reason: ReasonCode.TokenNotYetValid, detail: 'valid from lies in the future', claims };
  }
  if (options.now >= claims.validUntil) return { ok: false, reason: ReasonCode.TokenExpired, detail: 'badge expired', claims };
  return { ok: true, claims, issuer: signature.issuer };
}

export interface BadgeToIssue {
  readonly issuer: string;
  readonly subjectRef: Uint8Array;
  readonly displayName: string;
  readonly department: string;
  readonly validFrom: number;
  readonly validUntil: number;
  readonly badgeId: Uint8Array;
}

/** Encodes and signs a badge. `sign` receives the Sig_structure bytes and returns the raw 64-byte Ed25519 signature. */
export function encodeStaffBadge(badge: BadgeToIssue, kid: Uint8Array, sign: (data: Uint8Array) => Uint8Array): string {
  const claims = new Map<number, unknown>([
    [BadgeClaim.issuer, badge.issuer],
    [BadgeClaim.subject, badge.subjectRef],
    [BadgeClaim.name, badge.displayName.normalize('NFC')],
    [BadgeClaim.department, badge.department],
    [BadgeClaim.validFrom, Math.floor(badge.validFrom / 1000)],
    [BadgeClaim.validUntil, Math.floor(badge.validUntil / 1000)],
    [BadgeClaim.badgeId, badge.badgeId],
  ]);
  return sealSignedToken(STAFF_BADGE_PREFIX, claims, kid, sign);
}

export function decideStaffBadge(payload: string, context: DecisionContext): Verdict {
  const verification = verifyStaffBadge(payload, tokenVerifyOptions(context));
  if (!verification.ok) return refusedToken(verification, context, 'staff-badge', verification.claims?.badgeId);
  const { claims } = verification;
  const person = personOf(context, claims.displayName, claims.subjectRef);
  const refuse = (reason: ReasonCode): Verdict => ({ ...verdictOf(reason, 'staff-badge', person, claims.badgeId), department: claims.department });
  const required = context.policy.department;
  if (required !== undefined && claims.department !== required) return refuse(ReasonCode.StaffWrongDepartment);
  if (context.policy.staffNeedDeclaration) {
    const known = context.declarations.lookup(claims.subjectRef);
    if (!known || !isFreshDeclaration(known, context)) return refuse(ReasonCode.StaffNeedsDeclaration);
    // A declaration on file that says "isolate" or "medical check" is not overridden by being staff.
    const refusal = resultReason(known.result, context);
    if (refusal) return refuse(refusal);
  }
  return { outcome: 'admit', reasons: [ReasonCode.StaffBadgeValid], kind: 'staff-badge', person, credentialId: claims.badgeId, department: claims.department };
}
