/**
 * Per-worker PostgreSQL databases (test/support/worker-database.ts): names derived from the base URL, the run and the
 * worker, and created / dropped on the server when GATE_HUB_PG_URL names one.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { it } from 'vitest';
import pg from 'pg';
import { dropRunDatabases, ensureWorkerDatabase, withDatabase, workerDatabaseName } from '../../support/worker-database.js';

const BASE = 'postgres://postgres@127.0.0.1:5432/test';

it('names a database per run and worker after the base database, and swaps it into the URL', () => {
  assert.equal(workerDatabaseName(BASE, '4711', '2'), 'test_4711_w2');
  assert.equal(withDatabase(BASE, 'test_4711_w2'), 'postgres://postgres@127.0.0.1:5432/test_4711_w2');
  assert.throws(() => workerDatabaseName(BASE, 'x; DROP', '1'), /not a usable database name/);
});

it('creates a worker database once and drops every database of the run [postgres]', { skip: Boolean(process.env.GATE_HUB_PG_URL || process.env.CI ? false : 'set GATE_HUB_PG_URL') }, async () => {
  const base = process.env.GATE_HUB_PG_URL!;
  const run = `u${randomBytes(4).toString('hex')}`;
  const url = await ensureWorkerDatabase(base, run, '1');
  assert.equal(await ensureWorkerDatabase(base, run, '1'), url, 'a second call reuses the database');
  await ensureWorkerDatabase(base, run, '2');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  assert.equal((await client.query('SELECT current_database() AS db')).rows[0].db, workerDatabaseName(base, run, '1'));
  await client.end();
  assert.deepEqual((await dropRunDatabases(base, run)).sort(), [workerDatabaseName(base, run, '1'), workerDatabaseName(base, run, '2')]);
  assert.deepEqual(await dropRunDatabases(base, run), []);
});
