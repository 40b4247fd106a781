/** Admin queries over the hub's entries on SQLite (see ../entry-list.ts). */
import type Database from 'better-sqlite3';
import { ENTRY_LIST_COLUMNS, entryListFilter, reasonsFromColumn, type EntryListQuery, type EntryListRow, type EntryQueries } from '../entry-list.js';

export class SqliteEntryQueries implements EntryQueries {
  constructor(private readonly db: Database.Database) {}

  listEntries(query: EntryListQuery): Promise<EntryListRow[]> {
    const { where, params } = entryListFilter(query, () => '?');
    const rows = this.db
      .prepare(`SELECT ${ENTRY_LIST_COLUMNS} FROM entries WHERE ${where} ORDER BY event_time DESC, receipt_id DESC LIMIT ?`)
      .all(...params) as (Omit<EntryListRow, 'reasons'> & { reasons: string })[];
    return Promise.resolve(rows.map((r) => ({ ...r, reasons: reasonsFromColumn(r.reasons) })));
  }
}
