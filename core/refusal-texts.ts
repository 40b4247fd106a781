/**
 * The words behind every refusal code: what happened and what to do next, in Vietnamese and English, as the guard
 * (or the IT person at first boot) reads them. Every code must have all four texts (test/unit/core/refusals.test.ts
 * enforces it). Kept apart from reason-texts.ts: those explain a person's result, these the terminal's own trouble.
 */
import type { RefusalCode, RefusalTexts } from './refusals.js';

const CALL_IT = { vi: 'Báo bộ phận IT.', en: 'Tell IT.' } as const;
const TRY_AGAIN = { vi: 'Thử lại; nếu vẫn lỗi, báo bộ phận IT.', en: 'Try again; if it keeps failing, tell IT.' } as const;
const SCAN_AGAIN = { vi: 'Quét lại mã.', en: 'Scan the code again.' } as const;
const CHECK_BY_HAND = { vi: 'Kiểm tra thủ công và ghi giấy; báo bộ phận IT ngay.', en: 'Check people by hand and on paper; tell IT now.' } as const;
const DECIDE_AGAIN = { vi: 'Quyết định lại bằng «Bảo vệ cho vào» hoặc «Bảo vệ từ chối».', en: 'Decide again with “Guard admits” or “Guard refuses”.' } as const;
const NEW_TOKEN = { vi: 'Xin quản trị tạo mã mới.', en: 'Ask the admin for a new one.' } as const;
const ENROL_AGAIN = { vi: 'Báo bộ phận IT để đăng ký lại máy.', en: 'Tell IT to enrol the terminal again.' } as const;
const CHECK_CLOCK = { vi: 'Báo bộ phận IT kiểm tra đồng hồ (NTP).', en: 'Tell IT to check the clock (NTP).' } as const;

/** For a code this renderer does not know (a host of another version): still says what to do. */
export const UNKNOWN_REFUSAL_TEXT: RefusalTexts = {
  vi: { message: 'Máy kiểm soát gặp lỗi.', next: 'Thử lại; nếu vẫn lỗi, kiểm tra thủ công và báo bộ phận IT.' },
  en: { message: 'The terminal hit an error.', next: 'Try again; if it keeps failing, check by hand and tell IT.' },
};

const t = (vi: string, viNext: string, en: string, enNext: string): RefusalTexts => ({ vi: { message: vi, next: viNext }, en: { message: en, next: enNext } });

export const REFUSAL_TEXTS: Readonly<Record<RefusalCode, RefusalTexts>> = {
  CONNECTION_LOST: t(
    'Màn hình mất kết nối với máy kiểm soát.', 'Đang tự kết nối lại; kiểm tra người vào bằng mắt hoặc tờ khai giấy trong lúc chờ.',
    'The screen lost its connection to the terminal.', 'Reconnecting by itself; check people by eye or on paper meanwhile.',
  ),
  TIMEOUT: t('Máy kiểm soát không trả lời kịp.', 'Quét lại mã; nếu vẫn lỗi, báo bộ phận IT.', 'The terminal did not answer in time.', 'Scan again; if it keeps failing, tell IT.'),
  UNKNOWN: UNKNOWN_REFUSAL_TEXT,
  INTERNAL: UNKNOWN_REFUSAL_TEXT,
  BAD_MESSAGE: t('Yêu cầu không hợp lệ.', TRY_AGAIN.vi, 'The request was not valid.', TRY_AGAIN.en),
  BAD_PARAMS: t('Yêu cầu không hợp lệ.', TRY_AGAIN.vi, 'The request was not valid.', TRY_AGAIN.en),
  UNKNOWN_METHOD: t(
    'Máy kiểm soát không hiểu yêu cầu này (màn hình và máy khác phiên bản).', 'Tải lại màn hình; nếu vẫn lỗi, báo bộ phận IT.',
    'The terminal does not know this request (screen and terminal differ in version).', 'Reload the screen; if it keeps failing, tell IT.',
  ),
  FORBIDDEN_SENDER: t('Yêu cầu đến từ một trang không được phép.', CALL_IT.vi, 'The request came from a page that is not allowed.', CALL_IT.en),
  REGISTER_WRITE_FAILED: t(
    'Không ghi được vào sổ (ổ đĩa đầy hoặc hỏng): cổng đang khóa.', CHECK_BY_HAND.vi,
    'The register cannot be written (disk full or failing): the gate is locked.', CHECK_BY_HAND.en,
  ),
  STORAGE_FULL: t('Bộ nhớ đầy: không ghi được sổ, cổng ở trạng thái an toàn.', CHECK_BY_HAND.vi, 'Storage is full: the register cannot be written; the gate is in its safe state.', CHECK_BY_HAND.en),
  STORAGE_READ_ONLY: t('Bộ nhớ chỉ đọc: không ghi được sổ, cổng ở trạng thái an toàn.', CHECK_BY_HAND.vi, 'Storage is read-only: the register cannot be written; the gate is in its safe state.', CHECK_BY_HAND.en),
  STORAGE_IO_ERROR: t('Lỗi đọc/ghi bộ nhớ: không ghi được sổ, cổng ở trạng thái an toàn.', CHECK_BY_HAND.vi, 'Storage I/O error: the register cannot be written; the gate is in its safe state.', CHECK_BY_HAND.en),
  DIRECTION_FIXED: t('Điểm kiểm soát này chỉ phục vụ một chiều.', 'Không cần đổi chiều; báo bộ phận IT nếu cấu hình sai.', 'This checkpoint serves one direction only.', 'No need to switch; tell IT if the configuration is wrong.'),
  PAPER_FORM_INVALID: t('Tờ khai chưa đúng.', 'Kiểm tra lại các ô rồi gửi lại.', 'The form is not complete.', 'Check the fields and send it again.'),
  ENTRY_NOT_FOUND: t('Không tìm thấy lượt này trên máy.', SCAN_AGAIN.vi, 'This entry is not on this terminal.', SCAN_AGAIN.en),
  ALREADY_OVERRIDDEN: t('Lượt này đã được xử lý rồi.', 'Xem kết quả mới nhất trên màn hình.', 'This entry was already handled.', 'See the latest result on the screen.'),
  OVERRIDE_NOT_ALLOWED: t('Không được phép thay đổi lượt này.', 'Quét lại mã nếu cần quyết định mới.', 'This entry cannot be changed.', 'Scan again if a new decision is needed.'),
  OVERRIDE_TOO_LATE: t('Lượt quét này đã quá 10 phút, không thay đổi được.', SCAN_AGAIN.vi, 'This scan is more than 10 minutes old and cannot be changed.', SCAN_AGAIN.en),
  UNDO_NOT_ALLOWED: t('Chỉ hoàn tác được quyết định của bảo vệ.', DECIDE_AGAIN.vi, "Only a guard's decision can be undone.", DECIDE_AGAIN.en),
  UNDO_TOO_LATE: t('Đã quá 30 giây, không hoàn tác được.', DECIDE_AGAIN.vi, 'More than 30 s ago: it cannot be undone.', DECIDE_AGAIN.en),
  HOST_NOT_NEEDED: t('Lượt này không cần chọn người tiếp đón.', 'Đóng danh sách và làm theo kết quả trên màn hình.', 'This entry does not need a host.', 'Close the list and follow the result on the screen.'),
  HOST_NOT_FOUND: t('Người này không còn trong danh sách của bộ phận.', 'Chọn người khác.', 'This person is no longer on the department list.', 'Pick someone else.'),
  HOST_PICK_EXPIRED: t('Lượt quét này đã quá lâu (hoặc máy đã khởi động lại).', 'Quét lại thẻ của khách.', 'This scan is too old (or the terminal restarted).', 'Scan the visitor again.'),
  BAD_PIN: t('Sai mã PIN', 'Nhập lại mã PIN.', 'Wrong PIN', 'Type the PIN again.'),
  PIN_LOCKED: t(
    'Nhập sai quá nhiều lần: khóa tạm, mỗi lần sai tiếp theo khóa lâu gấp đôi.', 'Thử lại sau.',
    'Too many wrong PINs: locked for a while, each further wrong PIN locks twice as long.', 'Try again later.',
  ),
  PIN_NOT_SET: t('Chưa đặt mã PIN cài đặt.', 'Chạy sudo gate-terminal set-pin trên máy này rồi thử lại.', 'No settings PIN is set.', 'Run sudo gate-terminal set-pin on this machine, then try again.'),
  SELFTEST_RUNNING: t('Đang có một lần kiểm tra.', 'Chờ lần kiểm tra này xong.', 'A self-test is already running.', 'Wait for it to finish.'),
  NOT_SIMULATED: t('Máy dùng phần cứng thật: không có nhật ký mô phỏng.', 'Chỉ dùng khi kiểm thử với phần cứng mô phỏng.', 'The hardware is real: there is no simulated log.', 'Use it only in tests with simulated hardware.'),
  NO_HUB_CONFIGURED: t('Cấu hình chưa có máy chủ (hub.url).', CALL_IT.vi, 'The config names no hub (hub.url).', CALL_IT.en),
  ENROLMENT_RUNNING: t('Đang đăng ký với máy chủ.', 'Vui lòng chờ.', 'Enrolment in progress.', 'Please wait.'),
  ENROLMENT_TOKEN_MALFORMED: t('Đây không phải mã đăng ký.', 'Kiểm tra lại mã (GTE1.…) từ trang quản trị.', 'This is not an enrolment token.', 'Check the token (GTE1.…) from the admin page.'),
  NOT_AN_ENROLMENT_CODE: t('Mã vừa quét không phải mã QR đăng ký.', 'Quét mã QR từ trang quản trị máy chủ.', 'The scanned code is not an enrolment QR.', 'Scan the QR from the hub admin page.'),
  ENROLMENT_FILE_INVALID: t('Tệp enroll.json trên USB không có mã đăng ký.', 'Tạo lại tệp từ trang quản trị.', 'The enroll.json on the USB stick holds no enrolment token.', 'Create it again from the admin page.'),
  ENROLMENT_TOKEN_UNKNOWN: t('Máy chủ không biết mã này (gõ sai, hoặc mã của máy chủ khác).', 'Xin mã mới từ quản trị.', 'The hub does not know this token (mistyped, or for another hub).', NEW_TOKEN.en),
  ENROLMENT_TOKEN_USED: t('Mã đăng ký đã được dùng.', NEW_TOKEN.vi, 'This enrolment token was already used.', NEW_TOKEN.en),
  ENROLMENT_TOKEN_EXPIRED: t('Mã đăng ký đã hết hạn.', 'Xin quản trị tạo mã mới; kiểm tra ngày giờ của máy.', 'This enrolment token has expired.', "Ask the admin for a new one; check the terminal's date and time."),
  CHECKPOINT_MISMATCH: t('Mã đăng ký dành cho điểm kiểm soát khác.', 'Xin mã cho đúng điểm kiểm soát của máy này.', 'This token is for another checkpoint.', "Ask for a token for this terminal's checkpoint."),
  ALREADY_ENROLLED: t('Máy đã được đăng ký với máy chủ.', 'Đăng ký lại từ màn hình cài đặt (cần mã PIN).', 'This terminal is already enrolled.', 'Re-enrol from the settings screen (needs the PIN).'),
  ENROLMENT_FAILED: t('Đăng ký không thành công.', CALL_IT.vi, 'Enrolment failed.', CALL_IT.en),
  HUB_UNREACHABLE: t('Không kết nối được máy chủ.', 'Lượt quét vẫn được lưu tại máy; kiểm tra mạng.', 'Cannot reach the hub.', 'Scans are kept on this terminal; check the network.'),
  HUB_TIMEOUT: t('Máy chủ không trả lời kịp.', 'Lượt quét vẫn được lưu tại máy; máy sẽ tự thử lại.', 'The hub did not answer in time.', 'Scans are kept on this terminal; it retries by itself.'),
  HUB_REFUSED: t('Máy chủ từ chối máy này.', 'Báo bộ phận IT (có thể cần đăng ký lại).', 'The hub refused this terminal.', 'Tell IT (it may need enrolling again).'),
  HUB_ANSWER_INVALID: t('Máy chủ trả lời không hợp lệ.', CALL_IT.vi, 'The hub gave an invalid answer.', CALL_IT.en),
  BUNDLE_SIGNATURE_INVALID: t('Dữ liệu từ máy chủ có chữ ký sai, không dùng.', CALL_IT.vi, 'Data from the hub has a wrong signature and is not used.', CALL_IT.en),
  BUNDLE_SIGNER_UNKNOWN: t(
    'Dữ liệu từ máy chủ được ký bằng khóa máy này chưa biết, không dùng; máy vẫn dùng dữ liệu cũ.',
    'Báo bộ phận IT: máy đã bỏ lỡ lần đổi khóa của máy chủ, cần đăng ký lại.',
    'Data from the hub is signed with a key this terminal does not know and is not used; the terminal keeps its last data.',
    'Tell IT: the terminal missed a hub key rotation and must be enrolled again.',
  ),
  BUNDLE_MALFORMED: t('Dữ liệu từ máy chủ bị hỏng, không dùng.', CALL_IT.vi, 'Data from the hub is damaged and is not used.', CALL_IT.en),
  BUNDLE_ROLLBACK: t('Máy chủ gửi dữ liệu cũ hơn dữ liệu đang dùng, không dùng.', CALL_IT.vi, 'The hub sent older data than the terminal has; it is not used.', CALL_IT.en),
  IDENTITY_MISMATCH: t('Danh tính máy không khớp với máy chủ.', ENROL_AGAIN.vi, "The terminal's identity does not match the hub's.", ENROL_AGAIN.en),
  IDENTITY_DAMAGED: t('Tệp danh tính của máy bị hỏng.', ENROL_AGAIN.vi, "The terminal's identity file is damaged.", ENROL_AGAIN.en),
  REQUEST_EXPIRED: t('Máy chủ từ chối vì giờ của máy sai lệch.', CHECK_CLOCK.vi, "The hub refused the request: the terminal's clock is off.", CHECK_CLOCK.en),
  CLOCK_OFF: t('Đồng hồ của máy sai lệch so với máy chủ.', CHECK_CLOCK.vi, "The terminal's clock differs from the hub's.", CHECK_CLOCK.en),
  HUB_GAP_UNRECOVERABLE: t('Máy chủ thiếu một phần lượt quét không gửi lại được.', CALL_IT.vi, 'The hub is missing entries that cannot be sent again.', CALL_IT.en),
  QUEUE_NOT_DRAINED: t('Còn lượt quét chưa gửi lên máy chủ.', 'Chờ đồng bộ xong rồi thử lại; báo bộ phận IT nếu kéo dài.', 'Some scans have not reached the hub yet.', 'Wait for the sync, then try again; tell IT if it lasts.'),
  TERMINAL_REVOKED: t('Máy chủ đã thu hồi máy này.', ENROL_AGAIN.vi, 'The hub has revoked this terminal.', ENROL_AGAIN.en),
  TERMINAL_UNKNOWN: t('Máy chủ không biết máy này.', ENROL_AGAIN.vi, 'The hub does not know this terminal.', ENROL_AGAIN.en),
};

/** During enrolment nothing is queued yet and the IT person is at the screen: check and try again. */
export const REFUSAL_TEXTS_DURING_ENROLMENT: Readonly<Partial<Record<RefusalCode, RefusalTexts>>> = {
  HUB_UNREACHABLE: t(
    'Không kết nối được máy chủ.', 'Kiểm tra mạng và địa chỉ máy chủ (hub.url), rồi thử lại.',
    'Cannot reach the hub.', 'Check the network and the hub address (hub.url), then try again.',
  ),
  CLOCK_OFF: t('Đồng hồ của máy sai lệch so với máy chủ.', 'Chỉnh ngày giờ (NTP), rồi thử lại.', "The terminal's clock is off from the hub's.", 'Set the date and time (NTP), then try again.'),
};
