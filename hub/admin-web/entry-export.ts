/**
 * Danh sách as one export table: every entry matching the filters (not only one page), read by keyset in batches,
 * capped at EXPORT_MAX_ROWS so one request stays bounded; reasons as codes and in Vietnamese; times in the hub's zone.
 */
import type { EntryListQuery, EntryQueries } from '../storage/entry-list.js';
import { KIND_NAMES } from './entry-list-page.js';
import type { ExportTable } from './export-files.js';
import type { LocalTime } from './local-time.js';
import { reasonMessage } from './admin-html.js';

export const EXPORT_MAX_ROWS = 100_000;
const BATCH = 5_000;
const OUTCOME_NAMES = { admit: 'Cho vào', deny: 'Từ chối', review: 'Kiểm tra' } as const;

export async function entryExportTable(queries: EntryQueries, query: Omit<EntryListQuery, 'limit' | 'after'>, checkpointName: string, time: LocalTime): Promise<ExportTable> {
  const rows: (string | number)[][] = [];
  let after: EntryListQuery['after'];
  for (;;) {
    const batch = await queries.listEntries({ ...query, ...(after ? { after } : {}), limit: Math.min(BATCH, EXPORT_MAX_ROWS - rows.length) });
    for (const r of batch) {
      rows.push([
        time.dateTime(r.eventTime),
        r.displayName,
        r.direction === 'in' ? 'Vào' : 'Ra',
        OUTCOME_NAMES[r.outcome],
        r.reasons.join(' '),
        r.reasons.map((code) => reasonMessage(code, 'vi')).join(' '),
        KIND_NAMES[r.credentialKind] ?? r.credentialKind,
        r.terminalId,
      ]);
    }
    const last = batch.at(-1);
    if (!last || batch.length < BATCH || rows.length >= EXPORT_MAX_ROWS) break;
    after = { eventTime: last.eventTime, receiptId: last.receiptId };
  }
  return {
    title: `Danh sách ${checkpointName}`,
    columns: ['Thời gian', 'Họ tên', 'Hướng', 'Kết quả', 'Mã lý do', 'Lý do', 'Loại giấy tờ', 'Thiết bị'],
    rows,
  };
}
