/**
 * One SQL text for both storages: the admin analytics and the tracing audit are written once, with placeholders from
 * `SqlParams`, and run through a `SqlRunner` (better-sqlite3 with named `@pN` parameters, or pg with `$N`). Only
 * standard SQL both engines read alike goes through here (window functions, RETURNING, integer division of integers).
 */
export interface SqlRunner {
  readonly dialect: 'sqlite' | 'postgres';
  rows<T>(sql: string, params: readonly unknown[]): Promise<T[]>;
  /**
   * Runs the statements in order in one transaction, all or none, and answers each one's rows. A fixed list, not a
   * callback: on SQLite the transaction runs synchronously, so no other request's statement lands inside it.
   */
  batch(statements: readonly SqlStatement[]): Promise<unknown[][]>;
}

export interface SqlStatement {
  readonly sql: string;
  readonly params: readonly unknown[];
  /**
   * When given, the statement runs only if this answers true for the answers of the statements before it (a skipped
   * one answers no rows). Synchronous, so a SQLite transaction stays synchronous.
   */
  readonly when?: (answers: readonly unknown[][]) => boolean;
}

/** Collects parameter values and hands out the placeholder for each, in the runner's dialect. */
export class SqlParams {
  readonly values: unknown[] = [];

  constructor(readonly dialect: SqlRunner['dialect']) {}

  add(value: unknown): string {
    this.values.push(value);
    return this.dialect === 'sqlite' ? `@p${this.values.length}` : `$${this.values.length}`;
  }

  /**
   * `column IN (p1, p2, …)` on SQLite, `column = ANY($n)` on PostgreSQL: one array parameter, so a list of a thousand
   * values (an area's checkpoints) does not cost a thousand parameters to plan on every partition. Empty matches nothing.
   */
  inList(column: string, values: readonly unknown[]): string {
    return this.dialect === 'postgres' ? `${column} = ANY(${this.add([...values])})` : `${column} IN ${this.list(values)}`;
  }

  /** `(p1, p2, …)` for an IN list; never empty (an empty list matches nothing). */
  list(values: readonly unknown[]): string {
    return values.length === 0 ? '(NULL)' : `(${values.map((v) => this.add(v)).join(', ')})`;
  }
}
