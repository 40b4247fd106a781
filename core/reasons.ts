/**
 * Reason codes: the explicit "why" of every gate decision.
 *
 * Contract: every code carries a Vietnamese and an English message and a next step for the person at the door.
 * The guard screen, the register and the hub all speak in these codes; texts live only here so that a code can never
 * be shown without its explanation. Adding a code means adding all four texts (the table test enforces it).
 */

export const ReasonCode = {
  // admitting reasons
  DeclarationValid: 'DECLARATION_VALID',
  // payload-level problems (before any credential is recognised)
  PayloadEmpty: 'PAYLOAD_EMPTY',
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
  PayloadUnreadable: 'PAYLOAD_UNREADABLE',
  CredentialUnsupported: 'CREDENTIAL_UNSUPPORTED',
  CredentialKindNotAccepted: 'CREDENTIAL_KIND_NOT_ACCEPTED',
  // signed declaration token
  TokenMalformed: 'TOKEN_MALFORMED',
  TokenUnknownIssuer: 'TOKEN_UNKNOWN_ISSUER',
  TokenSignatureInvalid: 'TOKEN_SIGNATURE_INVALID',
  TokenExpired: 'TOKEN_EXPIRED',
  TokenNotYetValid: 'TOKEN_NOT_YET_VALID',
  DeclarationTooOld: 'DECLARATION_TOO_OLD',
  DeclarationNeedsMedicalCheck: 'DECLARATION_NEEDS_MEDICAL_CHECK',
  DeclarationMustIsolate: 'DECLARATION_MUST_ISOLATE',
  // terminal state
  ClockNotSynchronised: 'CLOCK_NOT_SYNCHRONISED',
  InternalError: 'INTERNAL_ERROR',
} as const;

export type ReasonCode = (typeof ReasonCode)[keyof typeof ReasonCode];

export type Language = 'vi' | 'en';

export interface ReasonText {
  /** What happened, one short sentence the person understands at a glance. */
  readonly message: string;
  /** What the person must do now. */
  readonly next: string;
}

export type ReasonTexts = Readonly<Record<Language, ReasonText>>;

const DECLARE_AGAIN_VI = 'Khai báo y tế lại rồi quét lại mã.';
const DECLARE_AGAIN_EN = 'Make a new health declaration, then scan again.';
const SCAN_AGAIN_VI = 'Quét lại mã; nếu vẫn lỗi, gặp bảo vệ để khai báo giấy.';
const SCAN_AGAIN_EN = 'Scan the code again; if it still fails, ask the guard for a paper declaration.';

export const REASON_TEXTS: Readonly<Record<ReasonCode, ReasonTexts>> = {
  DECLARATION_VALID: {
    vi: { message: 'Khai báo y tế hợp lệ.', next: 'Mời vào.' },
    en: { message: 'Health declaration is valid.', next: 'Please go ahead.' },
  },
  PAYLOAD_EMPTY: {
    vi: { message: 'Không đọc được mã (dữ liệu trống).', next: SCAN_AGAIN_VI },
    en: { message: 'Nothing was read from the code (empty scan).', next: SCAN_AGAIN_EN },
  },
  PAYLOAD_TOO_LARGE: {
    vi: { message: 'Dữ liệu quét quá dài, không phải mã QR hợp lệ.', next: SCAN_AGAIN_VI },
    en: { message: 'The scanned data is too long to be a valid QR code.', next: SCAN_AGAIN_EN },
  },
  PAYLOAD_UNREADABLE: {
    vi: { message: 'Dữ liệu quét bị lỗi hoặc chứa ký tự lạ.', next: SCAN_AGAIN_VI },
    en: { message: 'The scanned data is corrupted or contains stray characters.', next: SCAN_AGAIN_EN },
  },
  CREDENTIAL_UNSUPPORTED: {
    vi: { message: 'Mã này không phải tờ khai y tế hay giấy tờ được chấp nhận.', next: 'Mở mã QR khai báo y tế của bạn và quét lại.' },
    en: { message: 'This code is not a health declaration or an accepted credential.', next: 'Open your health-declaration QR code and scan again.' },
  },
  CREDENTIAL_KIND_NOT_ACCEPTED: {
    vi: { message: 'Điểm kiểm soát này không chấp nhận loại giấy tờ này.', next: 'Xuất trình mã khai báo y tế hoặc gặp bảo vệ.' },
    en: { message: 'This checkpoint does not accept this kind of credential.', next: 'Show your health-declaration code or ask the guard.' },
  },
  TOKEN_MALFORMED: {
    vi: { message: 'Mã khai báo bị hỏng, không đọc được.', next: DECLARE_AGAIN_VI },
    en: { message: 'The declaration code is damaged and cannot be read.', next: DECLARE_AGAIN_EN },
  },
  TOKEN_UNKNOWN_ISSUER: {
    vi: { message: 'Mã khai báo do nơi phát hành không được tin cậy cấp.', next: 'Khai báo tại trang khai báo chính thức rồi quét lại.' },
    en: { message: 'The declaration was issued by an issuer this checkpoint does not trust.', next: 'Declare on the official declaration page, then scan again.' },
  },
  TOKEN_SIGNATURE_INVALID: {
    vi: { message: 'Chữ ký của mã khai báo không đúng (mã đã bị sửa).', next: 'Khai báo y tế lại rồi quét lại mã; gặp bảo vệ nếu cần.' },
    en: { message: 'The declaration signature does not match (the code was altered).', next: 'Make a new health declaration and scan again; ask the guard if needed.' },
  },
  TOKEN_EXPIRED: {
    vi: { message: 'Khai báo y tế đã hết hạn.', next: DECLARE_AGAIN_VI },
    en: { message: 'The health declaration has expired.', next: DECLARE_AGAIN_EN },
  },
  TOKEN_NOT_YET_VALID: {
    vi: { message: 'Mã khai báo chưa có hiệu lực (giờ trên mã ở tương lai).', next: 'Kiểm tra giờ điện thoại, khai báo lại rồi quét lại.' },
    en: { message: 'The declaration is not valid yet (its time lies in the future).', next: 'Check your phone clock, declare again, then scan again.' },
  },
  DECLARATION_TOO_OLD: {
    vi: { message: 'Khai báo y tế đã quá thời gian cho phép của điểm kiểm soát này.', next: DECLARE_AGAIN_VI },
    en: { message: 'The health declaration is older than this checkpoint allows.', next: DECLARE_AGAIN_EN },
  },
  DECLARATION_NEEDS_MEDICAL_CHECK: {
    vi: { message: 'Khai báo cho thấy cần kiểm tra y tế.', next: 'Chờ bảo vệ hướng dẫn đến bộ phận y tế.' },
    en: { message: 'The declaration says a medical check is needed.', next: 'Wait for the guard to direct you to the medical desk.' },
  },
  DECLARATION_MUST_ISOLATE: {
    vi: { message: 'Khai báo cho thấy phải cách ly, không được vào.', next: 'Không vào tòa nhà; liên hệ trạm y tế địa phương.' },
    en: { message: 'The declaration says you must isolate; entry is not allowed.', next: 'Do not enter; contact the local health station.' },
  },
  CLOCK_NOT_SYNCHRONISED: {
    vi: { message: 'Đồng hồ của máy kiểm soát chưa được đồng bộ.', next: 'Bảo vệ kiểm tra kết quả bằng mắt; báo bộ phận IT.' },
    en: { message: "The terminal's clock is not synchronised.", next: 'Guard: check the result by eye and tell IT.' },
  },
  INTERNAL_ERROR: {
    vi: { message: 'Máy kiểm soát gặp lỗi khi xử lý mã.', next: 'Gặp bảo vệ để được kiểm tra thủ công.' },
    en: { message: 'The terminal hit an error while checking the code.', next: 'Ask the guard for a manual check.' },
  },
};

export function reasonText(code: ReasonCode, lang: Language): ReasonText {
  return REASON_TEXTS[code][lang];
}

export function isReasonCode(value: string): value is ReasonCode {
  return Object.prototype.hasOwnProperty.call(REASON_TEXTS, value);
}
