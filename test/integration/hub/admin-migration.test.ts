/**
 * Migration 5 over a register that already holds entries (a hub upgraded in place), on SQLite and PostgreSQL: the
 * name key is backfilled with the same key new rows get at ingest (so old entries are found by a name typed without
 * diacritics), and the tracing audit table arrives empty and append-only.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { it } from 'vitest';
import pg from 'pg';
import { nameKey } from '../../../hub/storage/name-key.js';
import { PostgresHubStore } from '../../../hub/storage/postgres/postgres-hub-store.js';
import { applyPostgresMigrations, POSTGRES_MIGRATIONS } from '../../../hub/storage/postgres/postgres-migrations.js';
import { SqliteHubStore } from '../../../hub/storage/sqlite/sqlite-hub-store.js';
import { applySqliteMigrations, SQLITE_MIGRATIONS } from '../../../hub/storage/sqlite/sqlite-migrations.js';
import { PG_HINT, PG_URL } from '../../support/hub-fixture.js';
import { tempDir } from '../../support/paths.js';

/** Both storages share their migration numbers; the store migrates to the last one. */
const LATEST = SQLITE_MIGRATIONS.at(-1)!.version;
assert.equal(POSTGRES_MIGRATIONS.at(-1)!.version, LATEST);

const NAMES = ['Nguyễn Thị Ánh', 'ĐẶNG  Văn Đức', 'Phạm Ngọc Ẩn'];
const COLUMNS = `building_id, terminal_id, seq, entry_id, checkpoint_id, direction, outcome, reasons, credential_kind, display_name, scan_source,
  wall_time, mono_time, boot_id, event_time, time_source, received_at`;
/** The row of entry `seq` with its display name as the placeholder `name` (columns up to received_at). */
const values = (seq: number, name: string) => `('b', 't', ${seq}, 'e${seq}', 'cp', 'in', 'admit', '', 'declaration', ${name}, 'camera', 0, 0, 'x', 0, 'wall', 0`;

it('migration 5 backfills name keys of existing entries [sqlite]', async () => {
  const store = new SqliteHubStore(`${tempDir('hub-migration')}/hub.sqlite`);
  try {
    applySqliteMigrations(store.db, SQLITE_MIGRATIONS.filter((m) => m.version < 5));
    NAMES.forEach((name, i) => store.db.prepare(`INSERT INTO entries (${COLUMNS}) VALUES ${values(i + 1, '?')})`).run(name));
    assert.equal(await store.migrate(), LATEST, 'migrated to the latest version');
    const keys = store.db.prepare('SELECT name_key FROM entries ORDER BY seq').pluck().all();
    assert.deepEqual(keys, NAMES.map(nameKey));
  } finally {
    await store.close();
  }
});

it('migration 5 backfills name keys of existing entries [postgres]', { skip: Boolean(PG_URL || process.env.CI ? false : `not run: ${PG_HINT}`) }, async () => {
  if (!PG_URL && process.env.CI) assert.fail(PG_HINT);
  const schema = `hubtest_${randomBytes(6).toString('hex')}`;
  const store = new PostgresHubStore({ url: PG_URL!, schema });
  try {
    const client = await store.pool.connect();
    try {
      await client.query(`CREATE SCHEMA ${schema}`);
      await applyPostgresMigrations(client, POSTGRES_MIGRATIONS.filter((m) => m.version < 5));
      await client.query("CREATE TABLE entries_p19700101 PARTITION OF entries FOR VALUES FROM ('1970-01-01') TO ('1970-01-02')");
      for (const [i, name] of NAMES.entries()) {
        await client.query(`INSERT INTO entries (${COLUMNS}, received_on) VALUES ${values(i + 1, '$1')}, '1970-01-01')`, [name]);
      }
    } finally {
      client.release();
    }
    assert.equal(await store.migrate(), LATEST, 'migrated to the latest version');
    const { rows } = await store.pool.query<{ name_key: string }>('SELECT name_key FROM entries ORDER BY seq');
    assert.deepEqual(rows.map((r) => r.name_key), NAMES.map(nameKey));
    assert.equal((await store.tracingAudit.forOrganisation('x', 10)).length, 0);
  } finally {
    await store.close();
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  }
});
