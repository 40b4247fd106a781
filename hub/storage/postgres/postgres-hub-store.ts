/**
 * The hub store on PostgreSQL (`pg`), for a city's worth of buildings. Same semantics as SqliteHubStore, proved by
 * the same tests. bigint columns are read as JS numbers (ms timestamps and seqs stay far below 2^53).
 */
import pg, { type Pool } from 'pg';
import type { HubStore, PurgeReport } from '../hub-store.js';
import { TerminalDirectory } from '../terminal-directory.js';
import { PostgresBuildings } from './postgres-buildings.js';
import { PostgresEntryQueries } from './postgres-entry-queries.js';
import { pgTransaction, postgresSqlRunner } from './postgres-sql-runner.js';
import { EntryAnalytics } from '../entry-analytics.js';
import { TracingAuditLog } from '../tracing-audit.js';
import { SecondFactorStore } from '../second-factor-store.js';
import { HubSecrets } from '../hub-secrets.js';
import { HubCoordination } from '../hub-coordination.js';
import { DccValueSetStore } from '../dcc-value-set-store.js';
import { listenForCheckins } from './postgres-checkin-listener.js';
import { PostgresEntryTable } from './postgres-entry-table.js';
import { PostgresSelfDeclarations } from './postgres-self-declarations.js';
import { PostgresAdminAccounts } from './postgres-admin-accounts.js';
import { PostgresCheckpointRegistry } from './postgres-registry.js';
import { PostgresFleet } from './postgres-fleet.js';
import { PostgresHosts } from './postgres-hosts.js';
import { SqlDccSigners } from '../dcc-signer-store.js';
import { applyPostgresMigrations } from './postgres-migrations.js';

const INT8_OID = 20;
/** Connections of the shared batched statements, besides `poolSize`: admissions and identity lookups, one each at most. */
export const SHARED_CONNECTIONS = 2;
const types = { getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === INT8_OID ? Number : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser };

export interface PostgresStoreOptions {
  readonly url: string;
  /** Schema to work in (created if missing); tests use one per run. Default: the server's search_path. */
  readonly schema?: string;
  readonly poolSize?: number;
}

export class PostgresHubStore implements HubStore {
  readonly kind = 'postgres';
  readonly pool: Pool;
  private readonly sharedPool: Pool;
  readonly entries: PostgresEntryTable;
  readonly buildings: PostgresBuildings;
  readonly terminals: TerminalDirectory;
  readonly registry: PostgresCheckpointRegistry;
  readonly accounts: PostgresAdminAccounts;
  readonly fleet: PostgresFleet;
  readonly hosts: PostgresHosts;
  readonly dccSigners: SqlDccSigners;
  readonly entryQueries: PostgresEntryQueries;
  readonly selfDeclarations: PostgresSelfDeclarations;
  readonly analytics: EntryAnalytics;
  readonly tracingAudit: TracingAuditLog;
  readonly secondFactor: SecondFactorStore;
  readonly secrets: HubSecrets;
  readonly coordination: HubCoordination;
  readonly dccValueSets: DccValueSetStore;
  readonly ping: () => Promise<void>;

  constructor(private readonly options: PostgresStoreOptions) {
    const schema = options.schema;
    if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`invalid PostgreSQL schema name "${schema}"`);
    const connection = { connectionString: options.url, types, ...(schema ? { options: `-c search_path=${schema}` } : {}) };
    this.pool = new pg.Pool({ ...connection, max: options.poolSize ?? 10 });
    // The batched admission and identity statements: one in flight each, on connections no upload can take.
    this.sharedPool = new pg.Pool({ ...connection, max: SHARED_CONNECTIONS });
    for (const pool of [this.pool, this.sharedPool]) pool.on('error', () => undefined); // an idle client lost (server restart): the next query reconnects
    this.entries = new PostgresEntryTable(this.pool);
    this.buildings = new PostgresBuildings(this.pool);
    this.registry = new PostgresCheckpointRegistry(this.pool);
    this.accounts = new PostgresAdminAccounts(this.pool);
    this.fleet = new PostgresFleet(this.pool);
    this.hosts = new PostgresHosts(this.pool);
    this.entryQueries = new PostgresEntryQueries(this.pool);
    this.selfDeclarations = new PostgresSelfDeclarations(this.pool, (at) => this.entries.ensurePartitions(at));
    const runner = postgresSqlRunner(this.pool);
    this.terminals = new TerminalDirectory(runner, postgresSqlRunner(this.sharedPool));
    this.analytics = new EntryAnalytics(runner);
    this.tracingAudit = new TracingAuditLog(runner);
    this.secondFactor = new SecondFactorStore(runner);
    this.secrets = new HubSecrets(runner);
    this.coordination = new HubCoordination(runner);
    this.dccValueSets = new DccValueSetStore(runner);
    this.dccSigners = new SqlDccSigners(runner);
    this.ping = async () => void (await runner.rows('SELECT 1 AS one', []));
  }

  async migrate(): Promise<number> {
    const client = await this.pool.connect();
    try {
      if (this.options.schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${this.options.schema}`);
      return await applyPostgresMigrations(client);
    } finally {
      client.release();
    }
  }

  listenForCheckins(onCheckpoint: (checkpointId: string | null) => void): Promise<() => Promise<void>> {
    return listenForCheckins(this.options.url, onCheckpoint);
  }

  async close(): Promise<void> {
    await this.fleet.flush().catch(() => undefined);
    await Promise.all([this.pool.end(), this.sharedPool.end()]);
  }

  purge(cutoff: number, now: number): Promise<PurgeReport> {
    return pgTransaction(this.pool, async (client) => {
      const { entries, partitionsDropped } = await this.entries.purge(client, cutoff);
      const count = async (sql: string, params: unknown[]) => (await client.query(sql, params)).rowCount ?? 0;
      const report: PurgeReport = {
        entries,
        partitionsDropped,
        nonces: await count('DELETE FROM request_nonces WHERE expires_at < $1', [now]),
        enrolmentTokens: await count('DELETE FROM enrolment_tokens WHERE expires_at < $1', [cutoff]),
        declarations: await count('DELETE FROM declarations WHERE expires_at < $1', [now]),
      };
      await client.query('INSERT INTO purge_log (purged_at, cutoff, report) VALUES ($1, $2, $3)', [now, cutoff, JSON.stringify(report)]);
      return report;
    });
  }
}
