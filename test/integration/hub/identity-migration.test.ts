/**
 * A hub upgraded in place to one subject identity (migration 9), on SQLite and PostgreSQL: the declaration page's
 * old data-dir key becomes the deployment's identity key (tokens already issued keep their subject); the current
 * hub declarations enter every building's declaration set under that key's reference; and the phone check-ins stored
 * before become entries exactly once (clear → admit, medical-check → review), with their kind, checkpoint and time.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { it } from 'vitest';
import { DECLARATION_SUBJECT_KEY_FILE } from '../../../hub/declare/declaration-keys.js';
import { startHub } from '../../../hub/hub-app.js';
import { silentHubLogger } from '../../../hub/hub-logger.js';
import { nameKey } from '../../../hub/storage/name-key.js';
import { PostgresHubStore } from '../../../hub/storage/postgres/postgres-hub-store.js';
import { applyPostgresMigrations, POSTGRES_MIGRATIONS } from '../../../hub/storage/postgres/postgres-migrations.js';
import { SqliteHubStore } from '../../../hub/storage/sqlite/sqlite-hub-store.js';
import { applySqliteMigrations, SQLITE_MIGRATIONS } from '../../../hub/storage/sqlite/sqlite-migrations.js';
import type { SqlRunner } from '../../../hub/storage/sql-runner.js';
import { sqliteSqlRunner } from '../../../hub/storage/sqlite/sqlite-sql-runner.js';
import { postgresSqlRunner } from '../../../hub/storage/postgres/postgres-sql-runner.js';
import { describeEachStorage, testHubConfig } from '../../support/hub-fixture.js';
import { tempDir } from '../../support/paths.js';

const AT = Date.parse('2026-12-01T02:00:00Z');
const REF = 'ab'.repeat(16);

/** The rows a hub at migration 8 holds: two buildings, one hub declaration, two phone check-ins. */
const SEED = [
  `INSERT INTO buildings (building_id, name, subject_key) VALUES ('b1', 'Tòa 1', ${'$K'}), ('b2', 'Tòa 2', ${'$K'})`,
  "INSERT INTO checkpoints (checkpoint_id, building_id, name, policy) VALUES ('cp1', 'b1', 'Cổng 1', '{}')",
  `INSERT INTO self_declarations (id_hmac, token_id, declared_at, expires_at, result, answers, checkpoint_id) VALUES ('${REF}', 't1', ${AT}, ${AT + 86_400_000}, 'clear', '{}', 'cp1')`,
  `INSERT INTO phone_checkins (checkin_id, checkpoint_id, building_id, token_id, subject_hmac, display_name, result, checked_in_at) VALUES
     ('c1', 'cp1', 'b1', 't1', 'h1', 'Nguyễn Thị Ánh', 'clear', ${AT}), ('c2', 'cp1', 'b1', 't2', 'h2', 'Lê Văn Bình', 'medical-check', ${AT + 60_000})`,
];

async function checkMigrated(sql: SqlRunner): Promise<void> {
  const entries = await sql.rows<Record<string, unknown>>(
    "SELECT terminal_id, entry_id, checkpoint_id, direction, outcome, reasons, credential_kind, subject_hmac, name_key, event_time FROM entries ORDER BY event_time",
    [],
  );
  assert.deepEqual(entries.map((e) => ({ ...e, event_time: Number(e.event_time) })), [
    { terminal_id: 'phone-checkin', entry_id: 'c1', checkpoint_id: 'cp1', direction: 'in', outcome: 'admit', reasons: 'DECLARATION_VALID', credential_kind: 'phone-checkin', subject_hmac: 'h1', name_key: nameKey('Nguyễn Thị Ánh'), event_time: AT },
    { terminal_id: 'phone-checkin', entry_id: 'c2', checkpoint_id: 'cp1', direction: 'in', outcome: 'review', reasons: 'DECLARATION_NEEDS_MEDICAL_CHECK', credential_kind: 'phone-checkin', subject_hmac: 'h2', name_key: nameKey('Lê Văn Bình'), event_time: AT + 60_000 },
  ]);
  const set = await sql.rows<{ building_id: string; subject_ref: string }>('SELECT building_id, subject_ref FROM declarations ORDER BY building_id', []);
  assert.deepEqual(set.map((r) => [r.building_id, r.subject_ref]), [['b1', REF], ['b2', REF]], 'the hub declaration is in every building set under one reference');
  const versions = await sql.rows<{ data_version: number }>('SELECT data_version FROM buildings ORDER BY building_id', []);
  assert.deepEqual(versions.map((v) => Number(v.data_version)), [2, 2], 'terminals pull the new sets');
}

describeEachStorage('migration 9: one subject identity over an existing hub', (kind) => {
  it('re-keys hub declarations, turns stored phone check-ins into entries and imports the old declaration key', async () => {
    const dataDir = tempDir('identity-migration');
    const schema = `hubtest_${randomBytes(6).toString('hex')}`;
    const config = testHubConfig(kind, dataDir, schema);
    const key = randomBytes(32);
    if (kind === 'sqlite') {
      const store = new SqliteHubStore(`${dataDir}/hub.sqlite`);
      applySqliteMigrations(store.db, SQLITE_MIGRATIONS.filter((m) => m.version < 9));
      for (const statement of SEED) store.db.prepare(statement.replaceAll('$K', '?')).run(...(statement.includes('$K') ? [key, key] : []));
      await store.migrate();
      await checkMigrated(sqliteSqlRunner(store.db));
      await store.close();
    } else {
      const store = new PostgresHubStore({ url: process.env.GATE_HUB_PG_URL!, schema });
      const client = await store.pool.connect();
      try {
        await client.query(`CREATE SCHEMA ${schema}`);
        await applyPostgresMigrations(client, POSTGRES_MIGRATIONS.filter((m) => m.version < 9));
        for (const statement of SEED) await client.query(statement.replaceAll('$K', '$1'), statement.includes('$K') ? [key] : []);
      } finally {
        client.release();
      }
      await store.migrate();
      await checkMigrated(postgresSqlRunner(store.pool));
      await store.close();
    }

    const oldKey = randomBytes(32);
    writeFileSync(`${dataDir}/${DECLARATION_SUBJECT_KEY_FILE}`, oldKey.toString('base64') + '\n', { mode: 0o600 }); // a secret: the hub refuses it readable by others
    const hub = await startHub(config, { logger: silentHubLogger });
    try {
      assert.deepEqual(await hub.store.secrets.identityKey(), oldKey, 'the old declaration key is the identity key');
      assert.deepEqual(await hub.store.secrets.ensureIdentityKey(randomBytes(32), 0), oldKey, 'never replaced by a later candidate');
    } finally {
      await hub.close();
      if (kind === 'postgres') {
        const drop = new PostgresHubStore({ url: process.env.GATE_HUB_PG_URL! });
        await drop.pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).finally(() => drop.close());
      }
    }
  });
});
