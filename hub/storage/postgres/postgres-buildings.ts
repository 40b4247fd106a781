/** Buildings, checkpoints and the data their bundles carry, on PostgreSQL (see ../building-store.ts): bulk writes through unnest. */
import type { Pool, PoolClient } from 'pg';
import type { BundleDeclaration, BundleIssuer, BundleStaffMember } from '../../protocol.js';
import type { BuildingData, BuildingRecord, BuildingStore, CheckpointRecord } from '../building-store.js';
import { pgTransaction } from './postgres-sql-runner.js';

export class PostgresBuildings implements BuildingStore {
  constructor(private readonly pool: Pool) {}

  private transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    return pgTransaction(this.pool, work);
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
      if ((r.rowCount ?? 0) > 0) await PostgresBuildings.bump(client, cp.buildingId);
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
      if (changed > 0) await PostgresBuildings.bump(client, buildingId);
      return changed;
    });
  }

  addRevocations(buildingId: string, credentialIds: readonly string[], at: number): Promise<number> {
    return this.transaction(async (client) => {
      const r = await client.query('INSERT INTO revocations (building_id, credential_id, revoked_at) SELECT $1, unnest($2::text[]), $3 ON CONFLICT DO NOTHING', [
        buildingId, [...new Set(credentialIds)], at,
      ]);
      if ((r.rowCount ?? 0) > 0) await PostgresBuildings.bump(client, buildingId);
      return r.rowCount ?? 0;
    });
  }

  async replaceStaff(buildingId: string, staff: readonly BundleStaffMember[]): Promise<void> {
    await this.transaction(async (client) => {
      await client.query('DELETE FROM staff WHERE building_id = $1', [buildingId]);
      await client.query('INSERT INTO staff (building_id, badge_id, department, status) SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[])', [
        buildingId, staff.map((s) => s.badgeId), staff.map((s) => s.department), staff.map((s) => s.status),
      ]);
      await PostgresBuildings.bump(client, buildingId);
    });
  }

  async replaceIssuers(buildingId: string, issuers: readonly BundleIssuer[]): Promise<void> {
    await this.transaction(async (client) => {
      await client.query('DELETE FROM issuers WHERE building_id = $1', [buildingId]);
      await client.query('INSERT INTO issuers (building_id, public_key, name) SELECT $1, * FROM unnest($2::text[], $3::text[])', [
        buildingId, issuers.map((i) => i.publicKey), issuers.map((i) => i.name),
      ]);
      await PostgresBuildings.bump(client, buildingId);
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
}
