/**
 * parse → verify → decide. The single entry point from a scan to a GateDecision.
 *
 * Contract: `decide` never throws and never reads the clock, the disk or the network. Malformed input is a reason,
 * not an exception; an unexpected bug becomes INTERNAL_ERROR with outcome `review`, so the guard looks at the person.
 */
import { verifyDeclarationToken, looksLikeDeclarationToken } from './credentials/declaration-token.js';
import type { CryptoPort, TrustStore } from './crypto-port.js';
import type { CredentialKind, GateDecision, Outcome, PersonSummary } from './decision.js';
import type { CheckpointPolicy } from './policy.js';
import { ReasonCode } from './reasons.js';
import type { Direction, ScanEvent } from './scan.js';

export interface DecisionContext {
  readonly policy: CheckpointPolicy;
  readonly trust: TrustStore;
  readonly crypto: CryptoPort;
  readonly direction: Direction;
  /** Decision time, ms since the Unix epoch. */
  readonly now: number;
  /** False when the host cannot confirm NTP/RTC sync; shown to the guard, never silently widens a window. */
  readonly clockSynchronised: boolean;
}

/** QR codes hold at most 7,089 digits; anything longer did not come from a single QR code. */
export const MAX_PAYLOAD_LENGTH = 8192;

// C0 controls except tab, DEL, C1 controls, the replacement character and lone surrogates mark a garbled read.
// eslint-disable-next-line no-control-regex
const GARBLED = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\ufffd]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const NOBODY: PersonSummary = { displayName: '' };

interface Verdict {
  readonly outcome: Outcome;
  readonly reasons: readonly ReasonCode[];
  readonly kind: CredentialKind;
  readonly credentialId?: string;
  readonly person: PersonSummary;
}

function refuse(reason: ReasonCode, kind: CredentialKind = 'unknown', person: PersonSummary = NOBODY, credentialId?: string): Verdict {
  const outcome: Outcome = reason === ReasonCode.DeclarationNeedsMedicalCheck || reason === ReasonCode.InternalError ? 'review' : 'deny';
  return { outcome, reasons: [reason], kind, person, ...(credentialId ? { credentialId } : {}) };
}

function decideDeclaration(payload: string, context: DecisionContext): Verdict {
  if (!context.policy.acceptedKinds.includes('declaration')) return refuse(ReasonCode.CredentialKindNotAccepted, 'declaration');
  const verification = verifyDeclarationToken(payload, {
    trust: context.trust,
    crypto: context.crypto,
    now: context.now,
    clockSkewMs: context.policy.clockSkewMs,
  });
  if (!verification.ok) {
    const claims = verification.claims;
    const person = claims ? { displayName: claims.displayName, subjectRef: claims.subjectRef } : NOBODY;
    return refuse(verification.reason, 'declaration', person, claims?.tokenId);
  }
  const { claims } = verification;
  const person = { displayName: claims.displayName, subjectRef: claims.subjectRef };
  if (context.now - claims.declaredAt > context.policy.maxDeclarationAgeMs) {
    return refuse(ReasonCode.DeclarationTooOld, 'declaration', person, claims.tokenId);
  }
  if (claims.result === 'isolate') return refuse(ReasonCode.DeclarationMustIsolate, 'declaration', person, claims.tokenId);
  if (claims.result === 'medical-check') return refuse(ReasonCode.DeclarationNeedsMedicalCheck, 'declaration', person, claims.tokenId);
  return { outcome: 'admit', reasons: [ReasonCode.DeclarationValid], kind: 'declaration', person, credentialId: claims.tokenId };
}

function classifyAndDecide(scan: ScanEvent, context: DecisionContext): Verdict {
  if (typeof scan.payload !== 'string') return refuse(ReasonCode.PayloadUnreadable);
  if (scan.payload.length > MAX_PAYLOAD_LENGTH) return refuse(ReasonCode.PayloadTooLarge);
  const payload = scan.payload.trim();
  if (payload === '') return refuse(ReasonCode.PayloadEmpty);
  if (GARBLED.test(payload)) return refuse(ReasonCode.PayloadUnreadable);
  if (looksLikeDeclarationToken(payload)) return decideDeclaration(payload, context);
  return refuse(ReasonCode.CredentialUnsupported);
}

function applyClock(verdict: Verdict, context: DecisionContext): Verdict {
  if (context.clockSynchronised) return verdict;
  const reasons = [...verdict.reasons, ReasonCode.ClockNotSynchronised];
  const outcome = verdict.outcome === 'admit' && context.policy.onClockNotSynchronised === 'review' ? 'review' : verdict.outcome;
  return { ...verdict, outcome, reasons };
}

export function decide(scan: ScanEvent, context: DecisionContext): GateDecision {
  let verdict: Verdict;
  try {
    verdict = applyClock(classifyAndDecide(scan, context), context);
  } catch {
    verdict = refuse(ReasonCode.InternalError);
  }
  return {
    outcome: verdict.outcome,
    reasons: verdict.reasons,
    credential: verdict.credentialId ? { kind: verdict.kind, id: verdict.credentialId } : { kind: verdict.kind },
    person: verdict.person,
    direction: context.direction,
    decidedAt: context.now,
  };
}
