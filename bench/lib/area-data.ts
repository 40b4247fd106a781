/**
 * Synthetic province for the area-tracing bench: 1,000 organisations (one building and checkpoint each) in 10
 * districts of one province, 10,000 entries per building over 14 days (10,000,000 in all) generated inside
 * PostgreSQL with generate_series — in/out pairs of 3,000 regulars per building, 07:00–18:00, stays of 5–240 min —
 * loaded 100 buildings per statement with the entries indexes dropped, then the migrations' indexes built again and
 * ANALYZE. Background subjects are md5 stand-ins; the traced people get real subject HMACs (each building's key, as
 * a terminal stores them): each visited 20 random buildings, so a query must find them across the whole province.
 */
import { randomBytes } from 'node:crypto';
import { entrySubjectHmacOf } from '../../hub/crypto/hub-crypto.js';
import type { PostgresHubStore } from '../../hub/storage/postgres/postgres-hub-store.js';
import { seededRandom } from '../../test/support/seeded-random.js';

export const AREA = 'bench-tinh';
export const AREA_DAYS = 14;
const DAY_MS = 86_400_000;
/** The indexes of `entries` (migrations 1, 4 and 5), rebuilt after the load. */
const ENTRY_INDEXES: readonly [string, string][] = [
  ['entries_relay', "(building_id, receipt_id) WHERE outcome = 'admit' AND subject_hmac IS NOT NULL"],
  ['entries_by_terminal', '(building_id, terminal_id, seq)'],
  ['entries_by_event_time', '(event_time)'],
  ['entries_by_checkpoint_time', '(checkpoint_id, event_time, receipt_id)'],
  ['entries_by_subject_time', '(subject_hmac, event_time) WHERE subject_hmac IS NOT NULL'],
];

export interface AreaRegister {
  readonly buildings: number;
  readonly entries: number;
  readonly tracedIdNumbers: readonly string[];
  readonly loadSeconds: number;
}

export async function loadArea(store: PostgresHubStore, buildings: number, entriesPerBuilding: number, firstDay: number, traced: number, log: (line: string) => void): Promise<AreaRegister> {
  const started = Date.now();
  const pool = store.pool;
  const keys: Buffer[] = [];
  for (let b = 0; b < buildings; b++) {
    await store.registry.upsertOrganisation({ organisationId: `area-org-${b}`, name: `Tổ chức ${b}`, area: `${AREA}/quan-${b % 10}` });
    const key = randomBytes(32);
    keys.push(key);
    await store.buildings.upsertBuilding({ buildingId: `area-${b}`, name: `Tòa nhà ${b}` }, key);
    await store.registry.placeBuilding(`area-${b}`, { organisationId: `area-org-${b}`, address: '' });
    await store.buildings.upsertCheckpoint({ checkpointId: `area-cp-${b}`, buildingId: `area-${b}`, name: `Cổng ${b}`, policy: {} });
  }
  for (let d = -1; d <= AREA_DAYS + 1; d++) {
    const day = new Date(firstDay + d * DAY_MS).toISOString().slice(0, 10);
    const next = new Date(firstDay + (d + 1) * DAY_MS).toISOString().slice(0, 10);
    await pool.query(`CREATE TABLE IF NOT EXISTS entries_p${day.replace(/-/g, '')} PARTITION OF entries FOR VALUES FROM ('${day}') TO ('${next}')`);
  }
  for (const [name] of ENTRY_INDEXES) await pool.query(`DROP INDEX IF EXISTS ${name}`);
  const chunk = 100;
  for (let from = 0; from < buildings; from += chunk) {
    // s odd: the "in" of visit v = (s + 1) / 2; s even: its "out". Times are integer arithmetic on (b, v).
    await pool.query(
      `INSERT INTO entries (building_id, terminal_id, seq, entry_id, checkpoint_id, direction, outcome, reasons, credential_kind, subject_hmac, display_name,
         name_key, scan_source, wall_time, mono_time, boot_id, event_time, time_source, received_at, received_on)
       SELECT 'area-' || b, 'area-t-' || b, s, 'area-t-' || b || '-' || s, 'area-cp-' || b, CASE WHEN s % 2 = 1 THEN 'in' ELSE 'out' END, 'admit',
         'DECLARATION_VALID', 'declaration', md5('p' || b || ':' || (v % 3000)), 'Người ' || (v % 3000), 'nguoi ' || (v % 3000), 'camera', t, 0, 'boot', t,
         'hub-anchor', t + 2000, (to_timestamp((t + 2000) / 1000.0) AT TIME ZONE 'UTC')::date
       FROM generate_series($1::int, $2::int) AS b, generate_series(1, $3::int) AS s,
         LATERAL (SELECT (s + 1) / 2 AS v) AS visit,
         LATERAL (SELECT $4::bigint + (v % ${AREA_DAYS}) * ${DAY_MS}::bigint + (420 + (v * 37 + b * 13) % 660) * 60000::bigint
           + CASE WHEN s % 2 = 0 THEN (5 + (v * 53 + b) % 235) * 60000::bigint ELSE 0 END AS t) AS times`,
      [from, Math.min(from + chunk, buildings) - 1, entriesPerBuilding, firstDay],
    );
    log(`  loaded buildings ${from}–${Math.min(from + chunk, buildings) - 1} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
  const identityKey = await store.secrets.ensureIdentityKey(randomBytes(32), Date.now());
  const random = seededRandom(17);
  const tracedIdNumbers = Array.from({ length: traced }, (_, i) => `0791900${String(i).padStart(5, '0')}`);
  const rows: unknown[][] = Array.from({ length: 8 }, () => []);
  tracedIdNumbers.forEach((idNumber, i) => {
    for (let k = 0; k < 20; k++) {
      const b = Math.floor(random() * buildings);
      const enteredAt = firstDay + Math.floor(random() * AREA_DAYS) * DAY_MS + Math.round((7 + random() * 10) * 3_600_000);
      for (const [direction, at] of [['in', enteredAt], ['out', enteredAt + Math.round((30 + random() * 90) * 60_000)]] as const) {
        const seq = 1_000_000 + i * 100 + k * 2 + (direction === 'out' ? 1 : 0);
        [`area-${b}`, `area-t-${b}`, seq, `area-cp-${b}`, direction, entrySubjectHmacOf(identityKey, keys[b]!, idNumber), at, new Date(at + 2000).toISOString().slice(0, 10)].forEach((v, c) => rows[c]!.push(v));
      }
    }
  });
  await pool.query(
    `INSERT INTO entries (building_id, terminal_id, seq, entry_id, checkpoint_id, direction, outcome, reasons, credential_kind, subject_hmac, display_name,
       name_key, scan_source, wall_time, mono_time, boot_id, event_time, time_source, received_at, received_on)
     SELECT b, t, s, t || '-' || s, c, d, 'admit', 'DECLARATION_VALID', 'declaration', h, 'Người được truy vết', 'nguoi duoc truy vet', 'camera', e, 0, 'boot', e, 'hub-anchor', e + 2000, r
     FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::date[]) AS x(b, t, s, c, d, h, e, r)`,
    rows,
  );
  for (const [name, definition] of ENTRY_INDEXES) {
    await pool.query(`CREATE INDEX ${name} ON entries ${definition}`);
    log(`  index ${name} built (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
  await pool.query('ANALYZE entries');
  const total = Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM entries')).rows[0]!.n);
  return { buildings, entries: total, tracedIdNumbers, loadSeconds: (Date.now() - started) / 1000 };
}
