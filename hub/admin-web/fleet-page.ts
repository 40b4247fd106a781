/**
 * HTML of the fleet page: the terminals of the account's checkpoints with their last heartbeat, the form that
 * creates an enrolment token, the open tokens, and the page that shows a new token once (text and QR — the same
 * string `gate-terminal create-enrolment-token` prints, which the terminal's setup screen scans or takes pasted), and the
 * confirmation pages of the two destructive actions (revoking a terminal, revoking a token): a link opens the page,
 * whose form carries `confirm=yes` — no script needed, nothing revoked by one stray click.
 */
import type { FleetTerminal, OpenEnrolmentToken } from '../storage/fleet-store.js';
import type { TerminalHardwareStatus } from '../protocol.js';
import { dataTable, html, notice, raw, type Cell, type RawHtml } from './admin-html.js';
import type { VisibleCheckpoint } from './admin-scope.js';
import { durationVi } from './admin-web-tools.js';
import type { LocalTime } from './local-time.js';

const HEALTH_NAMES: Readonly<Record<string, string>> = { connected: 'đã kết nối', reconnecting: 'đang kết nối lại', absent: 'không có' };

function hardwareText(hardware: TerminalHardwareStatus): string {
  const scanners = hardware.scanners.map((s) => `${s.id} (${s.kind}): ${HEALTH_NAMES[s.health] ?? s.health}`);
  const notes = [hardware.clockSynchronised ? 'đồng hồ đã đồng bộ' : 'đồng hồ CHƯA đồng bộ', ...(hardware.simulated ? ['phần cứng mô phỏng'] : [])];
  return [...(scanners.length ? scanners : ['không có đầu đọc']), ...notes].join('; ');
}

/** Fleet table row; `now` is the hub's time (the data age grows since the heartbeat). */
function terminalRow(t: FleetTerminal, checkpointName: string, view: FleetView): Cell[] {
  const { now, time } = view;
  const pin = view.versionOf(t.terminalId);
  const hb = t.heartbeat;
  const version = html`${hb?.appVersion ?? pin?.appVersion ?? '—'}${pin?.updateRequired ? html`<br><strong>Cần cập nhật (yêu cầu ${pin.required ?? ''})</strong>` : raw('')}`;
  const seen = t.lastSeenAt === null ? 'chưa liên lạc' : `${time.dateTime(t.lastSeenAt)} (${durationVi(now - t.lastSeenAt)} trước)`;
  const dataAge = hb && hb.dataAgeMs !== null && t.lastSeenAt !== null ? durationVi(hb.dataAgeMs + (now - t.lastSeenAt)) : '—';
  const bundle = hb?.bundleVersion ? `v${hb.bundleVersion}, ${dataAge}` : '—';
  const state = t.revokedAt === null
    ? html`Đang hoạt động<br><a class="button button--quiet" href="/admin-web/fleet/terminals/${encodeURIComponent(t.terminalId)}/revoke">Thu hồi…</a>`
    : html`Đã thu hồi ${time.dateTime(t.revokedAt)}`;
  return [html`${t.name}<br><small>${t.terminalId}</small>`, checkpointName, version, seen, hb ? String(hb.queuedEntries) : '—', bundle, hb ? hardwareText(hb.hardware) : '—', state];
}

export interface FleetView {
  readonly checkpoints: readonly VisibleCheckpoint[];
  readonly terminals: readonly FleetTerminal[];
  readonly tokens: readonly OpenEnrolmentToken[];
  readonly csrf: string;
  readonly now: number;
  readonly time: LocalTime;
  readonly defaultTtlMinutes: number;
  /** The version pin check of the terminal's last request (hub/service/terminal-versions.ts), when known. */
  readonly versionOf: (terminalId: string) => VersionPin | undefined;
}

export interface VersionPin {
  readonly appVersion: string;
  readonly required: string | null;
  readonly updateRequired: boolean;
}

const TERMINAL_COLUMNS = ['Thiết bị', 'Điểm kiểm soát', 'Phiên bản', 'Liên lạc lần cuối', 'Chờ gửi', 'Dữ liệu (bản, tuổi)', 'Phần cứng', 'Trạng thái'].map((label) => ({ label }));
const TOKEN_COLUMNS = ['Mã số', 'Điểm kiểm soát', 'Tạo lúc', 'Hết hạn', 'Thao tác'].map((label) => ({ label }));

export function fleetBody(view: FleetView): RawHtml {
  const names = new Map(view.checkpoints.map((c) => [c.checkpointId, c.name]));
  const terminals = dataTable({
    id: 'terminals', columns: TERMINAL_COLUMNS, empty: 'Chưa có máy nào được đăng ký.',
    rows: view.terminals.map((t) => terminalRow(t, names.get(t.checkpointId) ?? t.checkpointId, view)),
    rowAttributes: (i) => html` data-terminal="${view.terminals[i]!.terminalId}"`,
  });
  const tokens = dataTable({
    id: 'tokens', columns: TOKEN_COLUMNS, empty: 'Không có mã nào đang chờ dùng.',
    rows: view.tokens.map((t) => [t.tokenId, names.get(t.checkpointId) ?? t.checkpointId, view.time.dateTime(t.createdAt), view.time.dateTime(t.expiresAt),
      html`<a class="button button--quiet" href="/admin-web/fleet/enrolment-tokens/${t.tokenId}/revoke">Thu hồi mã…</a>`]),
    rowAttributes: (i) => html` data-token="${view.tokens[i]!.tokenId}"`,
  });
  const options = view.checkpoints.map((c) => html`<option value="${c.checkpointId}">${c.name} · ${c.buildingName}</option>`);
  return html`<h2>Máy kiểm soát</h2>
${terminals}
<h2>Mã đăng ký thiết bị</h2>
<form class="filters card" method="post" action="/admin-web/fleet/enrolment-tokens"><input type="hidden" name="_csrf" value="${view.csrf}">
<label>Điểm kiểm soát <select name="checkpointId" required>${options}</select></label>
<label>Hiệu lực (phút) <input name="ttlMinutes" type="number" min="1" max="10080" value="${view.defaultTtlMinutes}" required></label>
<button type="submit">Tạo mã đăng ký</button></form>
${tokens}`;
}

export function createdTokenBody(token: string, checkpointName: string, expiresAt: number, qrDataUrl: string, time: LocalTime): RawHtml {
  return html`${notice('ok', html`Mã đăng ký cho <strong>${checkpointName}</strong>, dùng được một lần, hết hạn lúc ${time.dateTime(expiresAt)} (${time.zone}). Mã chỉ hiện một lần: hãy quét hoặc sao chép ngay.`)}
<p lang="en">One-time enrolment token, shown only once: scan it on the terminal's setup screen or paste it there.</p>
<p><img id="enrolment-qr" src="${qrDataUrl}" alt="Mã QR đăng ký thiết bị" width="320" height="320"></p>
<p><code id="enrolment-token">${token}</code></p>
<p><a href="/admin-web/fleet">Quay lại danh sách thiết bị</a></p>`;
}

/** The confirmation step of a destructive action: what it does, and a form that does it (`confirm=yes`) or a way back. */
export function confirmBody(options: { readonly action: string; readonly csrf: string; readonly what: RawHtml; readonly consequence: RawHtml; readonly button: string }): RawHtml {
  return html`${notice('warn', options.what)}
<p>${options.consequence}</p>
<form method="post" action="${options.action}"><input type="hidden" name="_csrf" value="${options.csrf}"><input type="hidden" name="confirm" value="yes">
<ul class="actions"><li><button type="submit" class="button--danger">${options.button}</button></li><li><a class="button button--quiet" href="/admin-web/fleet">Hủy, quay lại / Cancel</a></li></ul></form>`;
}
