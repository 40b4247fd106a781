/**
 * Everything the hub keeps, behind one interface with two real implementations: SQLite (embedded default, zero
 * set-up) and PostgreSQL (entries partitioned by day, ready for a distributed PostgreSQL; docs/scaling.md).
 * Both pass the same tests (test/integration/hub/*). Every method is atomic on its own.
 * The store is its sub-stores, one per kind of data (buildings, terminals, entries, registry, …), plus what concerns
 * the whole store: reachability, migrations, the check-in notifications, retention and closing.
 */
import type { AdminAccounts } from './admin-accounts.js';
import type { CheckpointRegistry } from './checkpoint-registry.js';
import type { EntryQueries } from './entry-list.js';
import type { SelfDeclarationStore } from './self-declarations.js';
import type { FleetStore } from './fleet-store.js';
import type { HostDirectory } from './host-directory.js';
import type { DccValueSetStore } from './dcc-value-set-store.js';
import type { DccSignerStore } from './dcc-signer-store.js';
import type { EntryAnalytics } from './entry-analytics.js';
import type { TracingAuditLog } from './tracing-audit.js';
import type { SecondFactorStore } from './second-factor-store.js';
import type { HubSecrets } from './hub-secrets.js';
import type { HubCoordination } from './hub-coordination.js';
import type { RelayedPassage, ReceivedEntry } from '../protocol.js';
import type { BuildingStore } from './building-store.js';
import type { NonceToRemember, RequestAdmission, TerminalDirectory, TerminalRecord } from './terminal-directory.js';

export type { BuildingData, BuildingRecord, BuildingStore, CheckpointRecord } from './building-store.js';
export type { EnrolmentTokenRecord, EnrolmentTokenState, NewTerminal, NonceToRemember, RequestAdmission, TerminalRecord } from './terminal-directory.js';

export interface IngestResult {
  readonly inserted: number;
  readonly duplicates: number;
  readonly contiguousSeq: number;
  readonly highestSeq: number;
}

export interface EntryStats {
  readonly total: number;
  readonly distinctKeys: number;
  readonly perTerminal: readonly { readonly terminalId: string; readonly count: number; readonly minSeq: number; readonly maxSeq: number }[];
}

/**
 * An upload with its admission: `admission` is what the transaction found (undefined: the terminal is gone); `result`
 * is set only when the entries were stored, i.e. the nonce was new and the terminal not revoked.
 */
export interface AdmittedIngest {
  readonly admission: RequestAdmission | undefined;
  readonly result?: IngestResult;
}

/** The entries terminals upload (sqlite/sqlite-entry-table.ts, postgres/postgres-entry-table.ts: partitioned by day). */
export interface EntryLog {
  /** Idempotent insert keyed by (terminal, seq); rows at or below the contiguous seq are known and skipped. */
  ingest(terminal: TerminalRecord, entries: readonly ReceivedEntry[], receivedAt: number): Promise<IngestResult>;
  /** The same in the transaction that remembers the request's nonce and reads the terminal's revocation (one per upload). */
  ingestAdmitted(terminal: TerminalRecord, entries: readonly ReceivedEntry[], receivedAt: number, admission: NonceToRemember): Promise<AdmittedIngest>;
  /** Admitted passages of the building after `cursor`, from other terminals, not older than `sinceEventTime`. */
  passagesSince(buildingId: string, options: { after: number; excludeTerminalId: string; sinceEventTime: number; limit: number }): Promise<RelayedPassage[]>;
  stats(): Promise<EntryStats>;
}

export interface PurgeReport {
  readonly entries: number;
  readonly nonces: number;
  readonly enrolmentTokens: number;
  readonly declarations: number;
  /** PostgreSQL: day partitions dropped whole. */
  readonly partitionsDropped: number;
}

export interface HubStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Buildings, checkpoints and what their bundles carry (declarations, revocations, staff, issuers). */
  readonly buildings: BuildingStore;
  /** Enrolment tokens, terminals and the nonces of their signed requests (one SQL text for both engines). */
  readonly terminals: TerminalDirectory;
  /** Uploaded entries: ingest, the building's relayed passages, counts. */
  readonly entries: EntryLog;
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
  /** The deployment's EU DCC value sets (every bundle carries them). */
  readonly dccValueSets: DccValueSetStore;
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
  /** Retention: entries older than `cutoff` (by hub receipt and by event time), expired nonces, tokens, declarations. */
  purge(cutoff: number, now: number): Promise<PurgeReport>;
  close(): Promise<void>;
}
