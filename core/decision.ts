import type { ReasonCode } from './reasons.js';
import type { Direction } from './scan.js';

export type Outcome = 'admit' | 'deny' | 'review';

/** Credential kinds the terminal can recognise. Only `declaration` is verified so far; others are named for policy. */
export type CredentialKind = 'declaration' | 'eu-dcc' | 'cccd' | 'pc-covid' | 'staff-badge' | 'paper' | 'unknown';

export interface PersonSummary {
  /** Name to show the guard; empty when the credential names nobody. */
  readonly displayName: string;
  /**
   * Keyed hash of the credential's subject (CryptoPort.subjectKey): what the register stores and anti-passback
   * compares. Never an ID number or an issuer's reference in clear.
   */
  readonly subjectKey?: string;
}

/**
 * The value every scan ends in. Immutable, serialisable, free of health answers.
 * `reasons[0]` is the primary reason; further codes are warnings shown below it.
 */
export interface GateDecision {
  readonly outcome: Outcome;
  readonly reasons: readonly ReasonCode[];
  readonly credential: { readonly kind: CredentialKind; readonly id?: string };
  readonly person: PersonSummary;
  readonly direction: Direction;
  /** Decision time, ms since the Unix epoch (the `now` the caller passed in). */
  readonly decidedAt: number;
  /** Values for placeholders in reason texts (e.g. ALREADY_INSIDE's `{since}`, `{checkpoint}`). */
  readonly reasonParams?: Readonly<Record<string, string>>;
}
