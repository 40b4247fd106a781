/**
 * The embedded hub store: one SQLite file, WAL + synchronous=FULL, so an acknowledged batch survives a SIGKILL or a
 * power cut of the hub. better-sqlite3 is synchronous; the async interface only mirrors PostgreSQL's.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { EntryLog, HubStore, PurgeReport } from '../hub-store.js';
import { TerminalDirectory } from '../terminal-directory.js';
import { SqliteBuildings } from './sqlite-buildings.js';
import { SqliteSelfDeclarations } from './sqlite-self-declarations.js';
import { SqliteAdminAccounts } from './sqlite-admin-accounts.js';
import { SqliteFleet } from './sqlite-fleet.js';
import { SqliteHosts } from './sqlite-hosts.js';
import { SqlDccSigners } from '../dcc-signer-store.js';
import { SqliteCheckpointRegistry } from './sqlite-registry.js';
import { SqliteEntryQueries } from './sqlite-entry-queries.js';
import { sqliteSqlRunner } from './sqlite-sql-runner.js';
import { EntryAnalytics } from '../entry-analytics.js';
import { TracingAuditLog } from '../tracing-audit.js';
import { SecondFactorStore } from '../second-factor-store.js';
import { HubSecrets } from '../hub-secrets.js';
import { HubCoordination } from '../hub-coordination.js';
import { DccValueSetStore } from '../dcc-value-set-store.js';
import { nameKey } from '../name-key.js';
import { SqliteEntryTable } from './sqlite-entry-table.js';
import { applySqliteMigrations } from './sqlite-migrations.js';

export class SqliteHubStore implements HubStore {
  readonly kind = 'sqlite';
  readonly db: Database.Database;
  /** Prepared once the migrations made its tables (migrate). */
  private entryTable!: SqliteEntryTable;
  readonly buildings: SqliteBuildings;
  readonly terminals: TerminalDirectory;
  readonly entries: EntryLog = {
    ingest: (terminal, entries, receivedAt) => Promise.resolve(this.entryTable.ingest(terminal, entries, receivedAt)),
    ingestAdmitted: (terminal, entries, receivedAt, admission) => Promise.resolve(this.entryTable.ingestAdmitted(terminal, entries, receivedAt, admission)),
    passagesSince: (buildingId, options) => Promise.resolve(this.entryTable.passagesSince(buildingId, options)),
    stats: () => Promise.resolve(this.entryTable.stats()),
  };
  readonly registry: SqliteCheckpointRegistry;
  readonly accounts: SqliteAdminAccounts;
  readonly entryQueries: SqliteEntryQueries;
  readonly selfDeclarations: SqliteSelfDeclarations;
  readonly fleet: SqliteFleet;
  readonly hosts: SqliteHosts;
  readonly dccSigners: SqlDccSigners;
  readonly analytics: EntryAnalytics;
  readonly tracingAudit: TracingAuditLog;
  readonly secondFactor: SecondFactorStore;
  readonly secrets: HubSecrets;
  readonly coordination: HubCoordination;
  readonly dccValueSets: DccValueSetStore;
  readonly ping = () => Promise.resolve(void this.db.prepare('SELECT 1').get());
  readonly listenForCheckins = (): Promise<() => Promise<void>> => Promise.resolve(() => Promise.resolve());

  constructor(path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('foreign_keys = ON');
    this.buildings = new SqliteBuildings(this.db);
    this.registry = new SqliteCheckpointRegistry(this.db);
    this.accounts = new SqliteAdminAccounts(this.db);
    this.entryQueries = new SqliteEntryQueries(this.db);
    this.selfDeclarations = new SqliteSelfDeclarations(this.db);
    this.fleet = new SqliteFleet(this.db);
    this.hosts = new SqliteHosts(this.db);
    this.db.function('gate_name_key', { deterministic: true }, (name: unknown) => nameKey(String(name)));
    const runner = sqliteSqlRunner(this.db);
    this.terminals = new TerminalDirectory(runner);
    this.analytics = new EntryAnalytics(runner);
    this.tracingAudit = new TracingAuditLog(runner);
    this.secondFactor = new SecondFactorStore(runner);
    this.secrets = new HubSecrets(runner);
    this.coordination = new HubCoordination(runner);
    this.dccValueSets = new DccValueSetStore(runner);
    this.dccSigners = new SqlDccSigners(runner);
  }

  migrate(): Promise<number> {
    const version = applySqliteMigrations(this.db);
    this.entryTable = new SqliteEntryTable(this.db);
    return Promise.resolve(version);
  }

  close(): Promise<void> {
    this.db.close();
    return Promise.resolve();
  }

  purge(cutoff: number, now: number): Promise<PurgeReport> {
    const report = this.db.transaction((): PurgeReport => {
      const entries = this.entryTable.purge(cutoff);
      const nonces = this.db.prepare('DELETE FROM request_nonces WHERE expires_at < ?').run(now).changes;
      const enrolmentTokens = this.db.prepare('DELETE FROM enrolment_tokens WHERE expires_at < ?').run(cutoff).changes;
      const declarations = this.db.prepare('DELETE FROM declarations WHERE expires_at < ?').run(now).changes;
      const r = { entries, nonces, enrolmentTokens, declarations, partitionsDropped: 0 };
      this.db.prepare('INSERT INTO purge_log (purged_at, cutoff, report) VALUES (?, ?, ?)').run(now, cutoff, JSON.stringify(r));
      return r;
    })();
    return Promise.resolve(report);
  }
}
