/**
 * Server-rendered HTML of the admin web: Vietnamese first, no inline script or style (the CSP forbids both), every
 * interpolated value escaped. Pages are small; this is the one place markup is assembled: the page frame and its
 * header, data tables, messages, and reasons as people read them.
 */
import { isNoticeReason, isReasonCode, reasonSeverity, reasonText, type Language } from '../../core/index.js';
import { ROLE_NAMES } from './admin-scope.js';
import type { AdminSession } from './admin-sessions.js';
import type { LocalTime } from './local-time.js';

export const ADMIN_CSP = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Tagged template: interpolations are escaped unless wrapped in `raw()`. */
export interface RawHtml {
  readonly html: string;
}

export function raw(html: string): RawHtml {
  return { html };
}

export function html(strings: TemplateStringsArray, ...values: readonly (string | number | RawHtml | readonly RawHtml[])[]): RawHtml {
  let out = strings[0]!;
  values.forEach((value, i) => {
    if (Array.isArray(value)) out += (value as readonly RawHtml[]).map((v) => v.html).join('');
    else if (typeof value === 'object') out += (value as RawHtml).html;
    else out += escapeHtml(String(value));
    out += strings[i + 1]!;
  });
  return { html: out };
}

/**
 * A whole page: the stylesheet, a skip link, the header (navigation, account; absent on the login page) and the main
 * column with the title.
 */
export function page(title: string, body: RawHtml, header?: RawHtml): string {
  return html`<!doctype html>
<html lang="vi">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><link rel="stylesheet" href="/admin-web/assets/admin.css"><title>${title} · Quản trị cổng kiểm soát</title></head>
<body>
<a class="skip" href="#main">Bỏ qua phần đầu trang / Skip to content</a>
<header class="site">${header ?? html`<div class="site__bar"><span class="site__brand">Cổng kiểm soát · Quản trị</span></div>`}</header>
<main id="main"><h1>${title}</h1>${body}</main>
</body>
</html>`.html;
}

export interface TableColumn {
  readonly label: string | RawHtml;
  /** Right-aligned tabular figures. */
  readonly num?: boolean;
}

export type Cell = string | number | RawHtml;

/**
 * A data table: header row, one row per item, each cell carrying its column's name (data-label) so that phones show
 * every row as a labelled card (admin.css). `empty` is said in place of a table with no rows.
 */
export function dataTable(options: {
  readonly id?: string;
  readonly caption?: string;
  readonly columns: readonly TableColumn[];
  readonly rows: readonly (readonly Cell[])[];
  readonly empty: string;
  readonly rowAttributes?: (index: number) => RawHtml;
  /** The first cell of each row is its header (scope="row"). */
  readonly rowHeaders?: boolean;
  readonly chart?: boolean;
}): RawHtml {
  const label = (c: TableColumn) => (typeof c.label === 'string' ? c.label : c.label.html.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim());
  const cell = (value: Cell, i: number) => {
    const column = options.columns[i]!;
    const content = typeof value === 'object' ? value : String(value);
    if (i === 0 && options.rowHeaders) return html`<th scope="row" data-label="${label(column)}">${content}</th>`;
    return column.num ? html`<td class="num" data-label="${label(column)}">${content}</td>` : html`<td data-label="${label(column)}">${content}</td>`;
  };
  const head = options.columns.map((c) => (c.num ? html`<th scope="col" class="num">${c.label}</th>` : html`<th scope="col">${c.label}</th>`));
  const rows = options.rows.map((r, index) => html`<tr${options.rowAttributes ? options.rowAttributes(index) : raw('')}>${r.map(cell)}</tr>`);
  const attributes = raw(`${options.id ? ` id="${escapeHtml(options.id)}"` : ''}${options.chart ? ' data-chart="in-out"' : ''}`);
  return html`<div class="table-card"><table${attributes} class="data">${options.caption ? html`<caption>${options.caption}</caption>` : raw('')}
<thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>${options.rows.length === 0 ? html`<p class="empty">${options.empty}</p>` : raw('')}</div>`;
}

/** A Vietnamese text with its English second line. */
export function bilingual(vi: string, en: string): RawHtml {
  return html`${vi}<br><span class="en" lang="en">${en}</span>`;
}

/** A message box: role=alert for errors, status otherwise. */
export function notice(kind: 'error' | 'warn' | 'ok' | 'info', content: RawHtml | string): RawHtml {
  const role = kind === 'error' ? 'alert' : 'status';
  return html`<div class="notice notice--${kind}" role="${role}">${content}</div>`;
}

/**
 * The header of every signed-in admin page: the product name, the navigation (what the account's role may open),
 * the account with its role and the logout form, and the time zone every time on the page is shown in.
 */

/** The part of the admin web a page belongs to: its navigation link is marked as the current one. */
export type NavSection = 'checkpoints' | 'tracing' | 'audit' | 'fleet' | 'trust';

export function siteHeader(session: AdminSession, time: LocalTime, now: number, section?: NavSection): RawHtml {
  // A health authority has its area, tracing and its audit log; the others their checkpoints, tracing with the
  // grant (the second factor), the audit log for organisation admins, and the fleet.
  const authority = session.role === 'health-authority';
  const links = [
    ['checkpoints', '/admin-web/', authority ? 'Địa bàn' : 'Điểm kiểm soát'],
    ...(session.canTrace ? [['tracing', '/admin-web/tracing', 'Truy vết']] : []),
    ...(session.role === 'organisation-admin' || authority ? [['audit', '/admin-web/audit', 'Nhật ký truy vết']] : []),
    ...(authority ? [] : [['fleet', '/admin-web/fleet', 'Thiết bị']]),
    ...(session.role === 'organisation-admin' || session.role === 'building-manager' ? [['trust', '/admin-web/dcc-signers', 'Chữ ký DCC']] : []),
  ] as [NavSection, string, string][];
  const link = ([id, href, label]: [NavSection, string, string]) =>
    id === section ? html`<li><a href="${href}" aria-current="page">${label}</a></li>` : html`<li><a href="${href}">${label}</a></li>`;
  return html`<div class="site__bar"><a class="site__brand" href="/admin-web/">Cổng kiểm soát · Quản trị</a>
<nav aria-label="Điều hướng chính / Main"><ul>${links.map(link)}</ul></nav>
<div class="site__account"><span>${session.displayName} · ${ROLE_NAMES[session.role]}</span>
<form method="post" action="/admin-web/logout"><input type="hidden" name="_csrf" value="${session.csrfToken}"><button type="submit">Đăng xuất</button></form></div></div>
<p class="site__zone">Giờ hiển thị theo ${time.zone} (${time.offsetLabel(now)}) ${raw('&middot;')} <span lang="en">Times in ${time.zone}</span></p>`;
}

/**
 * Reason codes as people read them: the Vietnamese text from core's reason table with the English text as a second
 * line, never the bare code (kept in a title attribute for whoever reports a problem). Notices — the terminal's clock,
 * stale data — are listed after the reasons and marked as notices, since they never decide an entry.
 */

/** The message of a code in one language; reasons with `{placeholders}` read as "…" where the entry has no value. */
export function reasonMessage(code: string, language: Language): string {
  return isReasonCode(code) ? reasonText(code, language).message : language === 'vi' ? `Lý do khác (${code})` : `Other reason (${code})`;
}

/** Reasons that deny on their own (a notice or an admitting reason given with a denial is not one). Unknown codes count. */
export function isDenialReason(code: string): boolean {
  return !isReasonCode(code) || reasonSeverity(code) === 'deny';
}

export function reasonList(codes: readonly string[]): RawHtml {
  if (codes.length === 0) return html``;
  const ordered = [...codes.filter((c) => !isNoticeReason(c)), ...codes.filter(isNoticeReason)];
  const items = ordered.map((code) =>
    isNoticeReason(code)
      ? html`<li class="reason--notice" title="${code}">Lưu ý: ${reasonMessage(code, 'vi')}<br><span class="en" lang="en">Notice: ${reasonMessage(code, 'en')}</span></li>`
      : html`<li title="${code}">${reasonMessage(code, 'vi')}<br><span class="en" lang="en">${reasonMessage(code, 'en')}</span></li>`,
  );
  return html`<ul class="reasons">${items}</ul>`;
}
