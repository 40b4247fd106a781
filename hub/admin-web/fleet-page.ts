/**
 * HTML of the fleet page: the terminals of the account's checkpoints with their last heartbeat, the form that
 * creates an enrolment token, the open tokens, and the page that shows a new token once (text and QR — the same
 * string `gate-terminal create-enrolment-token` prints, which the terminal's setup screen scans or takes pasted).
 */
import type { FleetTerminal, OpenEnrolmentToken } from '../storage/fleet-store.js';
import type { TerminalHardwareStatus } from '../protocol.js';
import { html, raw, type RawHtml } from './admin-html.js';
import type { VisibleCheckpoint } from './admin-scope.js';
import { durationVi, vietnamDateTime } from './admin-web-tools.js';

const HEALTH_NAMES: Readonly<Record<string, string>> = { connected: 'đã kết nối', reconnecting: 'đang kết nối lại', absent: 'không có' };

function hardwareText(hardware: TerminalHardwareStatus): string {
  const scanners = hardware.scanners.map((s) => `${s.id} (${s.kind}): ${HEALTH_NAMES[s.health] ?? s.health}`);
  const notes = [hardware.clockSynchronised ? 'đồng hồ đã đồng bộ' : 'đồng hồ CHƯA đồng bộ', ...(hardware.simulated ? ['phần cứng mô phỏng'] : [])];
  return [...(scanners.length ? scanners : ['không có đầu đọc']), ...notes].join('; ');
}

/** Fleet table row; `now` is the hub's time (the data age grows since the heartbeat). */
function terminalRow(t: FleetTerminal, checkpointName: string, csrf: string, now: number, pin: VersionPin | undefined): RawHtml {
  const hb = t.heartbeat;
  const version = html`${hb?.appVersion ?? pin?.appVersion ?? '—'}${pin?.updateRequired ? html`<br><strong>Cần cập nhật (yêu cầu ${pin.required ?? ''})</strong>` : raw('')}`;
  const seen = t.lastSeenAt === null ? 'chưa liên lạc' : `${vietnamDateTime(t.lastSeenAt)} (${durationVi(now - t.lastSeenAt)} trước)`;
  const dataAge = hb && hb.dataAgeMs !== null && t.lastSeenAt !== null ? durationVi(hb.dataAgeMs + (now - t.lastSeenAt)) : '—';
  const bundle = hb?.bundleVersion ? `v${hb.bundleVersion}, ${dataAge}` : '—';
  const state = t.revokedAt === null
    ? html`<form method="post" action="/admin-web/fleet/terminals/${encodeURIComponent(t.terminalId)}/revoke"><input type="hidden" name="_csrf" value="${csrf}"><button type="submit">Thu hồi</button></form>`
    : html`Đã thu hồi ${vietnamDateTime(t.revokedAt)}`;
  return html`<tr data-terminal="${t.terminalId}"><td>${t.name}<br><small>${t.terminalId}</small></td><td>${checkpointName}</td><td>${version}</td><td>${seen}</td><td>${hb ? String(hb.queuedEntries) : '—'}</td><td>${bundle}</td><td>${hb ? hardwareText(hb.hardware) : '—'}</td><td>${state}</td></tr>`;
}

export interface FleetView {
  readonly checkpoints: readonly VisibleCheckpoint[];
  readonly terminals: readonly FleetTerminal[];
  readonly tokens: readonly OpenEnrolmentToken[];
  readonly csrf: string;
  readonly now: number;
  readonly defaultTtlMinutes: number;
  /** The version pin check of the terminal's last request (hub/service/terminal-versions.ts), when known. */
  readonly versionOf: (terminalId: string) => VersionPin | undefined;
}

export interface VersionPin {
  readonly appVersion: string;
  readonly required: string | null;
  readonly updateRequired: boolean;
}

export function fleetBody(view: FleetView): RawHtml {
  const names = new Map(view.checkpoints.map((c) => [c.checkpointId, c.name]));
  const rows = view.terminals.map((t) => terminalRow(t, names.get(t.checkpointId) ?? t.checkpointId, view.csrf, view.now, view.versionOf(t.terminalId)));
  const tokenRows = view.tokens.map(
    (t) => html`<tr data-token="${t.tokenId}"><td>${t.tokenId}</td><td>${names.get(t.checkpointId) ?? t.checkpointId}</td><td>${vietnamDateTime(t.createdAt)}</td><td>${vietnamDateTime(t.expiresAt)}</td>
<td><form method="post" action="/admin-web/fleet/enrolment-tokens/${t.tokenId}/revoke"><input type="hidden" name="_csrf" value="${view.csrf}"><button type="submit">Thu hồi mã</button></form></td></tr>`,
  );
  const options = view.checkpoints.map((c) => html`<option value="${c.checkpointId}">${c.name} · ${c.buildingName}</option>`);
  return html`<h2>Máy kiểm soát</h2>
<table><thead><tr><th>Thiết bị</th><th>Điểm kiểm soát</th><th>Phiên bản</th><th>Liên lạc lần cuối</th><th>Chờ gửi</th><th>Dữ liệu (bản, tuổi)</th><th>Phần cứng</th><th>Trạng thái</th></tr></thead>
<tbody>${rows}</tbody></table>${rows.length === 0 ? html`<p>Chưa có máy nào được đăng ký.</p>` : raw('')}
<h2>Mã đăng ký thiết bị</h2>
<form method="post" action="/admin-web/fleet/enrolment-tokens"><input type="hidden" name="_csrf" value="${view.csrf}">
<label>Điểm kiểm soát <select name="checkpointId" required>${options}</select></label>
<label>Hiệu lực (phút) <input name="ttlMinutes" type="number" min="1" max="10080" value="${view.defaultTtlMinutes}" required></label>
<button type="submit">Tạo mã đăng ký</button></form>
<table><thead><tr><th>Mã số</th><th>Điểm kiểm soát</th><th>Tạo lúc</th><th>Hết hạn</th><th></th></tr></thead><tbody>${tokenRows}</tbody></table>${tokenRows.length === 0 ? html`<p>Không có mã nào đang chờ dùng.</p>` : raw('')}`;
}

export function createdTokenBody(token: string, checkpointName: string, expiresAt: number, qrDataUrl: string): RawHtml {
  return html`<p role="status">Mã đăng ký cho <strong>${checkpointName}</strong>, dùng được một lần, hết hạn lúc ${vietnamDateTime(expiresAt)}. Mã chỉ hiện một lần: hãy quét hoặc sao chép ngay.</p>
<p lang="en">One-time enrolment token, shown only once: scan it on the terminal's setup screen or paste it there.</p>
<p><img id="enrolment-qr" src="${qrDataUrl}" alt="Mã QR đăng ký thiết bị" width="320" height="320"></p>
<p><code id="enrolment-token">${token}</code></p>
<p><a href="/admin-web/fleet">Quay lại danh sách thiết bị</a></p>`;
}
