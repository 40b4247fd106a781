/**
 * The hub store on PostgreSQL (`pg`), for a city's worth of buildings. Same semantics as SqliteHubStore, proved by
 * the same tests. bigint columns are read as JS numbers (ms timestamps and seqs stay far below 2^53).
 */
import pg, { type Pool, type PoolClient } from 'pg';
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
import { PostgresEntryQueries } from './postgres-entry-queries.js';
import { postgresSqlRunner } from './postgres-sql-runner.js';
import { EntryAnalytics } from '../entry-analytics.js';
import { TracingAuditLog } from '../tracing-audit.js';
import { SecondFactorStore } from '../second-factor-store.js';
import { HubSecrets } from '../hub-secrets.js';
import { HubCoordination } from '../hub-coordination.js';
import { listenForCheckins } from './postgres-checkin-listener.js';
import { PostgresEntryTable } from './postgres-entry-table.js';
import { PostgresSelfDeclarations } from './postgres-self-declarations.js';
import { PostgresAdminAccounts } from './postgres-admin-accounts.js';
import { PostgresCheckpointRegistry } from './postgres-registry.js';
import { PostgresFleet } from './postgres-fleet.js';
import { PostgresHosts } from './postgres-hosts.js';
import { PostgresDccSigners } from './postgres-dcc-signers.js';
import { applyPostgresMigrations } from './postgres-migrations.js';

const INT8_OID = 20;
const types = { getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === INT8_OID ? Number : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser };

const TERMINAL_COLUMNS = `terminal_id AS "terminalId", key_id AS "keyId", name, signing_public_key AS "signingPublicKey",
  agreement_public_key AS "agreementPublicKey", checkpoint_id AS "checkpointId", building_id AS "buildingId", enrolled_at AS "enrolledAt",
  revoked_at AS "revokedAt", contiguous_seq AS "contiguousSeq", highest_seq AS "highestSeq"`;

export interface PostgresStoreOptions {
  readonly url: string;
  /** Schema to work in (created if missing); tests use one per run. Default: the server's search_path. */
  readonly schema?: string;
  readonly poolSize?: number;
}

export class PostgresHubStore implements HubStore {
  readonly kind = 'postgres';
  readonly pool: Pool;
  private readonly entries: PostgresEntryTable;
  readonly registry: PostgresCheckpointRegistry;
  readonly accounts: PostgresAdminAccounts;
  readonly fleet: PostgresFleet;
  readonly hosts: PostgresHosts;
  readonly dccSigners: PostgresDccSigners;
  readonly entryQueries: PostgresEntryQueries;
  readonly selfDeclarations: PostgresSelfDeclarations;
  readonly analytics: EntryAnalytics;
  readonly tracingAudit: TracingAuditLog;
  readonly secondFactor: SecondFactorStore;
  readonly secrets: HubSecrets;
  readonly coordination: HubCoordination;
  readonly ping: () => Promise<void>;

  constructor(private readonly options: PostgresStoreOptions) {
    const schema = options.schema;
    if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`invalid PostgreSQL schema name "${schema}"`);
    this.pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10, types, ...(schema ? { options: `-c search_path=${schema}` } : {}) });
    this.pool.on('error', () => undefined); // an idle client lost (server restart): the next query reconnects
    this.entries = new PostgresEntryTable(this.pool);
    this.registry = new PostgresCheckpointRegistry(this.pool);
    this.accounts = new PostgresAdminAccounts(this.pool);
    this.fleet = new PostgresFleet(this.pool);
    this.hosts = new PostgresHosts(this.pool);
    this.dccSigners = new PostgresDccSigners(this.pool);
    this.entryQueries = new PostgresEntryQueries(this.pool);
    this.selfDeclarations = new PostgresSelfDeclarations(this.pool, (at) => this.entries.ensurePartitions(at));
    const runner = postgresSqlRunner(this.pool);
    this.analytics = new EntryAnalytics(runner);
    this.tracingAudit = new TracingAuditLog(runner);
    this.secondFactor = new SecondFactorStore(runner);
    this.secrets = new HubSecrets(runner);
    this.coordination = new HubCoordination(runner);
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

  close(): Promise<void> {
    return this.pool.end();
  }

  private async transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  }

  private static bump(client: PoolClient, buildingId: string): Promise<unknown> {
    return client.query('UPDATE buildings SET data_version = data_version + 1 WHERE building_id = $1', [buildingId]);
  }

  async upsertBuilding(building: { buildingId: string; name: string }, subjectKey: Buffer): Promise<void> {
    await this.pool.query(
      `INSERT INTO buildings (building_id, name, subject_key) VALUES ($1, $2, $3)
       ON CONFLICT (building_id) DO UPDATE SET name = excluded.name, data_version = buildings.data_version + 1 WHERE buildings.name <> excluded.name`,
      [building.buildingId, building.name, subjectKey],
    );
  }

  async upsertCheckpoint(cp: CheckpointRecord): Promise<void> {
    await this.transaction(async (client) => {
      const r = await client.query(
        `INSERT INTO checkpoints (checkpoint_id, building_id, name, policy) VALUES ($1, $2, $3, $4)
         ON CONFLICT (checkpoint_id) DO UPDATE SET building_id = excluded.building_id, name = excluded.name, policy = excluded.policy
         WHERE checkpoints.building_id <> excluded.building_id OR checkpoints.name <> excluded.name OR checkpoints.policy <> excluded.policy`,
        [cp.checkpointId, cp.buildingId, cp.name, JSON.stringify(cp.policy)],
      );
      if ((r.rowCount ?? 0) > 0) await PostgresHubStore.bump(client, cp.buildingId);
    });
  }

  async building(buildingId: string): Promise<BuildingRecord | undefined> {
    const { rows } = await this.pool.query<BuildingRecord>(
      'SELECT building_id AS "buildingId", name, data_version AS "dataVersion", subject_key AS "subjectKey" FROM buildings WHERE building_id = $1',
      [buildingId],
    );
    return rows[0];
  }

  async checkpoint(checkpointId: string): Promise<CheckpointRecord | undefined> {
    const { rows } = await this.pool.query<CheckpointRecord>(
      'SELECT checkpoint_id AS "checkpointId", building_id AS "buildingId", name, policy FROM checkpoints WHERE checkpoint_id = $1',
      [checkpointId],
    );
    return rows[0];
  }

  async createEnrolmentToken(t: EnrolmentTokenRecord): Promise<void> {
    await this.pool.query('INSERT INTO enrolment_tokens (token_id, secret_sha256, checkpoint_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)', [
      t.tokenId, t.secretSha256, t.checkpointId, t.createdAt, t.expiresAt,
    ]);
  }

  enrolTerminal(input: EnrolInput): Promise<EnrolOutcome> {
    return this.transaction(async (client): Promise<EnrolOutcome> => {
      const token = (
        await client.query<{ secret_sha256: string; checkpoint_id: string; expires_at: number; used_at: number | null; building_id: string }>(
          `SELECT t.secret_sha256, t.checkpoint_id, t.expires_at, t.used_at, c.building_id
           FROM enrolment_tokens t JOIN checkpoints c USING (checkpoint_id) WHERE t.token_id = $1 FOR UPDATE OF t`,
          [input.tokenId],
        )
      ).rows[0];
      if (!token || token.secret_sha256 !== input.secretSha256) return { ok: false, code: 'ENROLMENT_TOKEN_UNKNOWN' };
      if (token.used_at !== null) return { ok: false, code: 'ENROLMENT_TOKEN_USED' };
      if (token.expires_at <= input.now) return { ok: false, code: 'ENROLMENT_TOKEN_EXPIRED' };
      if (token.checkpoint_id !== input.checkpointId) return { ok: false, code: 'CHECKPOINT_MISMATCH' };
      const t = input.terminal;
      await client.query('UPDATE enrolment_tokens SET used_at = $1, used_by = $2 WHERE token_id = $3', [input.now, t.terminalId, input.tokenId]);
      const base = Math.max(0, t.firstSeq - 1);
      const { rows } = await client.query<TerminalRecord>(
        `INSERT INTO terminals (terminal_id, key_id, name, signing_public_key, agreement_public_key, checkpoint_id, building_id, enrolled_at, contiguous_seq, highest_seq)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING ${TERMINAL_COLUMNS}`,
        [t.terminalId, t.keyId, t.name, t.signingPublicKey, t.agreementPublicKey, token.checkpoint_id, token.building_id, input.now, base],
      );
      return { ok: true, terminal: rows[0]! };
    });
  }

  async terminalByKeyId(keyId: string): Promise<TerminalRecord | undefined> {
    return (await this.pool.query<TerminalRecord>(`SELECT ${TERMINAL_COLUMNS} FROM terminals WHERE key_id = $1`, [keyId])).rows[0];
  }

  async terminal(terminalId: string): Promise<TerminalRecord | undefined> {
    return (await this.pool.query<TerminalRecord>(`SELECT ${TERMINAL_COLUMNS} FROM terminals WHERE terminal_id = $1`, [terminalId])).rows[0];
  }

  async revokeTerminal(terminalId: string, now: number): Promise<boolean> {
    return ((await this.pool.query('UPDATE terminals SET revoked_at = $1 WHERE terminal_id = $2 AND revoked_at IS NULL', [now, terminalId])).rowCount ?? 0) > 0;
  }

  async rememberNonce(keyId: string, nonce: string, expiresAt: number): Promise<boolean> {
    const r = await this.pool.query('INSERT INTO request_nonces (key_id, nonce, expires_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [keyId, nonce, expiresAt]);
    return r.rowCount === 1;
  }

  insertEntries(terminal: TerminalRecord, entries: readonly UploadedEntry[], receivedAt: number): Promise<IngestResult> {
    return this.entries.ingest(terminal, entries, receivedAt);
  }

  passagesSince(buildingId: string, options: { after: number; excludeTerminalId: string; sinceEventTime: number; limit: number }): Promise<RelayedPassage[]> {
    return this.entries.passagesSince(buildingId, options);
  }

  putDeclarations(buildingId: string, declarations: readonly BundleDeclaration[]): Promise<number> {
    return this.transaction(async (client) => {
      const r = await client.query(
        `INSERT INTO declarations (building_id, subject_ref, declared_at, expires_at, result)
         SELECT DISTINCT ON (subject_ref) $1, subject_ref, declared_at, expires_at, result
         FROM unnest($2::text[], $3::bigint[], $4::bigint[], $5::text[]) AS d(subject_ref, declared_at, expires_at, result) ORDER BY subject_ref, declared_at DESC
         ON CONFLICT (building_id, subject_ref) DO UPDATE SET declared_at = excluded.declared_at, expires_at = excluded.expires_at, result = excluded.result
         WHERE excluded.declared_at > declarations.declared_at`,
        [buildingId, declarations.map((d) => d.subjectRef), declarations.map((d) => d.declaredAt), declarations.map((d) => d.expiresAt), declarations.map((d) => d.result)],
      );
      const changed = r.rowCount ?? 0;
      if (changed > 0) await PostgresHubStore.bump(client, buildingId);
      return changed;
    });
  }

  addRevocations(buildingId: string, credentialIds: readonly string[], at: number): Promise<number> {
    return this.transaction(async (client) => {
      const r = await client.query('INSERT INTO revocations (building_id, credential_id, revoked_at) SELECT $1, unnest($2::text[]), $3 ON CONFLICT DO NOTHING', [
        buildingId, [...new Set(credentialIds)], at,
      ]);
      if ((r.rowCount ?? 0) > 0) await PostgresHubStore.bump(client, buildingId);
      return r.rowCount ?? 0;
    });
  }

  async replaceStaff(buildingId: string, staff: readonly BundleStaffMember[]): Promise<void> {
    await this.transaction(async (client) => {
      await client.query('DELETE FROM staff WHERE building_id = $1', [buildingId]);
      await client.query('INSERT INTO staff (building_id, badge_id, department, status) SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[])', [
        buildingId, staff.map((s) => s.badgeId), staff.map((s) => s.department), staff.map((s) => s.status),
      ]);
      await PostgresHubStore.bump(client, buildingId);
    });
  }

  async replaceIssuers(buildingId: string, issuers: readonly BundleIssuer[]): Promise<void> {
    await this.transaction(async (client) => {
      await client.query('DELETE FROM issuers WHERE building_id = $1', [buildingId]);
      await client.query('INSERT INTO issuers (building_id, public_key, name) SELECT $1, * FROM unnest($2::text[], $3::text[])', [
        buildingId, issuers.map((i) => i.publicKey), issuers.map((i) => i.name),
      ]);
      await PostgresHubStore.bump(client, buildingId);
    });
  }

  async buildingData(buildingId: string, now: number): Promise<BuildingData> {
    const q = <T extends object>(sql: string, params: unknown[]) => this.pool.query<T>(sql, params).then((r) => r.rows);
    const [declarations, revocations, staff, issuers] = await Promise.all([
      q<BundleDeclaration>(
        'SELECT subject_ref AS "subjectRef", declared_at AS "declaredAt", expires_at AS "expiresAt", result FROM declarations WHERE building_id = $1 AND expires_at > $2 ORDER BY subject_ref',
        [buildingId, now],
      ),
      q<{ id: string }>('SELECT credential_id AS id FROM revocations WHERE building_id = $1 ORDER BY credential_id', [buildingId]),
      q<BundleStaffMember>('SELECT badge_id AS "badgeId", department, status FROM staff WHERE building_id = $1 ORDER BY badge_id', [buildingId]),
      q<BundleIssuer>('SELECT public_key AS "publicKey", name FROM issuers WHERE building_id = $1 ORDER BY public_key', [buildingId]),
    ]);
    return { declarations, revocations: revocations.map((r) => r.id), staff, issuers };
  }

  purge(cutoff: number, now: number): Promise<PurgeReport> {
    return this.transaction(async (client) => {
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

  entryStats(): Promise<EntryStats> {
    return this.entries.stats();
  }
}
