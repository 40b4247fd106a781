/**
 * Truy vết tiếp xúc (contact tracing) and its audit page. The form takes the ID number (POST, CSRF-checked; HMAC'd
 * on arrival per building and then forgotten), a period of days, the ±N minutes window and a required reason. The
 * result lists each visit of the person with the people inside at the same checkpoint at the same time.
 */
import { checkIdNumber, ID_NUMBER_PROBLEM_TEXT } from '../../core/index.js';
import { dataTable, html, notice, raw, type RawHtml } from './admin-html.js';
import { dateParam } from './admin-web-context.js';
import { ROLE_NAMES, type VisibleCheckpoint } from './admin-scope.js';
import type { ExportTable } from './export-files.js';
import type { LocalTime } from './local-time.js';
import type { TracedVisit } from '../service/contact-tracing.js';
import type { TracingAuditRecord } from '../storage/tracing-audit.js';

export const MAX_TRACING_DAYS = 28;
export const DEFAULT_WINDOW_MINUTES = 15;

export interface TracingForm {
  readonly idNumber: string;
  readonly fromDay: string;
  readonly toDay: string;
  readonly windowMinutes: number;
  readonly reason: string;
}

/** The form's values, or the Vietnamese (then English) message saying what to fix. */
export function parseTracingForm(body: Record<string, unknown>): TracingForm | { error: string } {
  const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string).trim() : '');
  const checked = checkIdNumber(typeof body.idNumber === 'string' ? body.idNumber : '');
  if (!checked.ok) return { error: `${ID_NUMBER_PROBLEM_TEXT[checked.problem].vi} / ${ID_NUMBER_PROBLEM_TEXT[checked.problem].en}` };
  const { idNumber } = checked;
  const fromDay = dateParam(text('from'));
  const toDay = dateParam(text('to'));
  if (!fromDay || !toDay || fromDay > toDay) return { error: 'Chọn khoảng ngày hợp lệ (từ ngày ≤ đến ngày). / Choose a valid period (from ≤ to).' };
  if ((Date.parse(toDay) - Date.parse(fromDay)) / 86_400_000 >= MAX_TRACING_DAYS) return { error: `Khoảng ngày tối đa ${MAX_TRACING_DAYS} ngày. / At most ${MAX_TRACING_DAYS} days.` };
  const windowMinutes = Number(text('window') || DEFAULT_WINDOW_MINUTES);
  if (!Number.isInteger(windowMinutes) || windowMinutes < 0 || windowMinutes > 240) return { error: 'Khoảng ±phút phải từ 0 đến 240. / The ± minutes window must be 0–240.' };
  const reason = text('reason');
  if (reason.length < 5 || reason.length > 500) return { error: 'Phải ghi lý do truy vết (5–500 ký tự), được lưu vào nhật ký. / State the reason (5–500 characters); it is written to the audit log.' };
  return { idNumber, fromDay, toDay, windowMinutes, reason };
}

export function tracingPeriod(fromDay: string, toDay: string, time: LocalTime): { from: number; to: number } {
  return { from: time.dayRange(fromDay).from, to: time.dayRange(toDay).to };
}

export function tracingFormBody(csrfToken: string, now: number, time: LocalTime, message = '', values: Partial<TracingForm> = {}): RawHtml {
  const today = time.day(now);
  const twoWeeksAgo = new Date(Date.parse(`${today}T00:00:00Z`) - 13 * 86_400_000).toISOString().slice(0, 10);
  return html`${message ? notice('error', message) : raw('')}
<p>Mỗi lần truy vết được ghi vào nhật ký (người hỏi, thời điểm, người được truy vết dưới dạng mã băm, khoảng thời gian, lý do).</p>
<form class="stack card" method="post" action="/admin-web/tracing">
<input type="hidden" name="_csrf" value="${csrfToken}">
<label>Số CCCD / hộ chiếu (ID number) <input name="idNumber" autocomplete="off" required maxlength="20"></label>
<label>Từ ngày <input type="date" name="from" value="${values.fromDay ?? twoWeeksAgo}" required></label>
<label>Đến ngày <input type="date" name="to" value="${values.toDay ?? today}" required></label>
<label>± phút <input type="number" name="window" min="0" max="240" value="${values.windowMinutes ?? DEFAULT_WINDOW_MINUTES}"></label>
<label>Lý do (bắt buộc) <textarea name="reason" required minlength="5" maxlength="500">${values.reason ?? ''}</textarea></label>
<button type="submit">Truy vết</button>
</form>`;
}

/** One row per (visit, contact); a visit without contacts still has its row. */
export function tracingTable(traced: readonly TracedVisit[], checkpoints: readonly VisibleCheckpoint[], time: LocalTime): ExportTable {
  const when = (at: number | null) => (at === null ? '—' : time.dateTime(at));
  const nameOf = new Map(checkpoints.map((c) => [c.checkpointId, c.name]));
  const rows = traced.flatMap(({ visit, contacts }) => {
    const visitCells = [nameOf.get(visit.checkpointId) ?? visit.checkpointId, when(visit.enteredAt), when(visit.leftAt)];
    if (contacts.length === 0) return [[...visitCells, '', '', '']];
    return contacts.map((c) => [...visitCells, c.displayName, when(c.enteredAt), when(c.leftAt)]);
  });
  return {
    title: 'Truy vết tiếp xúc',
    columns: ['Điểm kiểm soát', 'Người được truy vết vào', 'Người được truy vết ra', 'Người tiếp xúc (contact)', 'Vào (in)', 'Ra (out)'],
    rows,
  };
}

export function tracingResultBody(auditId: number, traced: readonly TracedVisit[], table: ExportTable, form: TracingForm): RawHtml {
  const contacts = traced.reduce((n, t) => n + t.contacts.length, 0);
  return html`<p id="tracing-summary">${traced.length} lượt ghé, ${contacts} lượt tiếp xúc trong ${form.fromDay} – ${form.toDay} (±${form.windowMinutes} phút). Nhật ký số ${auditId}.</p>
<p>Xuất / Export: <a href="/admin-web/tracing/${auditId}/export.csv">CSV</a> · <a href="/admin-web/tracing/${auditId}/export.xlsx">XLSX</a></p>
${dataTable({ id: 'tracing-result', columns: table.columns.map((label) => ({ label })), rows: table.rows.map((r) => r.map((c) => String(c ?? ''))), empty: 'Không có lượt ghé nào trong khoảng này. / No visits in this period.' })}
<p><a href="/admin-web/tracing">Truy vết khác</a></p>`;
}

const ACTION_NAMES: Readonly<Record<TracingAuditRecord['action'], string>> = { trace: 'Truy vết', 'export-csv': 'Xuất CSV', 'export-xlsx': 'Xuất XLSX' };

export function auditBody(records: readonly TracingAuditRecord[], time: LocalTime): RawHtml {
  const rows = records.map((r) => [
    r.auditId, time.dateTime(r.askedAt), ACTION_NAMES[r.action], r.username, ROLE_NAMES[r.role] ?? r.role,
    html`<code>${r.subjectHmacs.split(' ').map((pair) => pair.slice(0, pair.indexOf(':') + 17)).join(' ')}…</code>`,
    `${time.dateTime(r.periodFrom)} – ${time.dateTime(r.periodTo)}`, `±${r.windowMinutes}`, r.reason,
  ]);
  const columns = ['Số', 'Thời điểm', 'Thao tác', 'Người hỏi', 'Vai trò', 'Người được truy vết (mã băm)', 'Khoảng thời gian', 'Phút', 'Lý do'].map((label) => ({ label }));
  return html`<p>Nhật ký chỉ được ghi thêm, không thể sửa hay xóa. / Append-only audit log of contact tracing.</p>
${dataTable({ id: 'audit', columns, rows, empty: 'Chưa có lần truy vết nào.' })}`;
}
