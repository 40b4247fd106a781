/**
 * The screen's own words (labels, statuses). Reason texts come from core so a reason can never appear without its
 * explanation. Vietnamese is the default; English is a toggle.
 */
import type { CredentialKind, Language, Outcome } from '../../core/index.js';

export interface UiText {
  readonly ready: string;
  readonly readyHint: string;
  readonly outcome: Record<Outcome, string>;
  readonly directionIn: string;
  readonly directionOut: string;
  readonly direction: string;
  readonly enteredToday: string;
  readonly leftToday: string;
  readonly insideNow: string;
  readonly recent: string;
  readonly noEntries: string;
  readonly lights: string;
  readonly gate: string;
  readonly relayLocked: string;
  readonly relayReleased: string;
  readonly scanners: string;
  readonly scannerHealth: Record<'connected' | 'reconnecting' | 'absent', string>;
  /** What the guard does about a scanner that is not connected. */
  readonly scannerAdvice: Record<'reconnecting' | 'absent', string>;
  readonly simulate: string;
  readonly simulateHint: string;
  readonly simulateButton: string;
  readonly credential: Record<CredentialKind, string>;
  readonly testKeyBanner: string;
  readonly clockNotSynced: string;
  readonly systemError: string;
  readonly language: string;
  readonly checkpoint: string;
  readonly terminal: string;
  readonly wedgeLabel: string;
  readonly sync: SyncText;
  /** A status the screen cannot know right now (the host is away). */
  readonly unknown: string;
  readonly lightColor: Record<'red' | 'amber' | 'green' | 'off', string>;
}

/** The hub sync box on the side panel. */
export interface SyncText {
  readonly title: string;
  readonly state: Record<'not-enrolled' | 'online' | 'offline' | 'refused', string>;
  readonly offlineBadge: string;
  readonly queued: string;
  readonly lastSuccess: string;
  readonly never: string;
  readonly error: string;
  /** "data from 3 h ago" */
  readonly dataAge: (ageMs: number) => string;
  readonly noData: string;
  readonly staleBanner: string;
  readonly version: string;
  readonly versionRequired: string;
}

function ago(ageMs: number, units: { now: string; minutes: string; hours: string; days: string }, template: (span: string) => string): string {
  const minutes = Math.max(0, Math.floor(ageMs / 60_000));
  if (minutes < 1) return template(units.now);
  if (minutes < 60) return template(`${minutes} ${units.minutes}`);
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return template(`${hours} ${units.hours}`);
  return template(`${Math.floor(hours / 24)} ${units.days}`);
}

export const UI_TEXT: Readonly<Record<Language, UiText>> = {
  vi: {
    ready: 'Sẵn sàng quét',
    readyHint: 'Đưa mã QR khai báo y tế vào máy quét',
    outcome: { admit: 'ĐƯỢC VÀO', deny: 'TỪ CHỐI', review: 'CẦN KIỂM TRA' },
    directionIn: 'Vào',
    directionOut: 'Ra',
    direction: 'Chiều',
    enteredToday: 'Vào hôm nay',
    leftToday: 'Ra hôm nay',
    insideNow: 'Đang ở trong',
    recent: 'Lượt quét gần đây',
    noEntries: 'Chưa có lượt quét nào',
    lights: 'Đèn',
    gate: 'Cổng',
    relayLocked: 'Đang khóa',
    relayReleased: 'Đang mở',
    scanners: 'Máy quét',
    scannerHealth: { connected: 'đã kết nối', reconnecting: 'đang kết nối lại', absent: 'không có' },
    scannerAdvice: { reconnecting: 'Đang thử kết nối lại; dùng camera hoặc quét thử trong lúc chờ.', absent: 'Kiểm tra dây cắm máy quét; nếu vẫn không có, báo IT.' },
    simulate: 'Quét thử (phần cứng mô phỏng)',
    simulateHint: 'Dán nội dung mã QR vào đây',
    simulateButton: 'Quét thử',
    credential: {
      declaration: 'Tờ khai y tế',
      'eu-dcc': 'Chứng nhận COVID (DCC)',
      cccd: 'CCCD',
      'pc-covid': 'PC-Covid',
      'staff-badge': 'Thẻ nhân viên',
      paper: 'Tờ khai giấy',
      unknown: 'Không xác định',
    },
    testKeyBanner: 'KHÓA THỬ NGHIỆM đang được tin cậy — không dùng cho cổng thật',
    clockNotSynced: 'Đồng hồ chưa đồng bộ',
    systemError: 'LỖI HỆ THỐNG',
    language: 'English',
    checkpoint: 'Điểm kiểm soát',
    terminal: 'Máy',
    wedgeLabel: 'Ô nhận mã từ máy quét',
    unknown: 'không rõ',
    lightColor: { red: 'đỏ', amber: 'vàng', green: 'xanh', off: 'tắt' },
    sync: {
      title: 'Đồng bộ máy chủ',
      state: { 'not-enrolled': 'chưa đăng ký với máy chủ', online: 'đã kết nối', offline: 'mất kết nối — vẫn lưu tại máy', refused: 'máy chủ từ chối' },
      offlineBadge: 'NGOẠI TUYẾN',
      queued: 'Chờ gửi',
      lastSuccess: 'Gửi được lần cuối',
      never: 'chưa lần nào',
      error: 'Lỗi',
      dataAge: (ms) => ago(ms, { now: 'vừa xong', minutes: 'phút trước', hours: 'giờ trước', days: 'ngày trước' }, (span) => `Dữ liệu cập nhật ${span}`),
      noData: 'Chưa nhận dữ liệu từ máy chủ',
      staleBanner: 'Dữ liệu danh sách đã cũ — kiểm tra kết nối máy chủ, báo IT',
      version: 'Phiên bản phần mềm',
      versionRequired: 'máy chủ yêu cầu',
    },
  },
  en: {
    ready: 'Ready to scan',
    readyHint: 'Hold the health-declaration QR code to the scanner',
    outcome: { admit: 'ADMITTED', deny: 'DENIED', review: 'REVIEW' },
    directionIn: 'In',
    directionOut: 'Out',
    direction: 'Direction',
    enteredToday: 'In today',
    leftToday: 'Out today',
    insideNow: 'Inside now',
    recent: 'Recent scans',
    noEntries: 'No scans yet',
    lights: 'Lights',
    gate: 'Gate',
    relayLocked: 'Locked',
    relayReleased: 'Open',
    scanners: 'Scanners',
    scannerHealth: { connected: 'connected', reconnecting: 'reconnecting', absent: 'absent' },
    scannerAdvice: { reconnecting: 'Reconnecting; use the camera meanwhile.', absent: 'Check the scanner cable; if it stays absent, tell IT.' },
    simulate: 'Test scan (simulated hardware)',
    simulateHint: 'Paste the QR code content here',
    simulateButton: 'Scan',
    credential: {
      declaration: 'Health declaration',
      'eu-dcc': 'EU COVID certificate',
      cccd: 'Citizen ID (CCCD)',
      'pc-covid': 'PC-Covid',
      'staff-badge': 'Staff badge',
      paper: 'Paper declaration',
      unknown: 'Unknown',
    },
    testKeyBanner: 'TEST issuer key is trusted — not for a real gate',
    clockNotSynced: 'Clock not synchronised',
    systemError: 'SYSTEM ERROR',
    language: 'Tiếng Việt',
    checkpoint: 'Checkpoint',
    terminal: 'Terminal',
    wedgeLabel: 'Scanner input',
    unknown: 'unknown',
    lightColor: { red: 'red', amber: 'amber', green: 'green', off: 'off' },
    sync: {
      title: 'Hub sync',
      state: { 'not-enrolled': 'not enrolled with a hub', online: 'connected', offline: 'offline — entries kept here', refused: 'refused by the hub' },
      offlineBadge: 'OFFLINE',
      queued: 'Queued',
      lastSuccess: 'Last sent',
      never: 'never',
      error: 'Error',
      dataAge: (ms) => ago(ms, { now: 'a moment ago', minutes: 'min ago', hours: 'h ago', days: 'days ago' }, (span) => `Data from ${span}`),
      noData: 'No data from the hub yet',
      staleBanner: 'Lists are out of date — check the hub connection, call IT',
      version: 'Software version',
      versionRequired: 'hub requires',
    },
  },
};
