/**
 * Danh sách (the entries list) of one checkpoint and day: filters by outcome, direction and credential kind, newest
 * first, 50 per page with a "next page" link carrying the keyset cursor (never an offset). Days and times are the
 * hub's time zone (local-time.ts). Reasons read as texts (admin-html.ts), hosts by name.
 */
import type { Direction, Outcome } from '../../core/index.js';
import type { EntryKind, EntryListCursor, EntryListRow } from '../storage/entry-list.js';
import { bilingual, dataTable, html, raw, type Cell, type RawHtml, reasonList } from './admin-html.js';
import type { LocalTime } from './local-time.js';

export const PAGE_SIZE = 50;

export interface EntryListParams {
  readonly day: string;
  readonly outcome?: Outcome;
  readonly direction?: Direction;
  readonly credentialKind?: EntryKind;
  /** Time of day range within the day, HH:MM (the hub's time zone); the whole day when absent. */
  readonly fromTime?: string;
  readonly toTime?: string;
  /** Person search: the entry subject HMACs (from the ID-number form, which never puts the number in a URL). */
  readonly subjectHmacs?: readonly string[];
  /** Person search by name, diacritics and case ignored. */
  readonly nameContains?: string;
  readonly after?: EntryListCursor;
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

const OUTCOMES: readonly Outcome[] = ['admit', 'deny', 'review'];
const KINDS: readonly EntryKind[] = ['declaration', 'eu-dcc', 'cccd', 'pc-covid', 'staff-badge', 'paper', 'phone-checkin', 'unknown'];
const OUTCOME_NAMES: Readonly<Record<Outcome, string>> = { admit: 'Cho vào', deny: 'Từ chối', review: 'Kiểm tra' };
const OUTCOME_NAMES_EN: Readonly<Record<Outcome, string>> = { admit: 'Admitted', deny: 'Denied', review: 'Review' };
export const KIND_NAMES: Readonly<Record<EntryKind, string>> = {
  declaration: 'Tờ khai y tế (QR)', 'eu-dcc': 'Chứng nhận COVID (EU DCC)', cccd: 'CCCD', 'pc-covid': 'PC-Covid', 'staff-badge': 'Thẻ nhân viên', paper: 'Tờ khai giấy',
  'phone-checkin': 'Check-in bằng điện thoại', unknown: 'Không rõ',
};

/** Unknown or malformed values are ignored (the page shows the unfiltered list), never passed to SQL. */
export function parseEntryListParams(query: Record<string, unknown>, now: number, time: LocalTime): EntryListParams {
  const text = (name: string) => (typeof query[name] === 'string' ? (query[name] as string) : '');
  const day = /^\d{4}-\d{2}-\d{2}$/.test(text('day')) && !Number.isNaN(Date.parse(`${text('day')}T00:00:00Z`)) ? text('day') : time.day(now);
  const cursor = /^(\d{1,15})\.(\d{1,15})$/.exec(text('after'));
  return {
    day,
    ...(OUTCOMES.includes(text('outcome') as Outcome) ? { outcome: text('outcome') as Outcome } : {}),
    ...(text('direction') === 'in' || text('direction') === 'out' ? { direction: text('direction') as Direction } : {}),
    ...(KINDS.includes(text('kind') as EntryKind) ? { credentialKind: text('kind') as EntryKind } : {}),
    ...(HHMM.test(text('from')) ? { fromTime: text('from') } : {}),
    ...(HHMM.test(text('to')) ? { toTime: text('to') } : {}),
    ...(/^[0-9a-f]{64}(\.[0-9a-f]{64}){0,3}$/.test(text('subject')) ? { subjectHmacs: text('subject').split('.') } : {}),
    ...(text('name').trim() !== '' ? { nameContains: text('name').trim().slice(0, 80) } : {}),
    ...(cursor ? { after: { eventTime: Number(cursor[1]), receiptId: Number(cursor[2]) } } : {}),
  };
}

/** The list's event-time range: the day, narrowed by the optional from/to times of day (to is inclusive of its minute). */
export function listRange(params: EntryListParams, time: LocalTime): { from: number; to: number } {
  const day = time.dayRange(params.day);
  return {
    from: params.fromTime ? day.from + minutesOf(params.fromTime) * 60_000 : day.from,
    to: params.toTime ? day.from + (minutesOf(params.toTime) + 1) * 60_000 : day.to,
  };
}

/** The filters as query parameters (for paging and export links). */
export function filterQuery(params: EntryListParams): URLSearchParams {
  const filters = new URLSearchParams({ day: params.day });
  if (params.outcome) filters.set('outcome', params.outcome);
  if (params.direction) filters.set('direction', params.direction);
  if (params.credentialKind) filters.set('kind', params.credentialKind);
  if (params.fromTime) filters.set('from', params.fromTime);
  if (params.toTime) filters.set('to', params.toTime);
  if (params.subjectHmacs) filters.set('subject', params.subjectHmacs.join('.'));
  if (params.nameContains) filters.set('name', params.nameContains);
  return filters;
}

function option(value: string, label: string, selected: string | undefined): RawHtml {
  return value === selected ? html`<option value="${value}" selected>${label}</option>` : html`<option value="${value}">${label}</option>`;
}

export interface EntryListView {
  readonly time: LocalTime;
  /** Host id → display name (the building's department hosts); an id no longer listed is shown as it is. */
  readonly hostNames: ReadonlyMap<string, string>;
  readonly csrfToken: string;
}

const COLUMNS = [
  { label: 'Giờ' }, { label: 'Họ tên' }, { label: 'Hướng' }, { label: 'Kết quả' }, { label: 'Lý do' }, { label: 'Loại giấy tờ' }, { label: 'Người tiếp đón' },
];

function entryRow(r: EntryListRow, view: EntryListView): Cell[] {
  const host = r.hostId === null ? '' : (view.hostNames.get(r.hostId) ?? r.hostId);
  return [
    view.time.timeWithSeconds(r.eventTime),
    r.displayName,
    r.direction === 'in' ? 'Vào' : 'Ra',
    html`<span class="badge badge--${r.outcome}">${OUTCOME_NAMES[r.outcome]}</span><br><span class="en" lang="en">${OUTCOME_NAMES_EN[r.outcome]}</span>`,
    reasonList(r.reasons),
    html`${KIND_NAMES[r.credentialKind] ?? r.credentialKind}`,
    html`${host}`,
  ];
}

export function entryListBody(checkpointId: string, params: EntryListParams, rows: readonly EntryListRow[], view: EntryListView): RawHtml {
  const base = `/admin-web/checkpoints/${encodeURIComponent(checkpointId)}/entries`;
  const filters = filterQuery(params);
  const last = rows.length === PAGE_SIZE ? rows[rows.length - 1] : undefined;
  const next = last ? `${base}?${filters.toString()}&after=${last.eventTime}.${last.receiptId}` : '';
  const table = dataTable({ id: 'entries', columns: COLUMNS, rows: rows.map((r) => entryRow(r, view)), empty: 'Không có lượt nào. / No entries.' });
  const pager = html`<nav class="pager" aria-label="Trang / Pages"><span>${rows.length} lượt trên trang này${params.after ? ' (không phải trang đầu)' : ''}</span>
<span>${params.after ? html`<a class="button button--quiet" href="${base}?${filters.toString()}">Trang đầu</a> ` : raw('')}${next ? html`<a class="button" rel="next" href="${next}">Trang sau</a>` : raw('')}</span></nav>`;
  return html`<form class="filters card" method="get" action="${base}">
<label>Ngày <input type="date" name="day" value="${params.day}"></label>
<label>Kết quả <select name="outcome"><option value="">Tất cả</option>${OUTCOMES.map((o) => option(o, OUTCOME_NAMES[o], params.outcome))}</select></label>
<label>Hướng <select name="direction"><option value="">Tất cả</option>${option('in', 'Vào', params.direction)}${option('out', 'Ra', params.direction)}</select></label>
<label>Loại giấy tờ <select name="kind"><option value="">Tất cả</option>${KINDS.map((k) => option(k, KIND_NAMES[k], params.credentialKind))}</select></label>
<label>Từ giờ <input type="time" name="from" value="${params.fromTime ?? ''}"></label>
<label>Đến giờ <input type="time" name="to" value="${params.toTime ?? ''}"></label>
<label>Họ tên <input name="name" value="${params.nameContains ?? ''}" maxlength="80"></label>
${params.subjectHmacs ? html`<input type="hidden" name="subject" value="${params.subjectHmacs.join('.')}">` : raw('')}
<button type="submit">Lọc</button>
</form>
${personSearchForm(base, filters, view.csrfToken, Boolean(params.subjectHmacs))}
<p>Xuất / Export: <a href="${base}.csv?${filters.toString()}">CSV</a> · <a href="${base}.xlsx?${filters.toString()}">XLSX</a> <span class="muted">· ${bilingual(`Giờ theo múi ${view.time.zone}`, `Times in ${view.time.zone}`)}</span></p>
${table}${pager}`;
}

/** The ID number goes in a POST body (CSRF-checked), is HMAC'd on the hub and replaced by the HMAC in the redirect. */
function personSearchForm(base: string, filters: URLSearchParams, csrfToken: string, active: boolean): RawHtml {
  const keep = new URLSearchParams(filters);
  keep.delete('subject');
  return html`<form class="filters card" method="post" action="${base}/person">
<input type="hidden" name="_csrf" value="${csrfToken}"><input type="hidden" name="filters" value="${keep.toString()}">
<label>Số CCCD / hộ chiếu (ID number) <input name="idNumber" autocomplete="off" inputmode="text" maxlength="20"></label>
<button type="submit">Tìm người</button>${active ? html` <a href="${base}?${keep.toString()}">Bỏ tìm theo số giấy tờ</a>` : raw('')}
</form>`;
}
