/**
 * Truy vết tiếp xúc (contact tracing), person search and the audit page. The form takes the ID number (POST,
 * CSRF-checked; HMAC'd on arrival and then forgotten), a period of days, the ±N minutes window and a required reason;
 * "Chỉ tìm người" lists the person's visits, "Truy vết" each visit with the people inside at the same checkpoint at
 * the same time. The table (and its CSV, columns in docs/hub.md) names organisation, building and checkpoint, since a
 * health authority's query spans every organisation of its area.
 */
import { checkIdNumber, ID_NUMBER_PROBLEM_TEXT } from '../../core/index.js';
import { dataTable, html, notice, raw, type RawHtml } from './admin-html.js';
import { dateParam } from './admin-web-context.js';
import { ROLE_NAMES, type VisibleCheckpoint } from './admin-scope.js';
import type { ExportTable } from './export-files.js';
import type { LocalTime } from './local-time.js';
import type { TracedVisit } from '../service/contact-tracing.js';
import type { TracingAuditRecord } from '../storage/tracing-audit.js';
import type { OrganisationRecord } from '../storage/checkpoint-registry.js';

export const MAX_TRACING_DAYS = 28;
export const DEFAULT_WINDOW_MINUTES = 15;

/** Person search (the person's visits) or contact tracing (visits and contacts). */
export type TracingMode = 'search' | 'trace';

export interface TracingForm {
  readonly mode: TracingMode;
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
  const mode: TracingMode = text('mode') === 'search' ? 'search' : 'trace';
  return { mode, idNumber, fromDay, toDay, windowMinutes: mode === 'search' ? 0 : windowMinutes, reason };
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
<div class="actions"><button type="submit" name="mode" value="trace">Truy vết tiếp xúc</button>
<button type="submit" name="mode" value="search">Chỉ tìm người (person search)</button></div>
</form>`;
}

/** The columns of the table and of its CSV / XLSX export (documented in docs/hub.md § Contact tracing CSV). */
export const TRACING_COLUMNS = [
  'Tổ chức (organisation)',
  'Tòa nhà (building)',
  'Điểm kiểm soát (checkpoint)',
  'Mã điểm (checkpoint id)',
  'Người được truy vết vào (traced in)',
  'Người được truy vết ra (traced out)',
  'Người tiếp xúc (contact)',
  'Vào (in)',
  'Ra (out)',
] as const;

/** One row per (visit, contact); a visit without contacts still has its row. */
export function tracingTable(traced: readonly TracedVisit[], checkpoints: readonly VisibleCheckpoint[], time: LocalTime, organisationNames: ReadonlyMap<string, string> = new Map()): ExportTable {
  const when = (at: number | null) => (at === null ? '—' : time.dateTime(at));
  const byId = new Map(checkpoints.map((c) => [c.checkpointId, c]));
  const rows = traced.flatMap(({ visit, contacts }) => {
    const c = byId.get(visit.checkpointId);
    const organisation = c?.organisationId ? (organisationNames.get(c.organisationId) ?? c.organisationId) : '';
    const visitCells = [organisation, c?.buildingName ?? '', c?.name ?? visit.checkpointId, visit.checkpointId, when(visit.enteredAt), when(visit.leftAt)];
    if (contacts.length === 0) return [[...visitCells, '', '', '']];
    return contacts.map((contact) => [...visitCells, contact.displayName, when(contact.enteredAt), when(contact.leftAt)]);
  });
  return { title: 'Truy vết tiếp xúc', columns: [...TRACING_COLUMNS], rows };
}

export function tracingResultBody(auditId: number, traced: readonly TracedVisit[], table: ExportTable, form: TracingForm, searched: { checkpoints: number; organisations: number }): RawHtml {
  const contacts = traced.reduce((n, t) => n + t.contacts.length, 0);
  const found = form.mode === 'search' ? `${traced.length} lượt ghé` : `${traced.length} lượt ghé, ${contacts} lượt tiếp xúc`;
  const window = form.mode === 'search' ? '' : ` (±${form.windowMinutes} phút)`;
  return html`<p id="tracing-summary">${found} trong ${form.fromDay} – ${form.toDay}${window}. Nhật ký số ${auditId}.</p>
<p id="tracing-scope">Đã tìm ở ${searched.checkpoints} điểm kiểm soát của ${searched.organisations} tổ chức; mỗi tổ chức thấy lần tìm này trong nhật ký của mình.</p>
<p>Xuất / Export: <a href="/admin-web/tracing/${auditId}/export.csv">CSV</a> · <a href="/admin-web/tracing/${auditId}/export.xlsx">XLSX</a></p>
${dataTable({ id: 'tracing-result', columns: table.columns.map((label) => ({ label })), rows: table.rows.map((r) => r.map((c) => String(c ?? ''))), empty: 'Không có lượt ghé nào trong khoảng này. / No visits in this period.' })}
<p><a href="/admin-web/tracing">Truy vết khác</a></p>`;
}

const ACTION_NAMES: Readonly<Record<TracingAuditRecord['action'], string>> = { trace: 'Truy vết', search: 'Tìm người', 'export-csv': 'Xuất CSV', 'export-xlsx': 'Xuất XLSX' };

export function auditBody(records: readonly TracingAuditRecord[], time: LocalTime): RawHtml {
  const rows = records.map((r) => [
    r.auditId, time.dateTime(r.askedAt), ACTION_NAMES[r.action], r.username, `${ROLE_NAMES[r.role] ?? r.role}${r.role === 'health-authority' ? ` · ${r.scopeId}` : ''}`,
    html`<code>${r.subjectHmacs.split(' ').map((pair) => pair.slice(0, pair.indexOf(':') + 17)).join(' ')}…</code>`,
    `${time.dateTime(r.periodFrom)} – ${time.dateTime(r.periodTo)}`, `±${r.windowMinutes}`, r.reason,
  ]);
  const columns = ['Số', 'Thời điểm', 'Thao tác', 'Người hỏi', 'Vai trò', 'Người được truy vết (mã băm)', 'Khoảng thời gian', 'Phút', 'Lý do'].map((label) => ({ label }));
  return html`<p>Nhật ký chỉ được ghi thêm, không thể sửa hay xóa. / Append-only audit log of contact tracing.</p>
${dataTable({ id: 'audit', columns, rows, empty: 'Chưa có lần truy vết nào.' })}`;
}

/** A health authority's start page: the organisations of its area (those its queries search). */
export function areaOverviewBody(area: string, organisations: readonly OrganisationRecord[]): RawHtml {
  const rows = organisations.map((o) => [o.name, o.area ?? '']);
  return html`<p>Tìm người và truy vết tiếp xúc trên mọi điểm kiểm soát của các tổ chức đăng ký tại địa bàn <strong>${area}</strong>.
Mỗi lần tìm được ghi vào nhật ký kèm lý do và hiện trong nhật ký của từng tổ chức.</p>
<p><a href="/admin-web/tracing">Truy vết tiếp xúc / Contact tracing</a> · <a href="/admin-web/audit">Nhật ký truy vết / Audit log</a></p>
${dataTable({ id: 'area-organisations', columns: [{ label: 'Tổ chức' }, { label: 'Địa bàn' }], rows, empty: 'Chưa có tổ chức nào đăng ký ở địa bàn này. / No organisation registered in this area yet.' })}`;
}
