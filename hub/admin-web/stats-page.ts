/**
 * Thống kê (statistics) of one checkpoint: admitted passages in and out per hour of a chosen day and per day of a
 * range, people inside now (or at the end of a past day), and the reasons given with denials (Vietnamese and English
 * texts from core). Each chart is drawn by /admin-web/assets/stats-charts.js from the table beside it, so the table
 * (accessible, readable without colour) and the chart always show the same numbers.
 */
import { REASON_TEXTS, type ReasonCode } from '../../core/index.js';
import type { EntryAnalytics, PassageBucket, ReasonCount } from '../storage/entry-analytics.js';
import { html, raw, type RawHtml } from './admin-html.js';
import { dateParam, vnTime } from './admin-web-context.js';
import { dayRange, todayInVietnam } from './entry-list-page.js';
import type { ExportTable } from './export-files.js';

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
  readonly denials: readonly ReasonCount[];
}

const shiftDay = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

export function parseStatsParams(query: Record<string, unknown>, now: number): StatsParams {
  const day = dateParam(query.day) ?? todayInVietnam(now);
  let rangeTo = dateParam(query.to) ?? day;
  let rangeFrom = dateParam(query.from) ?? shiftDay(rangeTo, -6);
  if (rangeFrom > rangeTo) [rangeFrom, rangeTo] = [rangeTo, rangeFrom];
  if ((Date.parse(rangeTo) - Date.parse(rangeFrom)) / DAY_MS >= MAX_RANGE_DAYS) rangeFrom = shiftDay(rangeTo, -(MAX_RANGE_DAYS - 1));
  return { day, rangeFrom, rangeTo };
}

export async function loadStats(analytics: EntryAnalytics, checkpointId: string, params: StatsParams, now: number): Promise<StatsData> {
  const day = dayRange(params.day);
  const range = { from: dayRange(params.rangeFrom).from, to: dayRange(params.rangeTo).to };
  const insideAt = now >= day.from && now < day.to ? now : day.to;
  const [hourly, daily, inside, denials] = await Promise.all([
    analytics.passagesPerBucket(checkpointId, day.from, day.to, HOUR_MS),
    analytics.passagesPerBucket(checkpointId, range.from, range.to, DAY_MS),
    analytics.insideCount(checkpointId, day.from, insideAt),
    analytics.denialReasons(checkpointId, day.from, day.to),
  ]);
  return { ...params, hourly, daily: daily.map((b) => ({ ...b, date: shiftDay(params.rangeFrom, b.bucket) })), inside, insideAt, denials };
}

const hourLabel = (bucket: number) => `${String(bucket).padStart(2, '0')}:00`;
const reasonText = (code: string, language: 'vi' | 'en') => REASON_TEXTS[code as ReasonCode]?.[language].message ?? code;

/** The statistics as tables: what the page shows, and what CSV and XLSX export. */
export function statsTables(checkpointName: string, s: StatsData): ExportTable[] {
  return [
    { title: `Theo giờ ${s.day}`, columns: ['Giờ (hour)', 'Vào (in)', 'Ra (out)'], rows: s.hourly.map((b) => [hourLabel(b.bucket), b.in, b.out]) },
    { title: `Theo ngày ${s.rangeFrom} – ${s.rangeTo}`, columns: ['Ngày (day)', 'Vào (in)', 'Ra (out)'], rows: s.daily.map((b) => [b.date, b.in, b.out]) },
    {
      title: `Lý do từ chối ${s.day}`,
      columns: ['Mã (code)', 'Lý do', 'Reason', 'Số lượt (count)'],
      rows: s.denials.map((d) => [d.reason, reasonText(d.reason, 'vi'), reasonText(d.reason, 'en'), d.count]),
    },
    { title: 'Tóm tắt', columns: ['Điểm kiểm soát', 'Ngày', 'Vào', 'Ra', `Bên trong lúc ${vnTime(s.insideAt)}`], rows: [[checkpointName, s.day, sum(s.hourly, 'in'), sum(s.hourly, 'out'), s.inside]] },
  ];
}

const sum = (buckets: readonly PassageBucket[], key: 'in' | 'out') => buckets.reduce((n, b) => n + b[key], 0);

function dataTable(id: string, table: ExportTable, chart: boolean): RawHtml {
  return html`<table id="${id}"${chart ? raw(' data-chart="in-out"') : raw('')}><caption>${table.title}</caption>
<thead><tr>${table.columns.map((c) => html`<th scope="col">${c}</th>`)}</tr></thead>
<tbody>${table.rows.map((r) => html`<tr>${r.map((c, i) => (i === 0 ? html`<th scope="row">${String(c ?? '')}</th>` : html`<td>${String(c ?? '')}</td>`))}</tr>`)}</tbody></table>`;
}

export function statsBody(checkpointId: string, checkpointName: string, s: StatsData): RawHtml {
  const base = `/admin-web/checkpoints/${encodeURIComponent(checkpointId)}/stats`;
  const query = new URLSearchParams({ day: s.day, from: s.rangeFrom, to: s.rangeTo }).toString();
  const [hourly, daily, denials] = statsTables(checkpointName, s);
  return html`<link rel="stylesheet" href="/admin-web/assets/uplot.min.css"><script type="module" src="/admin-web/assets/stats-charts.js"></script>
<form method="get" action="${base}">
<label>Ngày <input type="date" name="day" value="${s.day}"></label>
<label>Từ ngày <input type="date" name="from" value="${s.rangeFrom}"></label>
<label>Đến ngày <input type="date" name="to" value="${s.rangeTo}"></label>
<button type="submit">Xem</button>
</form>
<p>Xuất / Export: <a href="${base}.csv?${query}">CSV</a> · <a href="${base}.xlsx?${query}">XLSX</a></p>
<dl id="summary"><dt>Lượt vào ngày ${s.day}</dt><dd>${sum(s.hourly, 'in')}</dd><dt>Lượt ra</dt><dd>${sum(s.hourly, 'out')}</dd>
<dt>Đang ở bên trong (lúc ${vnTime(s.insideAt)})</dt><dd id="inside-now">${s.inside}</dd></dl>
<section><h2>Theo giờ</h2><div class="chart" data-chart-for="hourly"></div>${dataTable('hourly', hourly!, true)}</section>
<section><h2>Theo ngày</h2><div class="chart" data-chart-for="daily"></div>${dataTable('daily', daily!, true)}</section>
<section><h2>Lý do từ chối</h2>${s.denials.length === 0 ? html`<p>Không có lượt bị từ chối.</p>` : dataTable('denials', denials!, false)}</section>`;
}
