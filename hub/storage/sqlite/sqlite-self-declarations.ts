/** Self-service declarations and phone check-ins on SQLite (see ../self-declarations.ts). */
import type Database from 'better-sqlite3';
import { nameKey } from '../name-key.js';
import { lastPerPerson, PHONE_CHECKIN_ENTRY as E, PHONE_CHECKIN_TERMINAL, type BuildingKey, type DeclarationWrite, type PhoneCheckin, type SelfDeclaration, type SelfDeclarationStore, type StoredPhoneCheckin } from '../self-declarations.js';

const DECLARATION_COLUMNS = `id_hmac AS idHmac, token_id AS tokenId, declared_at AS declaredAt, expires_at AS expiresAt, result, answers, checkpoint_id AS checkpointId`;
const CHECKIN_COLUMNS = `cursor, checkin_id AS checkinId, checkpoint_id AS checkpointId, building_id AS buildingId, token_id AS tokenId,
  subject_hmac AS subjectHmac, display_name AS displayName, result, checked_in_at AS checkedInAt`;

export class SqliteSelfDeclarations implements SelfDeclarationStore {
  constructor(private readonly db: Database.Database) {}

  issue(batch: readonly DeclarationWrite[]): Promise<void> {
    const own = this.db.prepare(
      `INSERT INTO self_declarations (id_hmac, token_id, declared_at, expires_at, result, answers, checkpoint_id) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id_hmac) DO UPDATE SET token_id = excluded.token_id, declared_at = excluded.declared_at, expires_at = excluded.expires_at,
         result = excluded.result, answers = excluded.answers, checkpoint_id = excluded.checkpoint_id`,
    );
    const inSet = this.db.prepare(
      `INSERT INTO declarations (building_id, subject_ref, declared_at, expires_at, result) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (building_id, subject_ref) DO UPDATE SET declared_at = excluded.declared_at, expires_at = excluded.expires_at, result = excluded.result
       WHERE excluded.declared_at >= declarations.declared_at`,
    );
    const bump = this.db.prepare('UPDATE buildings SET data_version = data_version + 1 WHERE building_id = ?');
    this.db.transaction(() => {
      const touched = new Set<string>();
      for (const { declaration: d, refs } of lastPerPerson(batch)) {
        own.run(d.idHmac, d.tokenId, d.declaredAt, d.expiresAt, d.result, d.answers, d.checkpointId);
        for (const ref of refs) if (inSet.run(ref.buildingId, ref.subjectRef, d.declaredAt, d.expiresAt, d.result).changes > 0) touched.add(ref.buildingId);
      }
      for (const buildingId of touched) bump.run(buildingId);
    })();
    return Promise.resolve();
  }

  current(idHmac: string): Promise<SelfDeclaration | undefined> {
    return Promise.resolve(this.db.prepare(`SELECT ${DECLARATION_COLUMNS} FROM self_declarations WHERE id_hmac = ?`).get(idHmac) as SelfDeclaration | undefined);
  }

  buildingKeys(): Promise<BuildingKey[]> {
    return Promise.resolve(this.db.prepare('SELECT building_id AS buildingId, subject_key AS subjectKey FROM buildings ORDER BY building_id').all() as BuildingKey[]);
  }

  /** The check-in and its entry (see PHONE_CHECKIN_TERMINAL) in one transaction. */
  recordCheckin(c: PhoneCheckin): Promise<number> {
    return Promise.resolve(
      this.db.transaction(() => {
        const { cursor } = this.db
          .prepare(
            `INSERT INTO phone_checkins (checkin_id, checkpoint_id, building_id, token_id, subject_hmac, display_name, result, checked_in_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING cursor`,
          )
          .get(c.checkinId, c.checkpointId, c.buildingId, c.tokenId, c.subjectHmac, c.displayName, c.result, c.checkedInAt) as { cursor: number };
        this.db
          .prepare(
            `INSERT INTO entries (building_id, terminal_id, seq, entry_id, checkpoint_id, direction, outcome, reasons, credential_kind, credential_id,
               subject_hmac, display_name, scan_source, wall_time, mono_time, boot_id, event_time, time_source, override_of, received_at, name_key, host_id)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, '', ?, ?, NULL, ?, ?, NULL)`,
          )
          .run(c.buildingId, PHONE_CHECKIN_TERMINAL, cursor, c.checkinId, c.checkpointId, E.direction, c.outcome, c.reason, E.credentialKind, c.tokenId,
            c.subjectHmac, c.displayName, E.scanSource, c.checkedInAt, c.checkedInAt, E.timeSource, c.checkedInAt, nameKey(c.displayName));
        return cursor;
      })(),
    );
  }

  checkinsSince(checkpointId: string, after: number, limit: number): Promise<StoredPhoneCheckin[]> {
    return Promise.resolve(
      this.db.prepare(`SELECT ${CHECKIN_COLUMNS} FROM phone_checkins WHERE checkpoint_id = ? AND cursor > ? ORDER BY cursor LIMIT ?`).all(checkpointId, after, limit) as StoredPhoneCheckin[],
    );
  }

  latestCheckinCursor(checkpointId: string): Promise<number> {
    const row = this.db.prepare('SELECT max(cursor) AS c FROM phone_checkins WHERE checkpoint_id = ?').get(checkpointId) as { c: number | null };
    return Promise.resolve(row.c ?? 0);
  }

  purge(now: number, cutoff: number): Promise<{ declarations: number; checkins: number }> {
    return Promise.resolve(
      this.db.transaction(() => ({
        declarations: this.db.prepare('DELETE FROM self_declarations WHERE expires_at <= ?').run(now).changes,
        checkins: this.db.prepare('DELETE FROM phone_checkins WHERE checked_in_at < ?').run(cutoff).changes,
      }))(),
    );
  }
}
