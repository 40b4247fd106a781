/** The checkpoint registry on PostgreSQL (see ../checkpoint-registry.ts). */
import type { Pool } from 'pg';
import {
  AREA_ORGANISATION_COLUMNS,
  areaLikePrefix,
  directionsFromColumn,
  directionsToColumn,
  TREE_COLUMNS,
  treeFromRows,
  type BuildingPlacement,
  type CheckpointDescription,
  type CheckpointRegistry,
  type OrganisationRecord,
  type RegistryBuilding,
} from '../checkpoint-registry.js';

export class PostgresCheckpointRegistry implements CheckpointRegistry {
  constructor(private readonly pool: Pool) {}

  async upsertOrganisation(o: OrganisationRecord): Promise<void> {
    await this.pool.query(
      'INSERT INTO organisations (organisation_id, name, area) VALUES ($1, $2, $3) ON CONFLICT (organisation_id) DO UPDATE SET name = excluded.name, area = excluded.area',
      [o.organisationId, o.name, o.area ?? null],
    );
  }

  async placeBuilding(buildingId: string, p: BuildingPlacement): Promise<boolean> {
    // The WHERE refuses an unknown organisation instead of raising a foreign-key error.
    const r = await this.pool.query(
      `UPDATE buildings SET organisation_id = $1, address = $2
       WHERE building_id = $3 AND ($1::text IS NULL OR EXISTS (SELECT 1 FROM organisations WHERE organisation_id = $1))`,
      [p.organisationId, p.address, buildingId],
    );
    return (r.rowCount ?? 0) > 0;
  }

  async describeCheckpoint(checkpointId: string, d: CheckpointDescription): Promise<boolean> {
    const r = await this.pool.query('UPDATE checkpoints SET kind = $1, address = $2, directions = $3 WHERE checkpoint_id = $4', [
      d.kind,
      d.address,
      directionsToColumn(d.directions),
      checkpointId,
    ]);
    return (r.rowCount ?? 0) > 0;
  }

  async checkpointDescription(checkpointId: string): Promise<CheckpointDescription | undefined> {
    const { rows } = await this.pool.query<{ kind: CheckpointDescription['kind']; address: string; directions: string }>(
      'SELECT kind, address, directions FROM checkpoints WHERE checkpoint_id = $1',
      [checkpointId],
    );
    const r = rows[0];
    return r && { kind: r.kind, address: r.address, directions: directionsFromColumn(r.directions) };
  }

  async organisationTree(organisationId: string | null): Promise<RegistryBuilding[]> {
    const { rows } = await this.pool.query<Parameters<typeof treeFromRows>[0][number]>(
      `SELECT ${TREE_COLUMNS} FROM buildings b LEFT JOIN checkpoints c ON c.building_id = b.building_id
       WHERE b.organisation_id IS NOT DISTINCT FROM $1 ORDER BY b.name, b.building_id, c.kind, c.name`,
      [organisationId],
    );
    return treeFromRows(rows);
  }

  async organisations(): Promise<OrganisationRecord[]> {
    const { rows } = await this.pool.query<OrganisationRecord>(`SELECT ${AREA_ORGANISATION_COLUMNS} FROM organisations ORDER BY name`);
    return rows;
  }

  async organisationsInArea(area: string): Promise<OrganisationRecord[]> {
    const sql = `SELECT ${AREA_ORGANISATION_COLUMNS} FROM organisations WHERE area = $1 OR area LIKE $2 ORDER BY name, organisation_id`;
    return (await this.pool.query<OrganisationRecord>(sql, [area, areaLikePrefix(area)])).rows;
  }

  async areaTree(area: string): Promise<RegistryBuilding[]> {
    const { rows } = await this.pool.query<Parameters<typeof treeFromRows>[0][number]>(
      `SELECT ${TREE_COLUMNS} FROM organisations o JOIN buildings b ON b.organisation_id = o.organisation_id LEFT JOIN checkpoints c ON c.building_id = b.building_id
       WHERE o.area = $1 OR o.area LIKE $2 ORDER BY o.name, b.name, b.building_id, c.kind, c.name`,
      [area, areaLikePrefix(area)],
    );
    return treeFromRows(rows);
  }

  async buildingTree(buildingId: string): Promise<RegistryBuilding | undefined> {
    const { rows } = await this.pool.query<Parameters<typeof treeFromRows>[0][number]>(
      `SELECT ${TREE_COLUMNS} FROM buildings b LEFT JOIN checkpoints c ON c.building_id = b.building_id WHERE b.building_id = $1 ORDER BY c.kind, c.name`,
      [buildingId],
    );
    return treeFromRows(rows)[0];
  }

  async buildingOfCheckpoint(checkpointId: string): Promise<RegistryBuilding | undefined> {
    const { rows } = await this.pool.query<{ building_id: string }>('SELECT building_id FROM checkpoints WHERE checkpoint_id = $1', [checkpointId]);
    return rows[0] ? this.buildingTree(rows[0].building_id) : undefined;
  }
}
