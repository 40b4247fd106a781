/**
 * Synthetic register for the admin bench: 5 buildings × 10 checkpoints (1 door + 9 departments), 100,000 people
 * (20,000 per building), 1,000,000 entries over 28 days. Each visit is an admitted "in" and, mostly, an "out"
 * 5 minutes to 4 hours later at the same checkpoint, during office hours; about 2% of scans are denials. Subject
 * HMACs are the real ones (entrySubjectHmacOf under each building's key), so tracing by ID number works as on the
 * admin page. Loaded with multi-row INSERTs (unnest of arrays, 20,000 rows per statement) into day partitions.
 */
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { entrySubjectHmacOf } from '../../hub/crypto/hub-crypto.js';
import { nameKey } from '../../hub/storage/name-key.js';
import type { PostgresHubStore } from '../../hub/storage/postgres/postgres-hub-store.js';
import { seededRandom } from '../../test/support/seeded-random.js';

export const BUILDINGS = 5;
export const CHECKPOINTS_PER_BUILDING = 10;
export const PEOPLE_PER_BUILDING = 20_000;
export const DAYS = 28;
const DAY_MS = 86_400_000;
const INSERT_ROWS = 20_000;

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const MIDDLE = ['Văn', 'Thị', 'Minh', 'Đức', 'Thu', 'Ngọc', 'Gia', 'Hải', 'Quốc', 'Thanh'];
const GIVEN = ['Anh', 'Bình', 'Cường', 'Dũng', 'Giang', 'Hà', 'Hương', 'Khánh', 'Lan', 'Long', 'Mai', 'Nam', 'Phúc', 'Quân', 'Sơn', 'Thảo', 'Trang', 'Tuấn', 'Vy', 'Yến'];

export interface BenchSite {
  readonly buildingId: string;
  readonly subjectKey: Buffer;
  /** The deployment's identity key (the same for every site). */
  readonly identityKey: Buffer;
  readonly checkpointIds: readonly string[];
}

export interface LoadedRegister {
  readonly sites: readonly BenchSite[];
  readonly entries: number;
  /** Vietnam midnight of the first day. */
  readonly firstDay: number;
  /** ID numbers of people with at least one visit, for tracing samples. */
  readonly idNumberOf: (building: number, person: number) => string;
  /** Some visits, as (building, person, checkpoint, time of entry): person-search samples that find rows. */
  readonly visits: readonly { readonly building: number; readonly person: number; readonly checkpointId: string; readonly at: number }[];
}

export async function createSites(store: PostgresHubStore): Promise<BenchSite[]> {
  await store.registry.upsertOrganisation({ organisationId: 'bench-org', name: 'Tổ chức đo' });
  const sites: BenchSite[] = [];
  const identityKey = await store.secrets.ensureIdentityKey(randomBytes(32), Date.now());
  for (let b = 0; b < BUILDINGS; b++) {
    const buildingId = `toa-${b}`;
    await store.buildings.upsertBuilding({ buildingId, name: `Tòa nhà ${b}` }, randomBytes(32));
    await store.registry.placeBuilding(buildingId, { organisationId: 'bench-org', address: 'Hà Nội' });
    const checkpointIds = Array.from({ length: CHECKPOINTS_PER_BUILDING }, (_, c) => `toa-${b}-${c === 0 ? 'cong' : `bp-${c}`}`);
    for (const [c, checkpointId] of checkpointIds.entries()) {
      await store.buildings.upsertCheckpoint({ checkpointId, buildingId, name: c === 0 ? `Cổng tòa ${b}` : `Bộ phận ${c}`, policy: {} });
      await store.registry.describeCheckpoint(checkpointId, { kind: c === 0 ? 'building-door' : 'department', address: '', directions: ['in', 'out'] });
    }
    sites.push({ buildingId, subjectKey: (await store.buildings.building(buildingId))!.subjectKey, identityKey, checkpointIds });
  }
  return sites;
}

const COLUMNS = ['building_id', 'terminal_id', 'seq', 'entry_id', 'checkpoint_id', 'direction', 'outcome', 'reasons', 'credential_kind', 'subject_hmac', 'display_name',
  'name_key', 'scan_source', 'wall_time', 'mono_time', 'boot_id', 'event_time', 'time_source', 'received_at', 'received_on'] as const;
const TYPES = ['text', 'text', 'bigint', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'bigint', 'bigint', 'text', 'bigint', 'text', 'bigint', 'date'];

export async function loadRegister(pool: pg.Pool, sites: readonly BenchSite[], totalEntries: number, firstDay: number, seed = 8): Promise<LoadedRegister> {
  const random = seededRandom(seed);
  const idNumberOf = (building: number, person: number) => `0${building}${String(person).padStart(10, '0')}`;
  const people = sites.map((site, b) => Array.from({ length: PEOPLE_PER_BUILDING }, (_, p) => ({
    hmac: entrySubjectHmacOf(site.identityKey, site.subjectKey, idNumberOf(b, p)),
    name: `${FAMILY[p % FAMILY.length]} ${MIDDLE[(p >> 4) % MIDDLE.length]} ${GIVEN[(p >> 2) % GIVEN.length]}`,
  })));
  for (let d = -1; d <= DAYS + 1; d++) {
    const day = new Date(firstDay + d * DAY_MS).toISOString().slice(0, 10);
    const next = new Date(firstDay + (d + 1) * DAY_MS).toISOString().slice(0, 10);
    await pool.query(`CREATE TABLE IF NOT EXISTS entries_p${day.replace(/-/g, '')} PARTITION OF entries FOR VALUES FROM ('${day}') TO ('${next}')`);
  }
  const seqs = new Map<string, number>();
  const visits: { building: number; person: number; checkpointId: string; at: number }[] = [];
  let rows: unknown[][] = COLUMNS.map(() => []);
  let entries = 0;
  const flush = async () => {
    if (rows[0]!.length === 0) return;
    await pool.query(`INSERT INTO entries (${COLUMNS.join(', ')}) SELECT * FROM unnest(${TYPES.map((t, i) => `$${i + 1}::${t}[]`).join(', ')})`, rows);
    rows = COLUMNS.map(() => []);
  };
  const push = async (b: number, checkpointId: string, person: { hmac: string; name: string }, direction: string, outcome: string, at: number, phone = false) => {
    // Phone check-ins are the hub's own entries (hub/storage/self-declarations.ts PHONE_CHECKIN_TERMINAL): one pseudo terminal.
    const terminalId = phone ? 'phone-checkin' : `${checkpointId}-t`;
    const seq = (seqs.get(terminalId) ?? 0) + 1;
    seqs.set(terminalId, seq);
    const receivedAt = phone ? at : at + 2_000;
    const values = [sites[b]!.buildingId, terminalId, seq, `${terminalId}-${seq}`, checkpointId, direction, outcome, outcome === 'admit' ? 'DECLARATION_VALID' : 'TOKEN_EXPIRED',
      phone ? 'phone-checkin' : 'declaration', person.hmac, person.name, nameKey(person.name), phone ? 'phone' : 'camera', at, 0, phone ? '' : 'boot', at,
      phone ? 'hub' : 'hub-anchor', receivedAt, new Date(receivedAt).toISOString().slice(0, 10)];
    values.forEach((v, i) => rows[i]!.push(v));
    entries++;
    if (rows[0]!.length >= INSERT_ROWS) await flush();
  };
  while (entries < totalEntries) {
    const b = Math.floor(random() * BUILDINGS);
    const p = Math.floor(random() * PEOPLE_PER_BUILDING);
    const person = people[b]![p]!;
    // Half the visits are at the building door, the rest spread over the departments.
    const checkpointId = sites[b]!.checkpointIds[random() < 0.5 ? 0 : 1 + Math.floor(random() * (CHECKPOINTS_PER_BUILDING - 1))]!;
    const enteredAt = firstDay + Math.floor(random() * DAYS) * DAY_MS + (7 + random() * 11) * 3_600_000;
    if (random() < 0.02) {
      await push(b, checkpointId, person, 'in', 'deny', Math.round(enteredAt));
      continue;
    }
    if (visits.length < 1_000) visits.push({ building: b, person: p, checkpointId, at: Math.round(enteredAt) });
    // One visit in ten starts with a phone check-in at the poster instead of a scan.
    await push(b, checkpointId, person, 'in', 'admit', Math.round(enteredAt), random() < 0.1);
    if (random() < 0.9) await push(b, checkpointId, person, 'out', 'admit', Math.round(enteredAt + (5 + random() * 235) * 60_000));
  }
  await flush();
  await pool.query('ANALYZE entries');
  return { sites, entries, firstDay, idNumberOf, visits };
}
