/** SqlRunner over better-sqlite3 (see ../sql-runner.ts): `@pN` placeholders bound from the parameter array. */
import type Database from 'better-sqlite3';
import type { SqlRunner } from '../sql-runner.js';

export function sqliteSqlRunner(db: Database.Database): SqlRunner {
  return {
    dialect: 'sqlite',
    rows<T>(sql: string, params: readonly unknown[]): Promise<T[]> {
      const named = Object.fromEntries(params.map((v, i) => [`p${i + 1}`, v]));
      const statement = db.prepare(sql);
      if (statement.reader) return Promise.resolve(statement.all(named) as T[]);
      statement.run(named);
      return Promise.resolve([]);
    },
  };
}
