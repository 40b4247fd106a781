/**
 * Exports of admin tables: CSV as UTF-8 with a byte-order mark (so Excel opens Vietnamese text correctly), CRLF,
 * RFC 4180 quoting; and XLSX (write-excel-file), one sheet per table. Text cells that a spreadsheet would read as a
 * formula (=, +, -, @ first) get a leading apostrophe in CSV, so a crafted display name cannot run as one.
 */
import writeXlsxFile from 'write-excel-file/node';

export type ExportCell = string | number | null;

export interface ExportTable {
  /** Sheet name (XLSX) and caption line (CSV, when several tables share a file). */
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly ExportCell[])[];
}

const BOM = '\uFEFF';

function csvCell(cell: ExportCell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  const text = /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvOf(tables: readonly ExportTable[]): Buffer {
  const lines: string[] = [];
  for (const [i, t] of tables.entries()) {
    if (tables.length > 1) {
      if (i > 0) lines.push('');
      lines.push(csvCell(t.title));
    }
    lines.push(t.columns.map(csvCell).join(','), ...t.rows.map((r) => r.map(csvCell).join(',')));
  }
  return Buffer.from(BOM + lines.join('\r\n') + '\r\n', 'utf8');
}

/** Sheet names: at most 31 characters, none of []:*?/\ (Excel's rules). */
function sheetName(title: string, used: Set<string>): string {
  const base = title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 28) || 'Sheet';
  let name = base;
  for (let n = 2; used.has(name); n++) name = `${base} ${n}`;
  used.add(name);
  return name;
}

export async function xlsxOf(tables: readonly ExportTable[]): Promise<Buffer> {
  const used = new Set<string>();
  const sheets = tables.map((t) => ({
    sheet: sheetName(t.title, used),
    stickyRowsCount: 1,
    columns: t.columns.map((c) => ({ width: Math.max(10, Math.min(40, c.length + 4)) })),
    data: [t.columns.map((c) => ({ value: c, fontWeight: 'bold' as const })), ...t.rows.map((r) => r.map((cell) => (cell === null ? null : cell)))],
  }));
  return writeXlsxFile(sheets).toBuffer();
}

export const CSV_TYPE = 'text/csv; charset=utf-8';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Content-Disposition for a download; the name is ASCII (ids and dates only), so no RFC 5987 encoding is needed. */
export function attachment(fileName: string): string {
  return `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`;
}
