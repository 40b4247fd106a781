/**
 * The embedded hub store: one SQLite file, WAL + synchronous=FULL, so an acknowledged batch survives a SIGKILL or a
 * power cut of the hub. better-sqlite3 is synchronous; the async interface only mirrors PostgreSQL's.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { BundleDeclaration, BundleIssuer, BundleStaffMember, RelayedPassage, UploadedEntry } from '../../protocol.js';
import type {
  BuildingData,
  BuildingRecord,
  CheckpointRecord,
  EnrolInput,
  EnrolmentTokenRecord,
  EnrolOutcome,
  EntryStats,
  HubStore,
  IngestResult,
  PurgeReport,
  TerminalRecord,
} from '../hub-store.js';
import { SqliteSelfDeclarations } from './sqlite-self-declarations.js';
import { SqliteAdminAccounts } from './sqlite-admin-accounts.js';
import { SqliteFleet } from './sqlite-fleet.js';
import { SqliteHosts } from './sqlite-hosts.js';
import { SqliteDccSigners } from './sqlite-dcc-signers.js';
import { SqliteCheckpointRegistry } from './sqlite-registry.js';
import { SqliteEntryQueries } from './sqlite-entry-queries.js';
import { sqliteSqlRunner } from './sqlite-sql-runner.js';
import { EntryAnalytics } from '../entry-analytics.js';
import { TracingAuditLog } from '../tracing-audit.js';
import { SecondFactorStore } from '../second-factor-store.js';
import { HubSecrets } from '../hub-secrets.js';
import { HubCoordination } from '../hub-coordination.js';
import { nameKey } from '../name-key.js';
import { SqliteEntryTable } from './sqlite-entry-table.js';
import { applySqliteMigrations } from './sqlite-migrations.js';

interface TerminalRow {
  terminal_id: string;
  key_id: string;
  name: string;
  signing_public_key: string;
  agreement_public_key: string;
  checkpoint_id: string;
  building_id: string;
  enrolled_at: number;
  revoked_at: number | null;
  contiguous_seq: number;
  highest_seq: number;
}

function terminalOf(r: TerminalRow | undefined): TerminalRecord | undefined {
  if (!r) return undefined;
  return {
    terminalId: r.terminal_id,
    keyId: r.key_id,
    name: r.name,
    signingPublicKey: r.signing_public_key,
    agreementPublicKey: r.agreement_public_key,
    checkpointId: r.checkpoint_id,
    buildingId: r.building_id,
    enrolledAt: r.enrolled_at,
    revokedAt: r.revoked_at,
    contiguousSeq: r.contiguous_seq,
    highestSeq: r.highest_seq,
  };
}

export class SqliteHubStore implements HubStore {
  readonly kind = 'sqlite';
  readonly db: Database.Database;
  private entries!: SqliteEntryTable;
  readonly registry: SqliteCheckpointRegistry;
  readonly accounts: SqliteAdminAccounts;
  readonly entryQueries: SqliteEntryQueries;
  readonly selfDeclarations: SqliteSelfDeclarations;
  readonly fleet: SqliteFleet;
  readonly hosts: SqliteHosts;
  readonly dccSigners: SqliteDccSigners;
  readonly analytics: EntryAnalytics;
  readonly tracingAudit: TracingAuditLog;
  readonly secondFactor: SecondFactorStore;
  readonly secrets: HubSecrets;
  readonly coordination: HubCoordination;
  readonly ping = () => Promise.resolve(void this.db.prepare('SELECT 1').get());
  readonly listenForCheckins = (): Promise<() => Promise<void>> => Promise.resolve(() => Promise.resolve());

  constructor(path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('foreign_keys = ON');
    this.registry = new SqliteCheckpointRegistry(this.db);
    this.accounts = new SqliteAdminAccounts(this.db);
    this.entryQueries = new SqliteEntryQueries(this.db);
    this.selfDeclarations = new SqliteSelfDeclarations(this.db);
    this.fleet = new SqliteFleet(this.db);
    this.hosts = new SqliteHosts(this.db);
    this.dccSigners = new SqliteDccSigners(this.db);
    this.db.function('gate_name_key', { deterministic: true }, (name: unknown) => nameKey(String(name)));
    const runner = sqliteSqlRunner(this.db);
    this.analytics = new EntryAnalytics(runner);
    this.tracingAudit = new TracingAuditLog(runner);
    this.secondFactor = new SecondFactorStore(runner);
    this.secrets = new HubSecrets(runner);
    this.coordination = new HubCoordination(runner);
  }

  migrate(): Promise<number> {
    const version = applySqliteMigrations(this.db);
    this.entries = new SqliteEntryTable(this.db);
    return Promise.resolve(version);
  }

  close(): Promise<void> {
    this.db.close();
    return Promise.resolve();
  }

  private bump(buildingId: string): void {
    this.db.prepare('UPDATE buildings SET data_version = data_version + 1 WHERE building_id = ?').run(buildingId);
  }

  upsertBuilding(building: { buildingId: string; name: string }, subjectKey: Buffer): Promise<void> {
    this.db.transaction(() => {
      const inserted = this.db.prepare('INSERT INTO buildings (building_id, name, subject_key) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(building.buildingId, building.name, subjectKey).changes;
      if (inserted === 0 && this.db.prepare('UPDATE buildings SET name = ? WHERE building_id = ? AND name <> ?').run(building.name, building.buildingId, building.name).changes > 0) {
        this.bump(building.buildingId);
      }
    })();
    return Promise.resolve();
  }

  upsertCheckpoint(cp: CheckpointRecord): Promise<void> {
    const policy = JSON.stringify(cp.policy);
    this.db.transaction(() => {
      const changed = this.db
        .prepare(
          `INSERT INTO checkpoints (checkpoint_id, building_id, name, policy) VALUES (?, ?, ?, ?)
           ON CONFLICT (checkpoint_id) DO UPDATE SET building_id = excluded.building_id, name = excluded.name, policy = excluded.policy
           WHERE checkpoints.building_id <> excluded.building_id OR checkpoints.name <> excluded.name OR checkpoints.policy <> excluded.policy`,
        )
        .run(cp.checkpointId, cp.buildingId, cp.name, policy).changes;
      if (changed > 0) this.bump(cp.buildingId);
    })();
    return Promise.resolve();
  }

  building(buildingId: string): Promise<BuildingRecord | undefined> {
    const r = this.db.prepare('SELECT * FROM buildings WHERE building_id = ?').get(buildingId) as
      | { building_id: string; name: string; data_version: number; subject_key: Buffer }
      | undefined;
    return Promise.resolve(r && { buildingId: r.building_id, name: r.name, dataVersion: r.data_version, subjectKey: r.subject_key });
  }

  checkpoint(checkpointId: string): Promise<CheckpointRecord | undefined> {
    const r = this.db.prepare('SELECT * FROM checkpoints WHERE checkpoint_id = ?').get(checkpointId) as
      | { checkpoint_id: string; building_id: string; name: string; policy: string }
      | undefined;
    return Promise.resolve(r && { checkpointId: r.checkpoint_id, buildingId: r.building_id, name: r.name, policy: JSON.parse(r.policy) as CheckpointRecord['policy'] });
  }

  createEnrolmentToken(t: EnrolmentTokenRecord): Promise<void> {
    this.db
      .prepare('INSERT INTO enrolment_tokens (token_id, secret_sha256, checkpoint_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)')
      .run(t.tokenId, t.secretSha256, t.checkpointId, t.createdAt, t.expiresAt);
    return Promise.resolve();
  }

  enrolTerminal(input: EnrolInput): Promise<EnrolOutcome> {
    const run = this.db.transaction((): EnrolOutcome => {
      const token = this.db.prepare('SELECT * FROM enrolment_tokens WHERE token_id = ?').get(input.tokenId) as
        | { secret_sha256: string; checkpoint_id: string; expires_at: number; used_at: number | null }
        | undefined;
      if (!token || token.secret_sha256 !== input.secretSha256) return { ok: false, code: 'ENROLMENT_TOKEN_UNKNOWN' };
      if (token.used_at !== null) return { ok: false, code: 'ENROLMENT_TOKEN_USED' };
      if (token.expires_at <= input.now) return { ok: false, code: 'ENROLMENT_TOKEN_EXPIRED' };
      if (token.checkpoint_id !== input.checkpointId) return { ok: false, code: 'CHECKPOINT_MISMATCH' };
      const claimed = this.db.prepare('UPDATE enrolment_tokens SET used_at = ?, used_by = ? WHERE token_id = ? AND used_at IS NULL').run(input.now, input.terminal.terminalId, input.tokenId);
      if (claimed.changes !== 1) return { ok: false, code: 'ENROLMENT_TOKEN_USED' };
      const cp = this.db.prepare('SELECT building_id FROM checkpoints WHERE checkpoint_id = ?').get(token.checkpoint_id) as { building_id: string };
      const t = input.terminal;
      const base = Math.max(0, t.firstSeq - 1);
      this.db
        .prepare(
          `INSERT INTO terminals (terminal_id, key_id, name, signing_public_key, agreement_public_key, checkpoint_id, building_id, enrolled_at, contiguous_seq, highest_seq)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(t.terminalId, t.keyId, t.name, t.signingPublicKey, t.agreementPublicKey, token.checkpoint_id, cp.building_id, input.now, base, base);
      return { ok: true, terminal: terminalOf(this.db.prepare('SELECT * FROM terminals WHERE terminal_id = ?').get(t.terminalId) as TerminalRow)! };
    });
    return Promise.resolve(run());
  }

  terminalByKeyId(keyId: string): Promise<TerminalRecord | undefined> {
    return Promise.resolve(terminalOf(this.db.prepare('SELECT * FROM terminals WHERE key_id = ?').get(keyId) as TerminalRow | undefined));
  }

  terminal(terminalId: string): Promise<TerminalRecord | undefined> {
    return Promise.resolve(terminalOf(this.db.prepare('SELECT * FROM terminals WHERE terminal_id = ?').get(terminalId) as TerminalRow | undefined));
  }

  revokeTerminal(terminalId: string, now: number): Promise<boolean> {
    return Promise.resolve(this.db.prepare('UPDATE terminals SET revoked_at = ? WHERE terminal_id = ? AND revoked_at IS NULL').run(now, terminalId).changes > 0);
  }

  rememberNonce(keyId: string, nonce: string, expiresAt: number): Promise<boolean> {
    const changes = this.db.prepare('INSERT INTO request_nonces (key_id, nonce, expires_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(keyId, nonce, expiresAt).changes;
    return Promise.resolve(changes === 1);
  }

  insertEntries(terminal: TerminalRecord, entries: readonly UploadedEntry[], receivedAt: number): Promise<IngestResult> {
    return Promise.resolve(this.entries.ingest(terminal, entries, receivedAt));
  }

  passagesSince(buildingId: string, options: { after: number; excludeTerminalId: string; sinceEventTime: number; limit: number }): Promise<RelayedPassage[]> {
    return Promise.resolve(this.entries.passagesSince(buildingId, options));
  }

  putDeclarations(buildingId: string, declarations: readonly BundleDeclaration[]): Promise<number> {
    const upsert = this.db.prepare(`
      INSERT INTO declarations (building_id, subject_ref, declared_at, expires_at, result) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (building_id, subject_ref) DO UPDATE SET declared_at = excluded.declared_at, expires_at = excluded.expires_at, result = excluded.result
      WHERE excluded.declared_at > declarations.declared_at`);
    return Promise.resolve(
      this.db.transaction(() => {
        let changed = 0;
        for (const d of declarations) changed += upsert.run(buildingId, d.subjectRef, d.declaredAt, d.expiresAt, d.result).changes;
        if (changed > 0) this.bump(buildingId);
        return changed;
      })(),
    );
  }

  addRevocations(buildingId: string, credentialIds: readonly string[], at: number): Promise<number> {
    const insert = this.db.prepare('INSERT INTO revocations (building_id, credential_id, revoked_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING');
    return Promise.resolve(
      this.db.transaction(() => {
        const added = credentialIds.reduce((n, id) => n + insert.run(buildingId, id, at).changes, 0);
        if (added > 0) this.bump(buildingId);
        return added;
      })(),
    );
  }

  replaceStaff(buildingId: string, staff: readonly BundleStaffMember[]): Promise<void> {
    const insert = this.db.prepare('INSERT INTO staff (building_id, badge_id, department, status) VALUES (?, ?, ?, ?)');
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM staff WHERE building_id = ?').run(buildingId);
      for (const s of staff) insert.run(buildingId, s.badgeId, s.department, s.status);
      this.bump(buildingId);
    })();
    return Promise.resolve();
  }

  replaceIssuers(buildingId: string, issuers: readonly BundleIssuer[]): Promise<void> {
    const insert = this.db.prepare('INSERT INTO issuers (building_id, public_key, name) VALUES (?, ?, ?)');
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM issuers WHERE building_id = ?').run(buildingId);
      for (const i of issuers) insert.run(buildingId, i.publicKey, i.name);
      this.bump(buildingId);
    })();
    return Promise.resolve();
  }

  buildingData(buildingId: string, now: number): Promise<BuildingData> {
    const declarations = (
      this.db.prepare('SELECT subject_ref, declared_at, expires_at, result FROM declarations WHERE building_id = ? AND expires_at > ? ORDER BY subject_ref').all(buildingId, now) as {
        subject_ref: string;
        declared_at: number;
        expires_at: number;
        result: BundleDeclaration['result'];
      }[]
    ).map((r) => ({ subjectRef: r.subject_ref, declaredAt: r.declared_at, expiresAt: r.expires_at, result: r.result }));
    const revocations = this.db.prepare('SELECT credential_id FROM revocations WHERE building_id = ? ORDER BY credential_id').pluck().all(buildingId) as string[];
    const staff = (this.db.prepare('SELECT badge_id, department, status FROM staff WHERE building_id = ? ORDER BY badge_id').all(buildingId) as {
      badge_id: string;
      department: string;
      status: BundleStaffMember['status'];
    }[]).map((r) => ({ badgeId: r.badge_id, department: r.department, status: r.status }));
    const issuers = (this.db.prepare('SELECT public_key, name FROM issuers WHERE building_id = ? ORDER BY public_key').all(buildingId) as { public_key: string; name: string }[]).map(
      (r) => ({ publicKey: r.public_key, name: r.name }),
    );
    return Promise.resolve({ declarations, revocations, staff, issuers });
  }

  purge(cutoff: number, now: number): Promise<PurgeReport> {
    const report = this.db.transaction((): PurgeReport => {
      const entries = this.entries.purge(cutoff);
      const nonces = this.db.prepare('DELETE FROM request_nonces WHERE expires_at < ?').run(now).changes;
      const enrolmentTokens = this.db.prepare('DELETE FROM enrolment_tokens WHERE expires_at < ?').run(cutoff).changes;
      const declarations = this.db.prepare('DELETE FROM declarations WHERE expires_at < ?').run(now).changes;
      const r = { entries, nonces, enrolmentTokens, declarations, partitionsDropped: 0 };
      this.db.prepare('INSERT INTO purge_log (purged_at, cutoff, report) VALUES (?, ?, ?)').run(now, cutoff, JSON.stringify(r));
      return r;
    })();
    return Promise.resolve(report);
  }

  entryStats(): Promise<EntryStats> {
    return Promise.resolve(this.entries.stats());
  }
}
