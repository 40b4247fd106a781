/**
 * Buildings, their checkpoints, and the data a building's bundles carry (declarations, revocations, staff, trusted
 * issuers). Every change to what bundles carry bumps the building's data version, in the same transaction.
 * Implemented per engine (sqlite/sqlite-buildings.ts, postgres/postgres-buildings.ts: PostgreSQL writes in bulk
 * through unnest); both pass test/integration/hub/*.
 */
import type { CheckpointPolicy } from '../../core/index.js';
import type { BundleDeclaration, BundleIssuer, BundleStaffMember } from '../protocol.js';

export interface BuildingRecord {
  readonly buildingId: string;
  readonly name: string;
  /** Bumped on every change to what the building's bundles carry; the bundle version. */
  readonly dataVersion: number;
  /** HMAC key for subject references of this building (32 bytes); shared by its terminals through bundles. */
  readonly subjectKey: Buffer;
}

export interface CheckpointRecord {
  readonly checkpointId: string;
  readonly buildingId: string;
  readonly name: string;
  /** Overrides of core's DEFAULT_POLICY for this checkpoint. */
  readonly policy: Partial<CheckpointPolicy>;
}

export interface BuildingData {
  readonly declarations: readonly BundleDeclaration[];
  readonly revocations: readonly string[];
  readonly staff: readonly BundleStaffMember[];
  readonly issuers: readonly BundleIssuer[];
}

export interface BuildingStore {
  /** Creates the building with `subjectKey` if new; renames it otherwise (the key is never replaced here). */
  upsertBuilding(building: { buildingId: string; name: string }, subjectKey: Buffer): Promise<void>;
  upsertCheckpoint(checkpoint: CheckpointRecord): Promise<void>;
  building(buildingId: string): Promise<BuildingRecord | undefined>;
  checkpoint(checkpointId: string): Promise<CheckpointRecord | undefined>;
  /** Adds or refreshes declarations (a newer declaration of a subject replaces an older one). */
  putDeclarations(buildingId: string, declarations: readonly BundleDeclaration[]): Promise<number>;
  addRevocations(buildingId: string, credentialIds: readonly string[], at: number): Promise<number>;
  replaceStaff(buildingId: string, staff: readonly BundleStaffMember[]): Promise<void>;
  replaceIssuers(buildingId: string, issuers: readonly BundleIssuer[]): Promise<void>;
  /** What a bundle carries: declarations not expired at `now`, revocations, staff, issuers. */
  buildingData(buildingId: string, now: number): Promise<BuildingData>;
}
