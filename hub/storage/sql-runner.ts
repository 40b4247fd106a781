/**
 * One SQL text for both storages: the admin analytics and the tracing audit are written once, with placeholders from
 * `SqlParams`, and run through a `SqlRunner` (better-sqlite3 with named `@pN` parameters, or pg with `$N`). Only
 * standard SQL both engines read alike goes through here (window functions, RETURNING, integer division of integers).
 */
export interface SqlRunner {
  readonly dialect: 'sqlite' | 'postgres';
  rows<T>(sql: string, params: readonly unknown[]): Promise<T[]>;
}

/** Collects parameter values and hands out the placeholder for each, in the runner's dialect. */
export class SqlParams {
  readonly values: unknown[] = [];

  constructor(private readonly dialect: SqlRunner['dialect']) {}

  add(value: unknown): string {
    this.values.push(value);
    return this.dialect === 'sqlite' ? `@p${this.values.length}` : `$${this.values.length}`;
  }

  /** `(p1, p2, …)` for an IN list; never empty (an empty list matches nothing). */
  list(values: readonly unknown[]): string {
    return values.length === 0 ? '(NULL)' : `(${values.map((v) => this.add(v)).join(', ')})`;
  }
}
