/** Admin queries over the hub's entries on PostgreSQL (see ../entry-list.ts). */
import type { Pool } from 'pg';
import { ENTRY_LIST_COLUMNS, entryListFilter, reasonsFromColumn, type EntryListQuery, type EntryListRow, type EntryQueries } from '../entry-list.js';

export class PostgresEntryQueries implements EntryQueries {
  constructor(private readonly pool: Pool) {}

  async listEntries(query: EntryListQuery): Promise<EntryListRow[]> {
    const { where, params } = entryListFilter(query, (i) => `$${i}`);
    const { rows } = await this.pool.query<Omit<EntryListRow, 'reasons'> & { reasons: string }>(
      `SELECT ${ENTRY_LIST_COLUMNS} FROM entries WHERE ${where} ORDER BY event_time DESC, receipt_id DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map((r) => ({ ...r, reasons: reasonsFromColumn(r.reasons) }));
  }
}
