/**
 * Everything the hub keeps, behind one interface with two real implementations: SQLite (embedded default, zero
 * set-up) and PostgreSQL (entries partitioned by day, ready for a distributed PostgreSQL; docs/scaling.md).
 * Both pass the same tests (test/integration/hub/*). Every method is atomic on its own.
 */
import type { CheckpointPolicy } from '../../core/index.js';
import type { AdminAccounts } from './admin-accounts.js';
import type { CheckpointRegistry } from './checkpoint-registry.js';
import type { EntryQueries } from './entry-list.js';
import type { SelfDeclarationStore } from './self-declarations.js';
import type { FleetStore } from './fleet-store.js';
import type { HostDirectory } from './host-directory.js';
import type { DccSignerStore } from './dcc-signer-store.js';
import type { EntryAnalytics } from './entry-analytics.js';
import type { TracingAuditLog } from './tracing-audit.js';
import type { SecondFactorStore } from './second-factor-store.js';
import type { HubSecrets } from './hub-secrets.js';
import type { HubCoordination } from './hub-coordination.js';
import type { BundleDeclaration, BundleIssuer, BundleStaffMember, RelayedPassage, UploadedEntry } from '../protocol.js';

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

export interface TerminalRecord {
  readonly terminalId: string;
  readonly keyId: string;
  readonly name: string;
  readonly signingPublicKey: string;
  readonly agreementPublicKey: string;
  readonly checkpointId: string;
  readonly buildingId: string;
  readonly enrolledAt: number;
  readonly revokedAt: number | null;
  readonly contiguousSeq: number;
  readonly highestSeq: number;
}

export interface EnrolmentTokenRecord {
  readonly tokenId: string;
  readonly secretSha256: string;
  readonly checkpointId: string;
  readonly createdAt: number;
  readonly expiresAt: number;
}

export type EnrolmentRefusal = 'ENROLMENT_TOKEN_UNKNOWN' | 'ENROLMENT_TOKEN_USED' | 'ENROLMENT_TOKEN_EXPIRED' | 'CHECKPOINT_MISMATCH';

export type EnrolOutcome = { readonly ok: true; readonly terminal: TerminalRecord } | { readonly ok: false; readonly code: EnrolmentRefusal };

export interface NewTerminal {
  readonly terminalId: string;
  readonly keyId: string;
  readonly name: string;
  readonly signingPublicKey: string;
  readonly agreementPublicKey: string;
  readonly firstSeq: number;
}

export interface EnrolInput {
  readonly tokenId: string;
  readonly secretSha256: string;
  /** The checkpoint the terminal is configured for; must be the token's. */
  readonly checkpointId: string;
  readonly now: number;
  readonly terminal: NewTerminal;
}

export interface IngestResult {
  readonly inserted: number;
  readonly duplicates: number;
  readonly contiguousSeq: number;
  readonly highestSeq: number;
}

export interface BuildingData {
  readonly declarations: readonly BundleDeclaration[];
  readonly revocations: readonly string[];
  readonly staff: readonly BundleStaffMember[];
  readonly issuers: readonly BundleIssuer[];
}

export interface PurgeReport {
  readonly entries: number;
  readonly nonces: number;
  readonly enrolmentTokens: number;
  readonly declarations: number;
  /** PostgreSQL: day partitions dropped whole. */
  readonly partitionsDropped: number;
}

export interface EntryStats {
  readonly total: number;
  readonly distinctKeys: number;
  readonly perTerminal: readonly { readonly terminalId: string; readonly count: number; readonly minSeq: number; readonly maxSeq: number }[];
}

export interface HubStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Organisations → buildings → checkpoints (kind, address, directions). */
  readonly registry: CheckpointRegistry;
  /** Admin web accounts (role and scope). */
  readonly accounts: AdminAccounts;
  /** Admin queries over entries (Danh sách). */
  readonly entryQueries: EntryQueries;
  /** Declarations made on the hub's public page, and phone check-ins. */
  readonly selfDeclarations: SelfDeclarationStore;
  /** Terminal heartbeats and open enrolment tokens (the admin fleet page). */
  readonly fleet: FleetStore;
  /** Department hosts (the guard's host picker, via bundles). */
  readonly hosts: HostDirectory;
  /** The deployment's DCC trust list (every bundle carries it). */
  readonly dccSigners: DccSignerStore;
  /** Statistics and contact-tracing reads (admin web). */
  readonly analytics: EntryAnalytics;
  /** Append-only log of contact-tracing queries. */
  readonly tracingAudit: TracingAuditLog;
  /** TOTP enrolment and recovery codes of accounts with tracing rights. */
  readonly secondFactor: SecondFactorStore;
  /** Deployment-wide secrets shared by every hub process (the identity key of ID-number references). */
  readonly secrets: HubSecrets;
  /** State hub replicas must agree on: rate-limit windows, login attempts, admin sessions (hub-coordination.ts). */
  readonly coordination: HubCoordination;
  /** Storage reachability for the health route: resolves when a trivial query succeeds. */
  ping(): Promise<void>;
  /**
   * Calls `onCheckpoint` when a phone checks in at a checkpoint through any hub process on this store (PostgreSQL:
   * LISTEN/NOTIFY; SQLite: never, being one process); null = some may have been missed, re-read all. Returns stop.
   */
  listenForCheckins(onCheckpoint: (checkpointId: string | null) => void): Promise<() => Promise<void>>;
  /** Applies the numbered migrations; returns the schema version. */
  migrate(): Promise<number>;
  close(): Promise<void>;

  /** Creates the building with `subjectKey` if new; renames it otherwise (the key is never replaced here). */
  upsertBuilding(building: { buildingId: string; name: string }, subjectKey: Buffer): Promise<void>;
  upsertCheckpoint(checkpoint: CheckpointRecord): Promise<void>;
  building(buildingId: string): Promise<BuildingRecord | undefined>;
  checkpoint(checkpointId: string): Promise<CheckpointRecord | undefined>;

  createEnrolmentToken(token: EnrolmentTokenRecord): Promise<void>;
  /** Consumes the token and creates the terminal in one transaction: a token enrols at most one terminal. */
  enrolTerminal(input: EnrolInput): Promise<EnrolOutcome>;
  terminalByKeyId(keyId: string): Promise<TerminalRecord | undefined>;
  terminal(terminalId: string): Promise<TerminalRecord | undefined>;
  revokeTerminal(terminalId: string, now: number): Promise<boolean>;
  /** False when this (key, nonce) was seen before: a replayed request. */
  rememberNonce(keyId: string, nonce: string, expiresAt: number): Promise<boolean>;

  /** Idempotent insert keyed by (terminal, seq); rows at or below the contiguous seq are known and skipped. */
  insertEntries(terminal: TerminalRecord, entries: readonly UploadedEntry[], receivedAt: number): Promise<IngestResult>;
  /** Admitted passages of the building after `cursor`, from other terminals, not older than `sinceEventTime`. */
  passagesSince(buildingId: string, options: { after: number; excludeTerminalId: string; sinceEventTime: number; limit: number }): Promise<RelayedPassage[]>;

  /** Adds or refreshes declarations (a newer declaration of a subject replaces an older one). */
  putDeclarations(buildingId: string, declarations: readonly BundleDeclaration[]): Promise<number>;
  addRevocations(buildingId: string, credentialIds: readonly string[], at: number): Promise<number>;
  replaceStaff(buildingId: string, staff: readonly BundleStaffMember[]): Promise<void>;
  replaceIssuers(buildingId: string, issuers: readonly BundleIssuer[]): Promise<void>;
  /** What a bundle carries: declarations not expired at `now`, revocations, staff, issuers. */
  buildingData(buildingId: string, now: number): Promise<BuildingData>;

  /** Retention: entries older than `cutoff` (by hub receipt and by event time), expired nonces, tokens, declarations. */
  purge(cutoff: number, now: number): Promise<PurgeReport>;
  entryStats(): Promise<EntryStats>;
}
