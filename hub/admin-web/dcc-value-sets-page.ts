/**
 * The EU DCC value sets in the admin web (/admin-web/dcc-value-sets, read only, reached from "Chữ ký DCC"): each set
 * every terminal receives in its bundle, with its date, its number of codes and when it was imported, and the version
 * string terminals report. Changing them is the hub machine's `gate-terminal dcc-value-sets import FOLDER`. Readable
 * by the accounts that read the DCC trust list (organisation admins, building managers); others get 403.
 */
import type { FastifyInstance } from 'fastify';
import { dccValueSetsVersion } from '../../core/index.js';
import type { HubDependencies } from '../http/hub-dependencies.js';
import type { StoredDccValueSet } from '../storage/dcc-value-set-store.js';
import { bilingual, dataTable, html, notice, page, type Cell, type RawHtml } from './admin-html.js';
import type { AdminWebTools } from './admin-web-tools.js';
import { localTime, type LocalTime } from './local-time.js';

const TITLE = 'Bộ mã DCC';
const COLUMNS = [{ label: 'Bộ mã (valueSetId)' }, { label: 'Ngày phát hành' }, { label: 'Số mã', num: true }, { label: 'Nhập lúc' }];

export function valueSetsBody(sets: readonly StoredDccValueSet[], time: LocalTime): RawHtml {
  const rows = sets.map((s): Cell[] => [html`<code>${s.id}</code>`, s.date, s.codes.length, time.dateTime(s.importedAt)]);
  const table = dataTable({
    id: 'dcc-value-sets', columns: COLUMNS, rows, rowAttributes: (i) => html` data-value-set="${sets[i]!.id}"`,
    empty: 'Hub chưa có bộ mã nào: máy kiểm soát không kiểm tra mã trong chứng nhận DCC. / No value sets: terminals check no DCC codes.',
  });
  const intro = html`<p>${bilingual(
    `${sets.length} bộ mã EU. Mọi máy kiểm soát nhận các bộ mã này trong gói dữ liệu và, từ lần đồng bộ kế tiếp, đưa chứng nhận có mã không thuộc bộ mã sang kiểm tra thủ công (DCC_CODE_NOT_IN_VALUE_SET). Thư mục trust.dccValueSets cấu hình trên máy được ưu tiên.`,
    `${sets.length} EU value sets. Every terminal receives them in its bundle and, from its next sync, sends a certificate with a code outside them to review (DCC_CODE_NOT_IN_VALUE_SET). A terminal's own trust.dccValueSets folder takes precedence.`,
  )}</p>`;
  // The version terminals receive, one `id@date` per item so that it wraps on a phone.
  const parts = dccValueSetsVersion(sets).split(',').map((part) => html`<li><code>${part}</code></li>`);
  const version = sets.length === 0 ? html`` : html`<h2>Phiên bản / version</h2><ul class="value-set-version">${parts}</ul>`;
  const how = html`<p class="muted">Cập nhật trên máy chủ hub: <code>gate-terminal dcc-value-sets import THƯ_MỤC</code>. <span class="en" lang="en">Update on the hub machine: <code>gate-terminal dcc-value-sets import FOLDER</code> (docs/hub.md § DCC value sets).</span></p>
<p><a href="/admin-web/dcc-signers">Chữ ký DCC / DCC trust list</a></p>`;
  return html`${intro}${table}${version}${how}`;
}

export function registerDccValueSetWebRoutes(web: FastifyInstance, deps: HubDependencies, tools: AdminWebTools): void {
  const time = localTime(deps.config.timeZone);
  web.get('/dcc-value-sets', async (request, reply) => {
    const session = tools.sessionOf(request);
    if (!session) return reply.redirect('/admin-web/login', 303);
    if (session.role !== 'organisation-admin' && session.role !== 'building-manager') {
      deps.logger.warn('admin-scope-refused', { username: session.username, what: 'dcc value sets' });
      return tools.sendHtml(reply, 403, page('Không được phép', notice('error', 'Tài khoản của bạn không xem được bộ mã DCC. / This account may not see the DCC value sets.'), tools.headerOf(session)));
    }
    const sets = await deps.store.dccValueSets.list();
    return tools.sendHtml(reply, 200, page(TITLE, valueSetsBody(sets, time), tools.headerOf(session, 'trust')));
  });
}
