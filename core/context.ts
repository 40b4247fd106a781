/**
 * Everything a decision may depend on, passed in whole: core reads no clock, disk or network. The host assembles it
 * per scan from config, synced data (declaration set, revocations, recent passages) and the system clock.
 */
import type { CryptoPort, TrustStore } from './crypto-port.js';
import type { DeclarationResult } from './credentials/declaration-token.js';
import type { CheckpointPolicy } from './policy.js';
import type { Direction } from './scan.js';

/** A valid declaration known for a subject (synced from the hub, or loaded by the IT staff). */
export interface KnownDeclaration {
  readonly declaredAt: number;
  readonly expiresAt: number;
  readonly result: DeclarationResult;
}

/** The terminal's synced set of declarations, keyed by subject reference (see CryptoPort.identityRef). */
export interface DeclarationSet {
  lookup(subjectRef: string): KnownDeclaration | undefined;
  /**
   * True when the set is older than the terminal may rely on (no hub contact for too long, and the checkpoint's
   * policy says stale data must not decide): lookups then end in review, never in a silent admit or deny.
   */
  readonly stale?: boolean;
}

export interface RevocationSet {
  /** `credentialId` as found in the decision (token id hex, or the DCC's UVCI as written in `ci`). */
  isRevoked(credentialId: string): boolean;
}

export interface RecentPassage {
  readonly direction: Direction;
  readonly at: number;
  readonly checkpointName: string;
}

/** Recent admitted passages by subject key, from this terminal's register (and, with a hub, the building's). */
export interface PassageView {
  lastAdmitted(subjectKey: string): RecentPassage | undefined;
}

export interface DecisionContext {
  readonly policy: CheckpointPolicy;
  readonly trust: TrustStore;
  readonly crypto: CryptoPort;
  readonly declarations: DeclarationSet;
  readonly revocations: RevocationSet;
  readonly passages: PassageView;
  readonly direction: Direction;
  /** The checkpoint's IANA time zone, for times shown in reasons ("already inside since 08:15"). */
  readonly timeZone: string;
  /** Decision time, ms since the Unix epoch. */
  readonly now: number;
  /** False when the host cannot confirm NTP/RTC sync; shown to the guard, never silently widens a window. */
  readonly clockSynchronised: boolean;
}

export const NO_DECLARATIONS: DeclarationSet = { lookup: () => undefined };
export const NO_REVOCATIONS: RevocationSet = { isRevoked: () => false };
export const NO_PASSAGES: PassageView = { lastAdmitted: () => undefined };
