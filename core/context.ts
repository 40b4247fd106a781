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
  /** Admitted at a building door (relayed by the hub); a department checkpoint's anti-passback ignores these. */
  readonly atBuildingDoor?: boolean;
}

/** Recent admitted passages by subject key, from this terminal's register (and, with a hub, the building's). */
export interface PassageView {
  lastAdmitted(subjectKey: string): RecentPassage | undefined;
}

/** Admitted entries at the building's doors (relayed by the hub), for the chained policy of department checkpoints. */
export interface BuildingEntryView {
  /** The latest admitted entry (`in`) of the subject at a building-door checkpoint of this building. */
  lastBuildingEntry(subjectKey: string): RecentPassage | undefined;
  /** True when the relayed passages are older than the terminal may rely on (no hub contact): absence proves nothing. */
  readonly stale: boolean;
}

/** The host a visitor comes to see, picked by the guard from the department's synced list. */
export interface VisitorHost {
  /** The host's opaque id from the synced list (recorded on the entry); absent only in older callers and tests. */
  readonly hostId?: string;
  readonly name: string;
  readonly department: string;
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
  /** Building-door entries; without it a chained checkpoint cannot confirm any entry and reviews. */
  readonly buildingEntries?: BuildingEntryView;
  /** The visitor's host, when the guard picked one (core/visitor-host.ts). */
  readonly visitorHost?: VisitorHost;
}

export const NO_DECLARATIONS: DeclarationSet = { lookup: () => undefined };
export const NO_REVOCATIONS: RevocationSet = { isRevoked: () => false };
export const NO_PASSAGES: PassageView = { lastAdmitted: () => undefined };
