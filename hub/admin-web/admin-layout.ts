/**
 * The header of every signed-in admin page: the product name, the navigation (what the account's role may open),
 * the account with its role and the logout form, and the time zone every time on the page is shown in.
 */
import { html, raw, type RawHtml } from './admin-html.js';
import { ROLE_NAMES } from './admin-scope.js';
import type { AdminSession } from './admin-sessions.js';
import type { LocalTime } from './local-time.js';

/** The part of the admin web a page belongs to: its navigation link is marked as the current one. */
export type NavSection = 'checkpoints' | 'tracing' | 'audit' | 'fleet';

export function siteHeader(session: AdminSession, time: LocalTime, now: number, section?: NavSection): RawHtml {
  const links: [NavSection, string, string][] = [
    ['checkpoints', '/admin-web/', 'Điểm kiểm soát'],
    ['tracing', '/admin-web/tracing', 'Truy vết'],
    ...(session.role === 'organisation-admin' ? ([['audit', '/admin-web/audit', 'Nhật ký truy vết']] as [NavSection, string, string][]) : []),
    ['fleet', '/admin-web/fleet', 'Thiết bị'],
  ];
  const link = ([id, href, label]: [NavSection, string, string]) =>
    id === section ? html`<li><a href="${href}" aria-current="page">${label}</a></li>` : html`<li><a href="${href}">${label}</a></li>`;
  return html`<div class="site__bar"><a class="site__brand" href="/admin-web/">Cổng kiểm soát · Quản trị</a>
<nav aria-label="Điều hướng chính / Main"><ul>${links.map(link)}</ul></nav>
<div class="site__account"><span>${session.displayName} · ${ROLE_NAMES[session.role]}</span>
<form method="post" action="/admin-web/logout"><input type="hidden" name="_csrf" value="${session.csrfToken}"><button type="submit">Đăng xuất</button></form></div></div>
<p class="site__zone">Giờ hiển thị theo ${time.zone} (${time.offsetLabel(now)}) ${raw('&middot;')} <span lang="en">Times in ${time.zone}</span></p>`;
}
