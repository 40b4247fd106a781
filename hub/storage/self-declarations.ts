/**
 * Declarations people make on the hub's public page (docs/declaration-page.md) and the check-ins their phones make at
 * a checkpoint poster. Health answers live only here, only until the declaration expires (purged with it), and never
 * reach the entry register or a bundle. Implemented for both storages and tested alike.
 */
import type { DeclarationResult } from '../../core/index.js';

export interface SelfDeclaration {
  /** Keyed HMAC of the ID number under the hub's declaration subject key: one current declaration per person. */
  readonly idHmac: string;
  readonly tokenId: string;
  readonly declaredAt: number;
  readonly expiresAt: number;
  readonly result: DeclarationResult;
  /** JSON of the health answers; deleted when the declaration expires. */
  readonly answers: string;
  readonly checkpointId: string | null;
}

/** The declaration's entry in one building's valid-declarations set (subject ref under that building's key). */
export interface BuildingSubjectRef {
  readonly buildingId: string;
  readonly subjectRef: string;
}

/** One declaration to store, with its entries in the buildings' declaration sets. */
export interface DeclarationWrite {
  readonly declaration: SelfDeclaration;
  readonly refs: readonly BuildingSubjectRef[];
}

/** Within one batch the later write of a person wins, as if the writes had run one after another. */
export function lastPerPerson(batch: readonly DeclarationWrite[]): DeclarationWrite[] {
  return [...new Map(batch.map((w) => [w.declaration.idHmac, w])).values()];
}

export interface PhoneCheckin {
  readonly checkinId: string;
  /**
   * How the check-in enters the checkpoint's entries (Danh sách, statistics, tracing, exports): `admit` when the
   * checkpoint's policy admits the declaration's result, else `review` (the guard must look), with the reason code.
   */
  readonly outcome: 'admit' | 'review';
  readonly reason: string;
  readonly checkpointId: string;
  readonly buildingId: string;
  readonly tokenId: string;
  /** Subject key of the building (as a terminal computes it for a scanned token), never an ID number. */
  readonly subjectHmac: string;
  readonly displayName: string;
  readonly result: DeclarationResult;
  readonly checkedInAt: number;
}

/**
 * Phone check-ins are entries: the store writes each one, in the same statement or transaction as the check-in, into
 * `entries` as an inbound passage of kind `phone-checkin`, under this pseudo terminal id with the check-in's cursor as
 * its seq — so it is counted exactly once (terminals only show check-ins, never upload them). Migration 9 did the
 * same for the check-ins stored before. Relay to terminals (anti-passback) leaves them out.
 */
export const PHONE_CHECKIN_TERMINAL = 'phone-checkin';

/** The entry columns of a phone check-in besides those copied from the check-in (both storages, and migration 9). */
export const PHONE_CHECKIN_ENTRY = { direction: 'in', credentialKind: 'phone-checkin', scanSource: 'phone', timeSource: 'hub' } as const;

export interface StoredPhoneCheckin extends Omit<PhoneCheckin, 'outcome' | 'reason'> {
  /** Order of arrival; terminals pass the last one they saw as `after`. */
  readonly cursor: number;
}

export interface BuildingKey {
  readonly buildingId: string;
  readonly subjectKey: Buffer;
}

export interface SelfDeclarationStore {
  /**
   * In one transaction, for a batch (group commit): replaces each person's previous declaration and puts the new one
   * into every listed building's declaration set, bumping each touched building's data version once.
   */
  issue(batch: readonly DeclarationWrite[]): Promise<void>;
  /** The current declaration of a person, if any (expired ones included until purged). */
  current(idHmac: string): Promise<SelfDeclaration | undefined>;
  buildingKeys(): Promise<BuildingKey[]>;
  /** Returns the check-in's cursor. */
  recordCheckin(checkin: PhoneCheckin): Promise<number>;
  checkinsSince(checkpointId: string, after: number, limit: number): Promise<StoredPhoneCheckin[]>;
  /** Latest cursor of a checkpoint's check-ins (0 when none): where a newly connected terminal starts. */
  latestCheckinCursor(checkpointId: string): Promise<number>;
  /** Deletes declarations (with their health answers) expired at `now`, and check-ins older than `cutoff`. */
  purge(now: number, cutoff: number): Promise<{ declarations: number; checkins: number }>;
}

