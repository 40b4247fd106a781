/**
 * Errors as a guard reads them: what happened and what to do, Vietnamese first — never the raw code (it stays in a
 * data-code attribute for IT and the tests). Covers the contract's errors on the guard screen and the hub sync
 * errors of the sync box; anything unknown gets a sentence that still says what to do.
 */
import type { Language } from '../../core/index.js';

export interface ErrorText {
  readonly message: string;
  readonly next: string;
}

type Texts = Readonly<Record<Language, ErrorText>>;

const CALL_IT: Readonly<Record<Language, string>> = { vi: 'Báo bộ phận IT.', en: 'Tell IT.' };

const ERRORS: Readonly<Record<string, Texts>> = {
  CONNECTION_LOST: {
    vi: { message: 'Màn hình mất kết nối với máy kiểm soát.', next: 'Đang tự kết nối lại; kiểm tra người vào bằng mắt hoặc tờ khai giấy trong lúc chờ.' },
    en: { message: 'The screen lost its connection to the terminal.', next: 'Reconnecting by itself; check people by eye or on paper meanwhile.' },
  },
  TIMEOUT: {
    vi: { message: 'Máy kiểm soát không trả lời kịp.', next: 'Quét lại mã; nếu vẫn lỗi, báo bộ phận IT.' },
    en: { message: 'The terminal did not answer in time.', next: 'Scan again; if it keeps failing, tell IT.' },
  },
  REGISTER_WRITE_FAILED: {
    vi: { message: 'Không ghi được vào sổ (ổ đĩa đầy hoặc hỏng): cổng đang khóa.', next: 'Kiểm tra thủ công và ghi giấy; báo bộ phận IT ngay.' },
    en: { message: 'The register cannot be written (disk full or failing): the gate is locked.', next: 'Check people by hand and on paper; tell IT now.' },
  },
  BAD_PARAMS: {
    vi: { message: 'Yêu cầu không hợp lệ.', next: 'Thử lại; nếu vẫn lỗi, báo bộ phận IT.' },
    en: { message: 'The request was not valid.', next: 'Try again; if it keeps failing, tell IT.' },
  },
  HUB_UNREACHABLE: {
    vi: { message: 'Không kết nối được máy chủ.', next: 'Lượt quét vẫn được lưu tại máy; kiểm tra mạng.' },
    en: { message: 'Cannot reach the hub.', next: 'Scans are kept on this terminal; check the network.' },
  },
  HUB_TIMEOUT: {
    vi: { message: 'Máy chủ không trả lời kịp.', next: 'Lượt quét vẫn được lưu tại máy; máy sẽ tự thử lại.' },
    en: { message: 'The hub did not answer in time.', next: 'Scans are kept on this terminal; it retries by itself.' },
  },
  HUB_REFUSED: {
    vi: { message: 'Máy chủ từ chối máy này.', next: 'Báo bộ phận IT (có thể cần đăng ký lại).' },
    en: { message: 'The hub refused this terminal.', next: 'Tell IT (it may need enrolling again).' },
  },
  HUB_ANSWER_INVALID: {
    vi: { message: 'Máy chủ trả lời không hợp lệ.', next: CALL_IT.vi },
    en: { message: 'The hub gave an invalid answer.', next: CALL_IT.en },
  },
  BUNDLE_SIGNATURE_INVALID: {
    vi: { message: 'Dữ liệu từ máy chủ có chữ ký sai, không dùng.', next: CALL_IT.vi },
    en: { message: 'Data from the hub has a wrong signature and is not used.', next: CALL_IT.en },
  },
  BUNDLE_MALFORMED: {
    vi: { message: 'Dữ liệu từ máy chủ bị hỏng, không dùng.', next: CALL_IT.vi },
    en: { message: 'Data from the hub is damaged and is not used.', next: CALL_IT.en },
  },
  BUNDLE_ROLLBACK: {
    vi: { message: 'Máy chủ gửi dữ liệu cũ hơn dữ liệu đang dùng, không dùng.', next: CALL_IT.vi },
    en: { message: 'The hub sent older data than the terminal has; it is not used.', next: CALL_IT.en },
  },
  IDENTITY_MISMATCH: {
    vi: { message: 'Danh tính máy không khớp với máy chủ.', next: 'Báo bộ phận IT để đăng ký lại máy.' },
    en: { message: "The terminal's identity does not match the hub's.", next: 'Tell IT to enrol the terminal again.' },
  },
  IDENTITY_DAMAGED: {
    vi: { message: 'Tệp danh tính của máy bị hỏng.', next: 'Báo bộ phận IT để đăng ký lại máy.' },
    en: { message: "The terminal's identity file is damaged.", next: 'Tell IT to enrol the terminal again.' },
  },
  REQUEST_EXPIRED: {
    vi: { message: 'Máy chủ từ chối vì giờ của máy sai lệch.', next: 'Báo bộ phận IT kiểm tra đồng hồ (NTP).' },
    en: { message: "The hub refused the request: the terminal's clock is off.", next: 'Tell IT to check the clock (NTP).' },
  },
  CLOCK_OFF: {
    vi: { message: 'Đồng hồ của máy sai lệch so với máy chủ.', next: 'Báo bộ phận IT kiểm tra đồng hồ (NTP).' },
    en: { message: "The terminal's clock differs from the hub's.", next: 'Tell IT to check the clock (NTP).' },
  },
  HUB_GAP_UNRECOVERABLE: {
    vi: { message: 'Máy chủ thiếu một phần lượt quét không gửi lại được.', next: CALL_IT.vi },
    en: { message: 'The hub is missing entries that cannot be sent again.', next: CALL_IT.en },
  },
};

const UNKNOWN: Texts = {
  vi: { message: 'Máy kiểm soát gặp lỗi.', next: 'Thử lại; nếu vẫn lỗi, kiểm tra thủ công và báo bộ phận IT.' },
  en: { message: 'The terminal hit an error.', next: 'Try again; if it keeps failing, check by hand and tell IT.' },
};

export function errorText(code: string, language: Language): ErrorText {
  return (ERRORS[code] ?? UNKNOWN)[language];
}

/** One line for a dialog: what happened, then what to do. */
export function errorLine(code: string, language: Language): string {
  const { message, next } = errorText(code, language);
  return `${message} ${next}`;
}
