/**
 * The deployment's EU DCC value sets (ehn-dcc-valuesets, the DGC gateway's download): one row per set, its codes only,
 * imported from a folder (hub/service/dcc-value-set-import.ts read and checked every file first) or seeded from the
 * vendored release at first start, and distributed in every bundle. Like the DCC trust list, the sets are the
 * deployment's: a change bumps the data version of every building in the same transaction, so each terminal uses the
 * new sets from its next sync. One SQL text for SQLite and PostgreSQL (SqlRunner).
 */
import { dccValueSetsVersion, type DccValueSetCodes } from '../../core/index.js';
import { SqlParams, type SqlRunner, type SqlStatement } from './sql-runner.js';

export interface StoredDccValueSet extends DccValueSetCodes {
  readonly importedAt: number;
}

export interface DccValueSetChanges {
  readonly added: number;
  /** Already stored, now with another date or other codes. */
  readonly updated: number;
  readonly unchanged: number;
  /** The version of every stored set after the change (`id@date`, sorted). */
  readonly version: string;
}

const BUMP_ALL = 'UPDATE buildings SET data_version = data_version + 1';

interface Row {
  id: string;
  date: string;
  codes: string;
  importedAt: number | string;
}

export class DccValueSetStore {
  constructor(private readonly sql: SqlRunner) {}

  /** Every stored set, by id. */
  async list(): Promise<StoredDccValueSet[]> {
    const rows = await this.sql.rows<Row>(
      'SELECT value_set_id AS id, value_set_date AS date, codes, imported_at AS "importedAt" FROM dcc_value_sets ORDER BY value_set_id',
      [],
    );
    return rows.map((r) => ({ id: r.id, date: r.date, codes: JSON.parse(r.codes) as string[], importedAt: Number(r.importedAt) }));
  }

  /**
   * Stores the sets, each replacing the stored set of its id (sets not given stay), all in one transaction with the
   * version bump — all or nothing. A set given twice keeps the last.
   */
  async put(sets: readonly DccValueSetCodes[], now: number): Promise<DccValueSetChanges> {
    const stored = new Map((await this.list()).map((s) => [s.id, s]));
    const given = [...new Map(sets.map((s) => [s.id, { ...s, codes: [...new Set(s.codes)].sort() }])).values()];
    const statements: SqlStatement[] = [];
    let added = 0;
    let updated = 0;
    for (const set of given) {
      const known = stored.get(set.id);
      if (known && known.date === set.date && sameCodes(known.codes, set.codes)) continue;
      if (known) updated++;
      else added++;
      const p = new SqlParams(this.sql.dialect);
      statements.push({
        sql: `INSERT INTO dcc_value_sets (value_set_id, value_set_date, codes, imported_at) VALUES (${p.add(set.id)}, ${p.add(set.date)}, ${p.add(JSON.stringify(set.codes))}, ${p.add(now)})
              ON CONFLICT (value_set_id) DO UPDATE SET value_set_date = excluded.value_set_date, codes = excluded.codes, imported_at = excluded.imported_at`,
        params: p.values,
      });
      stored.set(set.id, { ...set, importedAt: now });
    }
    if (statements.length > 0) await this.sql.batch([...statements, { sql: BUMP_ALL, params: [] }]);
    return { added, updated, unchanged: given.length - added - updated, version: dccValueSetsVersion([...stored.values()]) };
  }

  /**
   * Stores the sets only if none is stored yet (first start: the vendored release). Two hub replicas starting at once
   * may both write the same sets: the result is the same.
   */
  async seedIfEmpty(sets: readonly DccValueSetCodes[], now: number): Promise<DccValueSetChanges | undefined> {
    const rows = await this.sql.rows<{ n: number | string }>('SELECT count(*) AS n FROM dcc_value_sets', []);
    if (Number(rows[0]!.n) > 0) return undefined;
    return this.put(sets, now);
  }
}

function sameCodes(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((code, i) => code === b[i]);
}
