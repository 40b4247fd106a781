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
  readonly simulate: string;
  readonly simulateHint: string;
  readonly simulateButton: string;
  readonly credential: Record<CredentialKind, string>;
  readonly testKeyBanner: string;
  readonly disconnected: string;
  readonly clockNotSynced: string;
  readonly systemError: string;
  readonly language: string;
  readonly checkpoint: string;
  readonly terminal: string;
  readonly wedgeLabel: string;
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
    disconnected: 'Mất kết nối với máy chủ cổng — đang kết nối lại…',
    clockNotSynced: 'Đồng hồ chưa đồng bộ',
    systemError: 'LỖI HỆ THỐNG',
    language: 'English',
    checkpoint: 'Điểm kiểm soát',
    terminal: 'Máy',
    wedgeLabel: 'Ô nhận mã từ máy quét',
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
    disconnected: 'Lost connection to the terminal host — reconnecting…',
    clockNotSynced: 'Clock not synchronised',
    systemError: 'SYSTEM ERROR',
    language: 'Tiếng Việt',
    checkpoint: 'Checkpoint',
    terminal: 'Terminal',
    wedgeLabel: 'Scanner input',
  },
};
