/**
 * Thống kê (statistics) of one checkpoint: admitted passages in and out per hour of a chosen day and per day of a
 * range, people inside now (or at the end of a past day), the reasons that denied entries, and — apart from them — the
 * notices about the terminals (clock not synchronised, stale data), which never deny (Vietnamese and English texts
 * from core, admin-html.ts). Days and times are the hub's time zone. Each chart is drawn by /admin-web/assets/stats-charts.js from the table beside it, so the table
 * (accessible, readable without colour) and the chart always show the same numbers.
 */
import { isNoticeReason } from '../../core/index.js';
import type { EntryAnalytics, PassageBucket, ReasonCount } from '../storage/entry-analytics.js';
import { bilingual, dataTable, html, type RawHtml, isDenialReason, reasonMessage } from './admin-html.js';
import { dateParam } from './admin-web-context.js';
import type { ExportTable } from './export-files.js';
import type { LocalTime } from './local-time.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** Longest range of the per-day chart (retention keeps 28 days by default). */
export const MAX_RANGE_DAYS = 62;

export interface StatsParams {
  readonly day: string;
  readonly rangeFrom: string;
  readonly rangeTo: string;
}

export interface StatsData extends StatsParams {
  readonly hourly: readonly PassageBucket[];
  readonly daily: readonly (PassageBucket & { readonly date: string })[];
  readonly inside: number;
  /** The instant `inside` is counted at: now for today, the end of the day otherwise. */
  readonly insideAt: number;
  /** Reasons that denied entries (notices and admitting reasons given with a denial left out). */
  readonly denials: readonly ReasonCount[];
  /** Notices about the terminals (clock, stale data) over all entries of the day. */
  readonly notices: readonly ReasonCount[];
}

const shiftDay = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

export function parseStatsParams(query: Record<string, unknown>, now: number, time: LocalTime): StatsParams {
  const day = dateParam(query.day) ?? time.day(now);
  let rangeTo = dateParam(query.to) ?? day;
  let rangeFrom = dateParam(query.from) ?? shiftDay(rangeTo, -6);
  if (rangeFrom > rangeTo) [rangeFrom, rangeTo] = [rangeTo, rangeFrom];
  if ((Date.parse(rangeTo) - Date.parse(rangeFrom)) / DAY_MS >= MAX_RANGE_DAYS) rangeFrom = shiftDay(rangeTo, -(MAX_RANGE_DAYS - 1));
  return { day, rangeFrom, rangeTo };
}

export async function loadStats(analytics: EntryAnalytics, checkpointId: string, params: StatsParams, now: number, time: LocalTime): Promise<StatsData> {
  const day = time.dayRange(params.day);
  const range = { from: time.dayRange(params.rangeFrom).from, to: time.dayRange(params.rangeTo).to };
  const insideAt = now >= day.from && now < day.to ? now : day.to;
  const [hourly, daily, inside, denied, all] = await Promise.all([
    analytics.passagesPerBucket(checkpointId, day.from, day.to, HOUR_MS),
    analytics.passagesPerBucket(checkpointId, range.from, range.to, DAY_MS),
    analytics.insideCount(checkpointId, day.from, insideAt),
    analytics.denialReasons(checkpointId, day.from, day.to),
    analytics.reasonCounts(checkpointId, day.from, day.to),
  ]);
  const denials = denied.filter((d) => isDenialReason(d.reason) && !isNoticeReason(d.reason));
  const notices = all.filter((d) => isNoticeReason(d.reason));
  return { ...params, hourly, daily: daily.map((b) => ({ ...b, date: shiftDay(params.rangeFrom, b.bucket) })), inside, insideAt, denials, notices };
}

const hourLabel = (bucket: number) => `${String(bucket).padStart(2, '0')}:00`;
const reasonRows = (counts: readonly ReasonCount[]) => counts.map((d) => [d.reason, reasonMessage(d.reason, 'vi'), reasonMessage(d.reason, 'en'), d.count]);

/** The statistics as tables: what the page shows, and what CSV and XLSX export. */
export function statsTables(checkpointName: string, s: StatsData, time: LocalTime): ExportTable[] {
  return [
    { title: `Theo giờ ${s.day}`, columns: ['Giờ (hour)', 'Vào (in)', 'Ra (out)'], rows: s.hourly.map((b) => [hourLabel(b.bucket), b.in, b.out]) },
    { title: `Theo ngày ${s.rangeFrom} – ${s.rangeTo}`, columns: ['Ngày (day)', 'Vào (in)', 'Ra (out)'], rows: s.daily.map((b) => [b.date, b.in, b.out]) },
    {
      title: `Lý do từ chối ${s.day}`,
      columns: ['Mã (code)', 'Lý do', 'Reason', 'Số lượt (count)'],
      rows: reasonRows(s.denials),
    },
    { title: `Lưu ý về thiết bị ${s.day} (không phải lý do từ chối)`, columns: ['Mã (code)', 'Lưu ý', 'Notice', 'Số lượt (count)'], rows: reasonRows(s.notices) },
    { title: 'Tóm tắt', columns: ['Điểm kiểm soát', 'Ngày', 'Vào', 'Ra', `Bên trong (${insideWhen(s, time)})`], rows: [[checkpointName, s.day, sum(s.hourly, 'in'), sum(s.hourly, 'out'), s.inside]] },
  ];
}

/** "lúc 10:30" today; "cuối ngày" for a past day, whose count is taken at its end (not "lúc 00:00"). */
const insideWhen = (s: StatsData, time: LocalTime) => (s.insideAt >= time.dayRange(s.day).to ? 'cuối ngày' : `lúc ${time.time(s.insideAt)}`);

const sum = (buckets: readonly PassageBucket[], key: 'in' | 'out') => buckets.reduce((n, b) => n + b[key], 0);

/** A chart's table: the first column heads its row; numbers right-aligned. */
function chartTable(id: string, table: ExportTable): RawHtml {
  return dataTable({
    id, caption: table.title, chart: true, rowHeaders: true, empty: 'Không có số liệu.',
    columns: table.columns.map((label, i) => ({ label, num: i > 0 })),
    rows: table.rows.map((r) => r.map((c) => String(c ?? ''))),
  });
}

/** Reasons by their texts (the code in a title), with their counts. */
function reasonTable(id: string, counts: readonly ReasonCount[], heading: [string, string], empty: string): RawHtml {
  return dataTable({
    id, empty,
    columns: [{ label: bilingual(heading[0], heading[1]) }, { label: bilingual('Số lượt', 'Count'), num: true }],
    rows: counts.map((d) => [html`<span title="${d.reason}">${bilingual(reasonMessage(d.reason, 'vi'), reasonMessage(d.reason, 'en'))}</span>`, d.count]),
  });
}

export function statsBody(checkpointId: string, checkpointName: string, s: StatsData, time: LocalTime): RawHtml {
  const base = `/admin-web/checkpoints/${encodeURIComponent(checkpointId)}/stats`;
  const query = new URLSearchParams({ day: s.day, from: s.rangeFrom, to: s.rangeTo }).toString();
  const [hourly, daily] = statsTables(checkpointName, s, time);
  return html`<link rel="stylesheet" href="/admin-web/assets/uplot.min.css"><script type="module" src="/admin-web/assets/stats-charts.js"></script>
<form class="filters card" method="get" action="${base}">
<label>Ngày <input type="date" name="day" value="${s.day}"></label>
<label>Từ ngày <input type="date" name="from" value="${s.rangeFrom}"></label>
<label>Đến ngày <input type="date" name="to" value="${s.rangeTo}"></label>
<button type="submit">Xem</button>
</form>
<p>Xuất / Export: <a href="${base}.csv?${query}">CSV</a> · <a href="${base}.xlsx?${query}">XLSX</a></p>
<dl id="summary" class="facts card"><dt>Lượt vào ngày ${s.day}</dt><dd>${sum(s.hourly, 'in')}</dd><dt>Lượt ra</dt><dd>${sum(s.hourly, 'out')}</dd>
<dt>Đang ở bên trong (${insideWhen(s, time)})</dt><dd id="inside-now">${s.inside}</dd></dl>
<section><h2>Theo giờ</h2><div class="chart" data-chart-for="hourly"></div>${chartTable('hourly', hourly!)}</section>
<section><h2>Theo ngày</h2><div class="chart" data-chart-for="daily"></div>${chartTable('daily', daily!)}</section>
<section><h2>Lý do từ chối <span class="en" lang="en">Denial reasons</span></h2>${reasonTable('denials', s.denials, ['Lý do', 'Reason'], 'Không có lượt bị từ chối. / No denials.')}</section>
<section><h2>Lưu ý về thiết bị <span class="en" lang="en">Terminal notices</span></h2><p class="muted">Đồng hồ chưa đồng bộ hoặc dữ liệu cũ: ghi kèm lượt quét, không phải lý do từ chối. / Clock or stale-data notices given with entries; never a reason for a denial.</p>${reasonTable('notices', s.notices, ['Lưu ý', 'Notice'], 'Không có lưu ý nào. / No notices.')}</section>`;
}
