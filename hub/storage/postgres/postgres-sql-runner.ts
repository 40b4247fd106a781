/** SqlRunner over a pg pool (see ../sql-runner.ts); bigint columns arrive as numbers (the pool's type parser). */
import type { Pool, QueryResultRow } from 'pg';
import type { SqlRunner } from '../sql-runner.js';

export function postgresSqlRunner(pool: Pool): SqlRunner {
  return {
    dialect: 'postgres',
    async rows<T>(sql: string, params: readonly unknown[]): Promise<T[]> {
      return (await pool.query<QueryResultRow>(sql, params as unknown[])).rows as T[];
    },
  };
}
