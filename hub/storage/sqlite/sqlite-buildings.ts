/** Buildings, checkpoints and the data their bundles carry, on SQLite (see ../building-store.ts). */
import type Database from 'better-sqlite3';
import type { BundleDeclaration, BundleIssuer, BundleStaffMember } from '../../protocol.js';
import type { BuildingData, BuildingRecord, BuildingStore, CheckpointRecord } from '../building-store.js';

export class SqliteBuildings implements BuildingStore {
  constructor(private readonly db: Database.Database) {}

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
}
