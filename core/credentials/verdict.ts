/**
 * What a credential module returns to `decide`: an outcome with reasons, the credential and the person. Modules
 * decide what their credential says; `decide` then applies the rules that hold for every credential (accepted kinds,
 * revocation, anti-passback, the clock).
 */
import type { CredentialKind, Outcome, PersonSummary } from '../decision.js';
import { ReasonCode, reasonOutcome } from '../reasons.js';

export interface Verdict {
  readonly outcome: Outcome;
  readonly reasons: readonly ReasonCode[];
  readonly kind: CredentialKind;
  readonly credentialId?: string;
  readonly person: PersonSummary;
  /** Values for placeholders in reason texts, e.g. `{since}`. */
  readonly params?: Readonly<Record<string, string>>;
  /** Staff badge holders: their department (for staff-only and department checkpoints). */
  readonly department?: string;
}

export const NOBODY: PersonSummary = { displayName: '' };

/** A verdict whose outcome follows from its (single) reason code's default outcome. */
export function verdictOf(reason: ReasonCode, kind: CredentialKind = 'unknown', person: PersonSummary = NOBODY, credentialId?: string): Verdict {
  return { outcome: reasonOutcome(reason), reasons: [reason], kind, person, ...(credentialId ? { credentialId } : {}) };
}

export function admitted(reason: ReasonCode, kind: CredentialKind, person: PersonSummary, credentialId?: string): Verdict {
  return { outcome: 'admit', reasons: [reason], kind, person, ...(credentialId ? { credentialId } : {}) };
}

export { ReasonCode };
