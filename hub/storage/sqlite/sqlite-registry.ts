/** The checkpoint registry on SQLite (see ../checkpoint-registry.ts). */
import type Database from 'better-sqlite3';
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

export class SqliteCheckpointRegistry implements CheckpointRegistry {
  constructor(private readonly db: Database.Database) {}

  upsertOrganisation(o: OrganisationRecord): Promise<void> {
    this.db
      .prepare('INSERT INTO organisations (organisation_id, name, area) VALUES (?, ?, ?) ON CONFLICT (organisation_id) DO UPDATE SET name = excluded.name, area = excluded.area')
      .run(o.organisationId, o.name, o.area ?? null);
    return Promise.resolve();
  }

  placeBuilding(buildingId: string, p: BuildingPlacement): Promise<boolean> {
    if (p.organisationId !== null && !this.db.prepare('SELECT 1 FROM organisations WHERE organisation_id = ?').get(p.organisationId)) return Promise.resolve(false);
    const changes = this.db.prepare('UPDATE buildings SET organisation_id = ?, address = ? WHERE building_id = ?').run(p.organisationId, p.address, buildingId).changes;
    return Promise.resolve(changes > 0);
  }

  describeCheckpoint(checkpointId: string, d: CheckpointDescription): Promise<boolean> {
    const changes = this.db
      .prepare('UPDATE checkpoints SET kind = ?, address = ?, directions = ? WHERE checkpoint_id = ?')
      .run(d.kind, d.address, directionsToColumn(d.directions), checkpointId).changes;
    return Promise.resolve(changes > 0);
  }

  checkpointDescription(checkpointId: string): Promise<CheckpointDescription | undefined> {
    const r = this.db.prepare('SELECT kind, address, directions FROM checkpoints WHERE checkpoint_id = ?').get(checkpointId) as
      | { kind: CheckpointDescription['kind']; address: string; directions: string }
      | undefined;
    return Promise.resolve(r && { kind: r.kind, address: r.address, directions: directionsFromColumn(r.directions) });
  }

  organisationTree(organisationId: string | null): Promise<RegistryBuilding[]> {
    const rows = this.db
      .prepare(
        `SELECT ${TREE_COLUMNS} FROM buildings b LEFT JOIN checkpoints c ON c.building_id = b.building_id
         WHERE b.organisation_id IS ? ORDER BY b.name, b.building_id, c.kind, c.name`,
      )
      .all(organisationId) as Parameters<typeof treeFromRows>[0];
    return Promise.resolve(treeFromRows(rows));
  }

  organisations(): Promise<OrganisationRecord[]> {
    return Promise.resolve(this.db.prepare(`SELECT ${AREA_ORGANISATION_COLUMNS} FROM organisations ORDER BY name`).all() as OrganisationRecord[]);
  }

  organisationsInArea(area: string): Promise<OrganisationRecord[]> {
    const sql = `SELECT ${AREA_ORGANISATION_COLUMNS} FROM organisations WHERE area = ? OR area LIKE ? ORDER BY name, organisation_id`;
    return Promise.resolve(this.db.prepare(sql).all(area, areaLikePrefix(area)) as OrganisationRecord[]);
  }

  areaTree(area: string): Promise<RegistryBuilding[]> {
    const rows = this.db
      .prepare(
        `SELECT ${TREE_COLUMNS} FROM organisations o JOIN buildings b ON b.organisation_id = o.organisation_id LEFT JOIN checkpoints c ON c.building_id = b.building_id
         WHERE o.area = ? OR o.area LIKE ? ORDER BY o.name, b.name, b.building_id, c.kind, c.name`,
      )
      .all(area, areaLikePrefix(area)) as Parameters<typeof treeFromRows>[0];
    return Promise.resolve(treeFromRows(rows));
  }

  buildingTree(buildingId: string): Promise<RegistryBuilding | undefined> {
    const sql = `SELECT ${TREE_COLUMNS} FROM buildings b LEFT JOIN checkpoints c ON c.building_id = b.building_id WHERE b.building_id = ? ORDER BY c.kind, c.name`;
    return Promise.resolve(treeFromRows(this.db.prepare(sql).all(buildingId) as Parameters<typeof treeFromRows>[0])[0]);
  }

  buildingOfCheckpoint(checkpointId: string): Promise<RegistryBuilding | undefined> {
    const row = this.db.prepare('SELECT building_id FROM checkpoints WHERE checkpoint_id = ?').pluck().get(checkpointId) as string | undefined;
    return row === undefined ? Promise.resolve(undefined) : this.buildingTree(row);
  }
}
