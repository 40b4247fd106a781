/**
 * One PostgreSQL database per test worker, so hub test files can run in parallel against the server GATE_HUB_PG_URL
 * names without sharing a database: `<base>_<run>_w<worker>` (e.g. test_81234_w2), created from the base URL's
 * server on first use and dropped when the run ends. Independent of the test runner: the runner's setup code passes
 * the run id and the worker number.
 */
import pg from 'pg';

/** The database name for a worker of a run: lower-case letters, digits and underscores only. */
export function workerDatabaseName(baseUrl: string, runId: string, worker: string): string {
  const base = new URL(baseUrl).pathname.replace(/^\//, '') || 'postgres';
  const name = `${base}_${runId}_w${worker}`.toLowerCase();
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`not a usable database name: ${name}`);
  return name;
}

/** The base URL with its database replaced. */
export function withDatabase(baseUrl: string, database: string): string {
  const url = new URL(baseUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Runs `body` on one fresh client of the server (or database) `baseUrl` names, ended afterwards. */
export async function onServer<T>(baseUrl: string, body: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    return await body(client);
  } finally {
    await client.end();
  }
}

/** Creates the worker's database if it does not exist yet; returns its URL. */
export async function ensureWorkerDatabase(baseUrl: string, runId: string, worker: string): Promise<string> {
  const name = workerDatabaseName(baseUrl, runId, worker);
  await onServer(baseUrl, async (client) => {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount) return;
    try {
      await client.query(`CREATE DATABASE ${name}`);
    } catch (error) {
      if ((error as { code?: string }).code !== '42P04') throw error; // duplicate_database: made meanwhile
    }
  });
  return withDatabase(baseUrl, name);
}

/** Drops every database of a run (connections still open are ended first). Returns the names dropped. */
export async function dropRunDatabases(baseUrl: string, runId: string): Promise<string[]> {
  const prefix = workerDatabaseName(baseUrl, runId, '');
  return onServer(baseUrl, async (client) => {
    const rows = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [prefix]);
    for (const { datname } of rows.rows) await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    return rows.rows.map((r) => r.datname);
  });
}
