/** SqlRunner over better-sqlite3 (see ../sql-runner.ts): `@pN` placeholders bound from the parameter array. */
import type Database from 'better-sqlite3';
import type { SqlRunner, SqlStatement } from '../sql-runner.js';

export function sqliteSqlRunner(db: Database.Database): SqlRunner {
  const run = ({ sql, params }: SqlStatement): unknown[] => {
    const named = Object.fromEntries(params.map((v, i) => [`p${i + 1}`, v]));
    const statement = db.prepare(sql);
    if (statement.reader) return statement.all(named);
    statement.run(named);
    return [];
  };
  return {
    dialect: 'sqlite',
    rows<T>(sql: string, params: readonly unknown[]): Promise<T[]> {
      return Promise.resolve(run({ sql, params }) as T[]);
    },
    batch(statements: readonly SqlStatement[]): Promise<unknown[][]> {
      const all = db.transaction(() => {
        const answers: unknown[][] = [];
        for (const s of statements) answers.push(!s.when || s.when(answers) ? run(s) : []);
        return answers;
      });
      return Promise.resolve(all());
    },
  };
}
