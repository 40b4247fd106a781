/** Screen words for first boot / enrolment on the device (setup screen and the settings section), Vietnamese first. */
import type { Language } from '../../core/index.js';

export interface SetupText {
  readonly title: string;
  readonly intro: string;
  readonly chooseLanguage: string;
  readonly scanHint: string;
  readonly usbHint: string;
  readonly pasteLabel: string;
  readonly enrol: string;
  readonly camera: string;
  readonly pin: string;
  readonly enrolling: string;
  readonly enrolled: (terminalId: string, checkpoint: string) => string;
  readonly selfTest: string;
  readonly done: string;
  readonly continue: string;
  readonly settingsTitle: string;
  readonly current: (terminalId: string | null, hubUrl: string) => string;
  readonly source: Record<string, string>;
  /** Error code → what happened and what to do. */
  readonly errors: Record<string, string>;
  readonly unknownError: (code: string) => string;
}

export const SETUP_TEXT: Readonly<Record<Language, SetupText>> = {
  vi: {
    title: 'Cài đặt lần đầu',
    intro: 'Máy chưa được đăng ký với máy chủ. Làm theo các bước dưới đây.',
    chooseLanguage: '1. Chọn ngôn ngữ',
    scanHint: '2. Quét mã QR đăng ký (từ trang quản trị máy chủ) bằng máy quét hoặc camera, hoặc dán mã bên dưới.',
    usbHint: 'Hoặc cắm USB có tệp enroll.json.',
    pasteLabel: 'Mã đăng ký',
    enrol: 'Đăng ký',
    camera: 'Camera',
    pin: 'Mã PIN cài đặt',
    enrolling: 'Đang đăng ký với máy chủ…',
    enrolled: (id, cp) => `Đã đăng ký: ${id} — ${cp}`,
    selfTest: '3. Kiểm tra phần cứng',
    done: 'Hoàn tất. Máy sẵn sàng hoạt động.',
    continue: 'Vào màn hình cổng',
    settingsTitle: 'Đăng ký / đăng ký lại với máy chủ',
    current: (id, hub) => (id ? `Đang đăng ký: ${id} tại ${hub}` : `Chưa đăng ký với ${hub}`),
    source: { paste: 'mã dán', camera: 'camera', wedge: 'máy quét', scanner: 'máy quét', usb: 'USB' },
    errors: {
      ENROLMENT_TOKEN_MALFORMED: 'Đây không phải mã đăng ký. Kiểm tra lại mã (GTE1.…) từ trang quản trị.',
      NOT_AN_ENROLMENT_CODE: 'Mã vừa quét không phải mã QR đăng ký. Quét mã QR từ trang quản trị máy chủ.',
      ENROLMENT_FILE_INVALID: 'Tệp enroll.json trên USB không có mã đăng ký. Tạo lại tệp từ trang quản trị.',
      ENROLMENT_TOKEN_UNKNOWN: 'Máy chủ không biết mã này (gõ sai, hoặc mã của máy chủ khác). Xin mã mới từ quản trị.',
      ENROLMENT_TOKEN_USED: 'Mã đăng ký đã được dùng. Xin quản trị tạo mã mới.',
      ENROLMENT_TOKEN_EXPIRED: 'Mã đăng ký đã hết hạn. Xin quản trị tạo mã mới; kiểm tra ngày giờ của máy.',
      CHECKPOINT_MISMATCH: 'Mã đăng ký dành cho điểm kiểm soát khác. Xin mã cho đúng điểm kiểm soát của máy này.',
      HUB_UNREACHABLE: 'Không kết nối được máy chủ. Kiểm tra mạng và địa chỉ máy chủ (hub.url), rồi thử lại.',
      HUB_ANSWER_INVALID: 'Máy chủ trả lời không hợp lệ. Gọi IT.',
      CLOCK_OFF: 'Đồng hồ của máy sai lệch so với máy chủ. Chỉnh ngày giờ (NTP), rồi thử lại.',
      BAD_PIN: 'Sai mã PIN',
      PIN_LOCKED: 'Nhập sai quá nhiều lần, thử lại sau',
      PIN_NOT_SET: 'Chưa đặt mã PIN cài đặt: chạy sudo gate-terminal set-pin trên máy này rồi thử lại',
      ENROLMENT_RUNNING: 'Đang đăng ký, vui lòng chờ',
      NO_HUB_CONFIGURED: 'Cấu hình chưa có máy chủ (hub.url). Gọi IT.',
    },
    unknownError: (code) => `Đăng ký không thành công (${code}). Gọi IT.`,
  },
  en: {
    title: 'First-time setup',
    intro: 'This terminal is not enrolled with the hub yet. Follow the steps below.',
    chooseLanguage: '1. Choose the language',
    scanHint: '2. Scan the enrolment QR (from the hub admin page) with the scanner or the camera, or paste the token below.',
    usbHint: 'Or plug in a USB stick holding enroll.json.',
    pasteLabel: 'Enrolment token',
    enrol: 'Enrol',
    camera: 'Camera',
    pin: 'Settings PIN',
    enrolling: 'Enrolling with the hub…',
    enrolled: (id, cp) => `Enrolled: ${id} — ${cp}`,
    selfTest: '3. Hardware self-test',
    done: 'Done. The terminal is ready.',
    continue: 'Go to the gate screen',
    settingsTitle: 'Enrol / re-enrol with the hub',
    current: (id, hub) => (id ? `Enrolled as ${id} at ${hub}` : `Not enrolled with ${hub}`),
    source: { paste: 'pasted token', camera: 'camera', wedge: 'scanner', scanner: 'scanner', usb: 'USB' },
    errors: {
      ENROLMENT_TOKEN_MALFORMED: 'This is not an enrolment token. Check the token (GTE1.…) from the admin page.',
      NOT_AN_ENROLMENT_CODE: 'The scanned code is not an enrolment QR. Scan the QR from the hub admin page.',
      ENROLMENT_FILE_INVALID: 'The enroll.json on the USB stick holds no enrolment token. Create it again from the admin page.',
      ENROLMENT_TOKEN_UNKNOWN: 'The hub does not know this token (mistyped, or for another hub). Ask the admin for a new one.',
      ENROLMENT_TOKEN_USED: 'This enrolment token was already used. Ask the admin for a new one.',
      ENROLMENT_TOKEN_EXPIRED: "This enrolment token has expired. Ask the admin for a new one; check the terminal's date and time.",
      CHECKPOINT_MISMATCH: "This token is for another checkpoint. Ask for a token for this terminal's checkpoint.",
      HUB_UNREACHABLE: 'Cannot reach the hub. Check the network and the hub address (hub.url), then try again.',
      HUB_ANSWER_INVALID: 'The hub gave an invalid answer. Call IT.',
      CLOCK_OFF: "The terminal's clock is off from the hub's. Set the date and time (NTP), then try again.",
      BAD_PIN: 'Wrong PIN',
      PIN_LOCKED: 'Too many wrong PINs, try again later',
      PIN_NOT_SET: 'No settings PIN is set: run sudo gate-terminal set-pin on this machine, then try again',
      ENROLMENT_RUNNING: 'Enrolment in progress, please wait',
      NO_HUB_CONFIGURED: 'The config names no hub (hub.url). Call IT.',
    },
    unknownError: (code) => `Enrolment failed (${code}). Call IT.`,
  },
};

export function setupErrorText(language: Language, code: string): string {
  const t = SETUP_TEXT[language];
  return t.errors[code] ?? t.unknownError(code);
}
