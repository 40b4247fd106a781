/**
 * HTML of the DCC trust list page (Chữ ký DCC): the signer certificates every terminal receives in its bundle — country,
 * kid, subject, key, what they may sign, validity — the import form (a national backend's JSON list or PEM bundle,
 * pasted), the import report (each refused certificate with its reason, Vietnamese then English) and the
 * confirmation page of removing a signer. Only accounts that may change the list see the form and the remove links.
 */
import { DCC_KEY_USAGE_OIDS } from '../../core/index.js';
import type { DccSignerRecord, SignerRefusal } from '../service/dcc-signer-check.js';
import type { TrustListImport } from '../service/dcc-trust-list.js';
import { bilingual, dataTable, html, notice, raw, type Cell, type RawHtml } from './admin-html.js';
import type { LocalTime } from './local-time.js';

const TYPE_NAMES: Readonly<Record<string, string>> = { t: 'xét nghiệm', v: 'tiêm chủng', r: 'khỏi bệnh' };

/** "tiêm chủng, xét nghiệm" from the DCC OIDs of the extended key usage; "mọi loại" without any. */
export function usageText(keyUsage: readonly string[]): string {
  if (keyUsage.length === 0) return 'mọi loại (all types)';
  const types = Object.entries(DCC_KEY_USAGE_OIDS).filter(([, oids]) => oids.some((oid) => keyUsage.includes(oid))).map(([type]) => TYPE_NAMES[type]!);
  return types.join(', ');
}

function validityCell(s: DccSignerRecord, now: number, time: LocalTime): RawHtml {
  const range = `${time.dateTime(s.notBefore).slice(0, 10)} – ${time.dateTime(s.notAfter).slice(0, 10)}`;
  if (s.notAfter < now) return html`${range}<br><strong>Đã hết hạn / expired</strong>`;
  if (s.notBefore > now) return html`${range}<br><strong>Chưa có hiệu lực / not yet valid</strong>`;
  return html`${range}`;
}

export interface TrustListView {
  readonly signers: readonly DccSignerRecord[];
  readonly now: number;
  readonly time: LocalTime;
  /** The session's CSRF token when the account may change the list; undefined = read only. */
  readonly csrf?: string;
}

const COLUMNS = ['Quốc gia', 'kid', 'Chủ thể', 'Khóa', 'Được ký', 'Hiệu lực', 'Thao tác'].map((label) => ({ label }));

export function trustListBody(view: TrustListView): RawHtml {
  const rows = view.signers.map((s): Cell[] => [
    s.country, html`<code>${s.kid}</code>`, s.subject, `${s.keyType} (${s.algorithm})`, usageText(s.keyUsage), validityCell(s, view.now, view.time),
    view.csrf ? html`<a class="button button--quiet" href="/admin-web/dcc-signers/${s.signerId}/remove">Gỡ bỏ…</a>` : '—',
  ]);
  const table = dataTable({
    id: 'dcc-signers', columns: COLUMNS, rows, rowAttributes: (i) => html` data-signer="${view.signers[i]!.signerId}"`,
    empty: 'Hub chưa có chứng thư ký DCC nào: máy kiểm soát sẽ từ chối mọi chứng nhận EU DCC. / No DCC signers yet: terminals refuse every EU DCC.',
  });
  const intro = html`<p>${bilingual(
    `${view.signers.length} chứng thư ký. Mọi máy kiểm soát nhận danh sách này trong gói dữ liệu; thêm hay gỡ một chứng thư có hiệu lực ở lần đồng bộ kế tiếp của máy.`,
    `${view.signers.length} signer certificates. Every terminal receives this list in its bundle; adding or removing one takes effect at the terminal's next sync.`,
  )}</p>`;
  const form = view.csrf
    ? html`<h2>Nhập danh sách</h2>
<form class="stack card" method="post" action="/admin-web/dcc-signers/import"><input type="hidden" name="_csrf" value="${view.csrf}">
<label>Định dạng <select name="format"><option value="">Tự nhận biết / detect</option><option value="json">JSON (kid → chứng thư, quốc gia)</option><option value="pem">PEM (nhiều khối CERTIFICATE)</option></select></label>
<label>Nội dung danh sách (dán tệp tải từ hệ thống quốc gia) <textarea name="text" rows="10" required></textarea></label>
<button type="submit">Kiểm tra và nhập</button></form>
<p class="muted">Mỗi chứng thư được kiểm tra (loại khóa, mục đích sử dụng, thời hạn); chứng thư lỗi bị bỏ qua kèm lý do, các chứng thư khác vẫn được nhập. <span class="en" lang="en">Each certificate is checked (key type, key usage, validity); a bad one is left out with its reason, the others are imported.</span></p>`
    : html`<p class="muted">Chỉ quản trị tổ chức mới nhập hoặc gỡ chứng thư. <span class="en" lang="en">Only organisation admins import or remove signers.</span></p>`;
  const valueSets = html`<p><a href="/admin-web/dcc-value-sets">Bộ mã DCC (EU value sets) →</a></p>`;
  return html`${intro}${table}${form}${valueSets}`;
}

function refusalRow(r: SignerRefusal): Cell[] {
  return [r.entry, r.kid ? html`<code>${r.kid}</code>` : '—', bilingual(r.vi, r.en)];
}

export function importReportBody(result: TrustListImport): RawHtml {
  const summary = `Đã thêm ${result.added}, cập nhật ${result.updated}, giữ nguyên ${result.unchanged}, từ chối ${result.refused.length} (định dạng ${result.format.toUpperCase()}).`;
  const summaryEn = `${result.added} added, ${result.updated} updated, ${result.unchanged} unchanged, ${result.refused.length} refused.`;
  const refused = result.refused.length === 0
    ? raw('')
    : html`<h2>Chứng thư bị từ chối</h2>${dataTable({ id: 'refused', columns: ['Mục', 'kid', 'Lý do'].map((label) => ({ label })), rows: result.refused.map(refusalRow), empty: '' })}`;
  return html`${notice(result.refused.length === 0 ? 'ok' : 'warn', bilingual(summary, summaryEn))}${refused}<p><a href="/admin-web/dcc-signers">Quay lại danh sách chứng thư / Back to the list</a></p>`;
}

export function formatErrorBody(vi: string, en: string): RawHtml {
  return html`${notice('error', bilingual(vi, en))}<p><a href="/admin-web/dcc-signers">Quay lại / Back</a></p>`;
}

export function removeConfirmBody(signer: DccSignerRecord, csrf: string): RawHtml {
  return html`${notice('warn', html`Gỡ chứng thư ký <code>${signer.kid}</code> (${signer.country}, ${signer.subject})?`)}
<p>Từ lần đồng bộ kế tiếp, máy kiểm soát từ chối mọi chứng nhận DCC do chứng thư này ký (DCC_UNKNOWN_SIGNER). Muốn dùng lại, nhập lại chứng thư. <span class="en" lang="en">From their next sync, terminals refuse every DCC this signer signed. Import it again to trust it again.</span></p>
<form method="post" action="/admin-web/dcc-signers/${signer.signerId}/remove"><input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="confirm" value="yes">
<ul class="actions"><li><button type="submit" class="button--danger">Gỡ chứng thư này / Remove this signer</button></li><li><a class="button button--quiet" href="/admin-web/dcc-signers">Hủy, quay lại / Cancel</a></li></ul></form>`;
}
