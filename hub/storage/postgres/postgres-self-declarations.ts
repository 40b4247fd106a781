/**
 * Self-service declarations and phone check-ins on PostgreSQL (see ../self-declarations.ts). Issuing a batch is ONE
 * statement (data-modifying CTEs over unnest arrays): the people's rows, the buildings' declaration sets and their
 * data versions change together in one round trip, and the building row (its data version) is locked once per
 * batch rather than once per declaration — that row is what every declaration would otherwise queue on.
 */
import { Batcher } from '../batcher.js';
import type { Pool } from 'pg';
import { utcDay } from './postgres-entry-table.js';
import { nameKey } from '../name-key.js';
import { lastPerPerson, PHONE_CHECKIN_ENTRY as E, PHONE_CHECKIN_TERMINAL, type BuildingKey, type DeclarationWrite, type PhoneCheckin, type SelfDeclaration, type SelfDeclarationStore, type StoredPhoneCheckin } from '../self-declarations.js';

const DECLARATION_COLUMNS = `id_hmac AS "idHmac", token_id AS "tokenId", declared_at AS "declaredAt", expires_at AS "expiresAt", result, answers, checkpoint_id AS "checkpointId"`;
const CHECKIN_COLUMNS = `cursor, checkin_id AS "checkinId", checkpoint_id AS "checkpointId", building_id AS "buildingId", token_id AS "tokenId",
  subject_hmac AS "subjectHmac", display_name AS "displayName", result, checked_in_at AS "checkedInAt"`;

const ISSUE_SQL = `
  WITH own AS (
    INSERT INTO self_declarations (id_hmac, token_id, declared_at, expires_at, result, answers, checkpoint_id)
    SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[], $5::text[], $6::text[], $7::text[])
    ON CONFLICT (id_hmac) DO UPDATE SET token_id = excluded.token_id, declared_at = excluded.declared_at, expires_at = excluded.expires_at,
      result = excluded.result, answers = excluded.answers, checkpoint_id = excluded.checkpoint_id
    RETURNING 1
  ), in_set AS (
    INSERT INTO declarations (building_id, subject_ref, declared_at, expires_at, result)
    SELECT * FROM unnest($8::text[], $9::text[], $10::bigint[], $11::bigint[], $12::text[])
    ON CONFLICT (building_id, subject_ref) DO UPDATE SET declared_at = excluded.declared_at, expires_at = excluded.expires_at, result = excluded.result
    WHERE excluded.declared_at >= declarations.declared_at
    RETURNING building_id
  )
  UPDATE buildings SET data_version = data_version + 1 WHERE building_id IN (SELECT building_id FROM in_set)`;

/** The check-in, its entry key and its entry (see PHONE_CHECKIN_TERMINAL) in one statement. */
const CHECKIN_SQL = `
  WITH c AS (
    INSERT INTO phone_checkins (checkin_id, checkpoint_id, building_id, token_id, subject_hmac, display_name, result, checked_in_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING cursor
  ), k AS (
    INSERT INTO entry_keys (building_id, terminal_id, seq, received_on) SELECT $3, $9, cursor, $10::date FROM c
  ), e AS (
    INSERT INTO entries (building_id, terminal_id, seq, entry_id, checkpoint_id, direction, outcome, reasons, credential_kind, credential_id, subject_hmac,
      display_name, scan_source, wall_time, mono_time, boot_id, event_time, time_source, override_of, received_at, received_on, name_key, host_id)
    SELECT $3, $9, cursor, $1, $2, $11, $12, $13, $14, $4, $5, $6, $15, $8, 0, '', $8, $16, NULL, $8, $10::date, $17, NULL FROM c
  )
  SELECT cursor FROM c`;

export class PostgresSelfDeclarations implements SelfDeclarationStore {
  constructor(
    private readonly pool: Pool,
    /** Creates the day partition of `entries` a check-in's entry goes into (PostgresEntryTable.ensurePartitions). */
    private readonly ensurePartitions: (receivedAt: number) => Promise<void>,
  ) {}

  async issue(batch: readonly DeclarationWrite[]): Promise<void> {
    const writes = lastPerPerson(batch);
    const ds = writes.map((w) => w.declaration);
    // Two people never share a subject ref within a building (it is the HMAC of the ID number), so no row twice.
    const refs = writes.flatMap((w) => w.refs.map((r) => ({ ...r, d: w.declaration })));
    await this.pool.query(ISSUE_SQL, [
      ds.map((d) => d.idHmac), ds.map((d) => d.tokenId), ds.map((d) => d.declaredAt), ds.map((d) => d.expiresAt),
      ds.map((d) => d.result), ds.map((d) => d.answers), ds.map((d) => d.checkpointId),
      refs.map((r) => r.buildingId), refs.map((r) => r.subjectRef), refs.map((r) => r.d.declaredAt), refs.map((r) => r.d.expiresAt), refs.map((r) => r.d.result),
    ]);
  }

  async current(idHmac: string): Promise<SelfDeclaration | undefined> {
    const { rows } = await this.pool.query<SelfDeclaration>(`SELECT ${DECLARATION_COLUMNS} FROM self_declarations WHERE id_hmac = $1`, [idHmac]);
    return rows[0];
  }

  async buildingKeys(): Promise<BuildingKey[]> {
    const { rows } = await this.pool.query<BuildingKey>('SELECT building_id AS "buildingId", subject_key AS "subjectKey" FROM buildings ORDER BY building_id');
    return rows;
  }

  async recordCheckin(c: PhoneCheckin): Promise<number> {
    await this.ensurePartitions(c.checkedInAt);
    const { rows } = await this.pool.query<{ cursor: number }>(CHECKIN_SQL, [
      c.checkinId, c.checkpointId, c.buildingId, c.tokenId, c.subjectHmac, c.displayName, c.result, c.checkedInAt,
      PHONE_CHECKIN_TERMINAL, utcDay(c.checkedInAt), E.direction, c.outcome, c.reason, E.credentialKind, E.scanSource, E.timeSource, nameKey(c.displayName),
    ]);
    return rows[0]!.cursor;
  }

  async checkinsSince(checkpointId: string, after: number, limit: number): Promise<StoredPhoneCheckin[]> {
    const { rows } = await this.pool.query<StoredPhoneCheckin>(
      `SELECT ${CHECKIN_COLUMNS} FROM phone_checkins WHERE checkpoint_id = $1 AND cursor > $2 ORDER BY cursor LIMIT $3`,
      [checkpointId, after, limit],
    );
    return rows;
  }

  /** First polls that arrive together share one statement (10,000 terminals connecting at once). */
  latestCheckinCursor(checkpointId: string): Promise<number> {
    return this.latest.submit(checkpointId);
  }

  private readonly latest = new Batcher(async (checkpointIds: readonly string[]) => {
    const { rows } = await this.pool.query<{ checkpoint_id: string; c: number | null }>(
      'SELECT checkpoint_id, max(cursor) AS c FROM phone_checkins WHERE checkpoint_id = ANY($1) GROUP BY checkpoint_id',
      [[...new Set(checkpointIds)]],
    );
    const byCheckpoint = new Map(rows.map((r) => [r.checkpoint_id, r.c ?? 0]));
    return checkpointIds.map((id) => byCheckpoint.get(id) ?? 0);
  });

  async purge(now: number, cutoff: number): Promise<{ declarations: number; checkins: number }> {
    const declarations = (await this.pool.query('DELETE FROM self_declarations WHERE expires_at <= $1', [now])).rowCount ?? 0;
    const checkins = (await this.pool.query('DELETE FROM phone_checkins WHERE checked_in_at < $1', [cutoff])).rowCount ?? 0;
    return { declarations, checkins };
  }
}
