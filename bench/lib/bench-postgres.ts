/**
 * A fresh PostgreSQL schema for a bench, on the server GATE_HUB_PG_URL names: the bench stops with a clear message
 * without it, and `drop` removes the schema (call it in `finally`). `benchPostgresStore` also opens a migrated
 * PostgresHubStore on it; url and schema are there for a hub config on the same data.
 */
import { randomBytes } from 'node:crypto';
import { PostgresHubStore } from '../../hub/storage/postgres/postgres-hub-store.js';
import { onServer } from '../../test/support/worker-database.js';

export interface BenchPostgresSchema {
  readonly url: string;
  readonly schema: string;
  /** Drops the schema with everything in it. */
  drop(): Promise<void>;
}

export interface BenchPostgresStore extends BenchPostgresSchema {
  readonly store: PostgresHubStore;
}

/** `name`: the bench, for the message when GATE_HUB_PG_URL is missing; `prefix`: of the schema's random name. */
export function benchPostgresSchema(name: string, prefix: string): BenchPostgresSchema {
  const url = process.env.GATE_HUB_PG_URL;
  if (!url) throw new Error(`bench ${name} needs PostgreSQL: set GATE_HUB_PG_URL=postgres://postgres@127.0.0.1:5432/test`);
  const schema = `${prefix}_${randomBytes(4).toString('hex')}`;
  return {
    url,
    schema,
    async drop() {
      // The backends of a hub killed a moment ago may still be finishing a write: DROP SCHEMA, locking table after
      // table, can then deadlock with one of them (40P01), and PostgreSQL picks one side to fail. Try again.
      for (let attempt = 1; ; attempt++) {
        try {
          await onServer(url, (client) => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
          return;
        } catch (error) {
          if ((error as { code?: string }).code !== '40P01' || attempt === 5) throw error;
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
      }
    },
  };
}

/** The schema with a migrated store on it; `drop` closes the store first. A failed migration drops at once. */
export async function benchPostgresStore(name: string, prefix: string, poolSize = 4): Promise<BenchPostgresStore> {
  const { url, schema, drop } = benchPostgresSchema(name, prefix);
  const store = new PostgresHubStore({ url, schema, poolSize });
  const closeAndDrop = async () => {
    try {
      await store.close();
    } finally {
      await drop();
    }
  };
  try {
    await store.migrate();
  } catch (error) {
    await closeAndDrop();
    throw error;
  }
  return { store, url, schema, drop: closeAndDrop };
}
