/** SqlRunner over a pg pool (see ../sql-runner.ts); bigint columns arrive as numbers (the pool's type parser). */
import type { Pool, PoolClient, QueryResultRow } from 'pg';
import type { SqlRunner, SqlStatement } from '../sql-runner.js';

/** Runs `work` on one pooled connection between BEGIN and COMMIT; ROLLBACK when it throws. */
export async function pgTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

export function postgresSqlRunner(pool: Pool): SqlRunner {
  return {
    dialect: 'postgres',
    async rows<T>(sql: string, params: readonly unknown[]): Promise<T[]> {
      return (await pool.query<QueryResultRow>(sql, params as unknown[])).rows as T[];
    },
    batch(statements: readonly SqlStatement[]): Promise<unknown[][]> {
      return pgTransaction(pool, async (client) => {
        const answers: unknown[][] = [];
        for (const { sql, params, when } of statements) {
          answers.push(!when || when(answers) ? (await client.query<QueryResultRow>(sql, [...params])).rows : []);
        }
        return answers;
      });
    },
  };
}
