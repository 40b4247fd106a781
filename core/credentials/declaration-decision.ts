/** What a verified declaration token means at this checkpoint: age, result, and the person it names. */
import type { DecisionContext, KnownDeclaration } from '../context.js';
import type { PersonSummary } from '../decision.js';
import { ReasonCode } from '../reasons.js';
import { verifyDeclarationToken, type DeclarationResult } from './declaration-token.js';
import { admitted, NOBODY, verdictOf, type Verdict } from './verdict.js';

export function personOf(context: DecisionContext, displayName: string, subjectRef: string): PersonSummary {
  return { displayName, subjectKey: context.crypto.subjectKey(subjectRef) };
}

/** Maps a declaration's result under the policy: isolate never admits; others as the checkpoint allows. */
export function resultReason(result: DeclarationResult, context: Pick<DecisionContext, 'policy'>): ReasonCode | undefined {
  if (result === 'isolate') return ReasonCode.DeclarationMustIsolate;
  if (context.policy.admittingDeclarationResults.includes(result)) return undefined;
  return result === 'medical-check' ? ReasonCode.DeclarationNeedsMedicalCheck : ReasonCode.DeclarationMustIsolate;
}

/**
 * A declaration found in the synced set (rather than carried in a signed token) counts only while unexpired AND no
 * older than the checkpoint allows — the two limits a token gets (identity QR lookups, staff who must declare).
 */
export function isFreshDeclaration(known: KnownDeclaration, context: Pick<DecisionContext, 'now' | 'policy'>): boolean {
  return context.now < known.expiresAt && context.now - known.declaredAt <= context.policy.maxDeclarationAgeMs;
}

/** What verifying one of our signed tokens (declaration, staff badge) takes from the decision context. */
export function tokenVerifyOptions(context: DecisionContext) {
  return { trust: context.trust, crypto: context.crypto, now: context.now, clockSkewMs: context.policy.clockSkewMs };
}

/** The verdict on a token that did not verify: it names the person only when the signature verified (claims present). */
export function refusedToken(
  refusal: { readonly reason: ReasonCode; readonly claims?: { readonly displayName: string; readonly subjectRef: string } },
  context: DecisionContext,
  kind: 'declaration' | 'staff-badge',
  credentialId: string | undefined,
): Verdict {
  const person = refusal.claims ? personOf(context, refusal.claims.displayName, refusal.claims.subjectRef) : NOBODY;
  return verdictOf(refusal.reason, kind, person, credentialId);
}

export function decideDeclarationToken(payload: string, context: DecisionContext): Verdict {
  const verification = verifyDeclarationToken(payload, tokenVerifyOptions(context));
  if (!verification.ok) return refusedToken(verification, context, 'declaration', verification.claims?.tokenId);
  const { claims } = verification;
  const person = personOf(context, claims.displayName, claims.subjectRef);
  if (context.now - claims.declaredAt > context.policy.maxDeclarationAgeMs) {
    return verdictOf(ReasonCode.DeclarationTooOld, 'declaration', person, claims.tokenId);
  }
  const refusal = resultReason(claims.result, context);
  if (refusal) return verdictOf(refusal, 'declaration', person, claims.tokenId);
  return admitted(ReasonCode.DeclarationValid, 'declaration', person, claims.tokenId);
}
