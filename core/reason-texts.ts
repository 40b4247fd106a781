/**
 * The words behind every reason code: what happened and what to do next, in Vietnamese and English.
 * Every code must have all four texts (test/unit/core/reasons.test.ts enforces it); `{name}` placeholders are filled
 * from the decision's reasonParams by reasonText().
 */
import type { ReasonCode, ReasonTexts } from './reasons.js';

const DECLARE_AGAIN_VI = 'Khai báo y tế lại rồi quét lại mã.';
const DECLARE_AGAIN_EN = 'Make a new health declaration, then scan again.';
const SCAN_AGAIN_VI = 'Quét lại mã; nếu vẫn lỗi, gặp bảo vệ để khai báo giấy.';
const SCAN_AGAIN_EN = 'Scan the code again; if it still fails, ask the guard for a paper declaration.';

/**
 * What a person reads when a result needs the guard (a phone check-in or a declaration that says "medical check"): the
 * guard screen and the person's phone use these same words, so the two never disagree.
 */
export const SEE_GUARD_TEXT = { vi: 'Mời đến gặp bảo vệ.', en: 'Please see the guard.' } as const;

export const REASON_TEXTS: Readonly<Record<ReasonCode, ReasonTexts>> = {
  DECLARATION_VALID: {
    vi: { message: 'Khai báo y tế hợp lệ.', next: 'Mời vào.' },
    en: { message: 'Health declaration is valid.', next: 'Please go ahead.' },
  },
  DECLARATION_ON_FILE: {
    vi: { message: 'Đã có khai báo y tế hợp lệ cho giấy tờ này.', next: 'Mời vào.' },
    en: { message: 'A valid health declaration is on file for this ID.', next: 'Please go ahead.' },
  },
  DCC_VALID: {
    vi: { message: 'Chứng nhận COVID hợp lệ.', next: 'Mời vào.' },
    en: { message: 'The COVID certificate is valid.', next: 'Please go ahead.' },
  },
  STAFF_BADGE_VALID: {
    vi: { message: 'Thẻ nhân viên hợp lệ.', next: 'Mời vào.' },
    en: { message: 'Staff badge is valid.', next: 'Please go ahead.' },
  },
  GUARD_OVERRIDE_ADMIT: {
    vi: { message: 'Bảo vệ đã kiểm tra và cho vào.', next: 'Mời vào.' },
    en: { message: 'The guard checked and admitted this person.', next: 'Please go ahead.' },
  },
  GUARD_OVERRIDE_REFUSE: {
    vi: { message: 'Bảo vệ đã kiểm tra và không cho vào.', next: 'Làm theo hướng dẫn của bảo vệ.' },
    en: { message: 'The guard checked and refused entry.', next: "Follow the guard's instructions." },
  },
  PAPER_DECLARATION_VALID: {
    vi: { message: 'Tờ khai giấy đã được bảo vệ kiểm tra, không có dấu hiệu bệnh.', next: 'Mời vào.' },
    en: { message: 'Paper declaration checked by the guard: no symptoms, no contact.', next: 'Please go ahead.' },
  },
  GUARD_OVERRIDE_UNDONE: {
    vi: { message: 'Bảo vệ đã hoàn tác quyết định vừa rồi; kết quả ban đầu có hiệu lực lại.', next: 'Làm theo hướng dẫn của bảo vệ.' },
    en: { message: "The guard undid the last override; the original result stands again.", next: "Follow the guard's instructions." },
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
  UNSUPPORTED_URL: {
    vi: { message: 'Mã này là một đường dẫn web, không phải tờ khai y tế.', next: 'Mở mã QR khai báo y tế của bạn và quét lại.' },
    en: { message: 'This code is a web link, not a health declaration.', next: 'Open your health-declaration QR code and scan again.' },
  },
  UNSUPPORTED_SMART_HEALTH_CARD: {
    vi: { message: 'Mã này là thẻ SMART Health Card, điểm kiểm soát này không chấp nhận.', next: 'Xuất trình mã khai báo y tế hoặc chứng nhận COVID (DCC).' },
    en: { message: 'This is a SMART Health Card, which this checkpoint does not accept.', next: 'Show your health-declaration code or an EU DCC certificate.' },
  },
  UNSUPPORTED_BARCODE: {
    vi: { message: 'Mã này là mã vạch số (ví dụ mã sản phẩm), không phải tờ khai y tế.', next: 'Mở mã QR khai báo y tế của bạn và quét lại.' },
    en: { message: 'This is a numeric barcode (e.g. a product code), not a health declaration.', next: 'Open your health-declaration QR code and scan again.' },
  },
  UNSUPPORTED_TEXT: {
    vi: { message: 'Mã này chỉ chứa văn bản thường, không phải tờ khai y tế.', next: 'Mở mã QR khai báo y tế của bạn và quét lại.' },
    en: { message: 'This code holds plain text, not a health declaration.', next: 'Open your health-declaration QR code and scan again.' },
  },
  CREDENTIAL_REVOKED: {
    vi: { message: 'Giấy tờ này đã bị thu hồi.', next: 'Khai báo y tế lại rồi quét lại mã; gặp bảo vệ nếu cần.' },
    en: { message: 'This credential has been revoked.', next: 'Make a new health declaration and scan again; ask the guard if needed.' },
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
  // The phone (hub/declare) and the guard screen say the same words for a check-in that needs the guard.
  PHONE_CHECKIN_SEE_GUARD: {
    vi: { message: 'Check-in bằng điện thoại cần bảo vệ kiểm tra.', next: SEE_GUARD_TEXT.vi },
    en: { message: 'This phone check-in needs the guard.', next: SEE_GUARD_TEXT.en },
  },
  DECLARATION_MUST_ISOLATE: {
    vi: { message: 'Khai báo cho thấy phải cách ly, không được vào.', next: 'Không vào tòa nhà; liên hệ trạm y tế địa phương.' },
    en: { message: 'The declaration says you must isolate; entry is not allowed.', next: 'Do not enter; contact the local health station.' },
  },
  IDENTITY_QR_MALFORMED: {
    vi: { message: 'Không đọc được mã QR trên CCCD / PC-Covid.', next: 'Quét lại mã; nếu vẫn lỗi, gặp bảo vệ để khai báo giấy.' },
    en: { message: 'The ID card / PC-Covid QR code could not be read.', next: 'Scan again; if it still fails, ask the guard for a paper declaration.' },
  },
  IDENTITY_QR_NUMBER_HIDDEN: {
    vi: { message: 'Mã QR đang ẩn số giấy tờ nên không tra được khai báo y tế.', next: 'Trong ứng dụng, bật hiện đầy đủ số giấy tờ rồi quét lại.' },
    en: { message: 'The QR code hides the ID number, so no declaration can be looked up.', next: 'In the app, show the full ID number, then scan again.' },
  },
  DECLARATION_NOT_FOUND: {
    vi: { message: 'Chưa khai báo y tế.', next: 'Khai báo y tế rồi quét lại mã.' },
    en: { message: 'No health declaration found.', next: 'Make a health declaration, then scan again.' },
  },
  DECLARATION_ON_FILE_EXPIRED: {
    vi: { message: 'Khai báo y tế đã hết hạn.', next: DECLARE_AGAIN_VI },
    en: { message: 'The health declaration has expired.', next: DECLARE_AGAIN_EN },
  },
  DECLARATION_SET_STALE: {
    vi: { message: 'Dữ liệu khai báo trên máy đã cũ (mất kết nối máy chủ), không tra cứu được.', next: 'Bảo vệ kiểm tra thủ công: mã khai báo trên điện thoại hoặc tờ khai giấy.' },
    en: { message: "The terminal's declaration data is out of date (no hub connection); it cannot be looked up.", next: 'Guard: check by hand — the declaration QR on the phone or a paper declaration.' },
  },
  DCC_MALFORMED: {
    vi: { message: 'Chứng nhận COVID bị hỏng, không đọc được.', next: 'Mở lại chứng nhận trong ứng dụng và quét lại.' },
    en: { message: 'The COVID certificate is damaged and cannot be read.', next: 'Open the certificate again in your app and scan again.' },
  },
  DCC_UNKNOWN_SIGNER: {
    vi: { message: 'Chứng nhận COVID do nơi cấp không có trong danh sách tin cậy.', next: 'Xuất trình mã khai báo y tế hoặc gặp bảo vệ.' },
    en: { message: 'The COVID certificate was signed by an issuer not on the trust list.', next: 'Show your health-declaration code or ask the guard.' },
  },
  DCC_SIGNATURE_INVALID: {
    vi: { message: 'Chữ ký của chứng nhận COVID không đúng (đã bị sửa).', next: 'Xuất trình chứng nhận gốc hoặc gặp bảo vệ.' },
    en: { message: 'The COVID certificate signature does not match (it was altered).', next: 'Show the original certificate or ask the guard.' },
  },
  DCC_SIGNER_NOT_VALID: {
    vi: { message: 'Chứng thư của nơi cấp chứng nhận COVID đã hết hạn hoặc chưa có hiệu lực.', next: 'Xin cấp lại chứng nhận rồi quét lại.' },
    en: { message: "The certificate issuer's signing certificate has expired or is not valid yet.", next: 'Get the certificate reissued, then scan again.' },
  },
  DCC_WRONG_CERTIFICATE_TYPE: {
    vi: { message: 'Nơi cấp không được phép cấp loại chứng nhận COVID này.', next: 'Xuất trình chứng nhận khác hoặc gặp bảo vệ.' },
    en: { message: 'The issuer is not allowed to sign this type of COVID certificate.', next: 'Show another certificate or ask the guard.' },
  },
  DCC_EXPIRED: {
    vi: { message: 'Chứng nhận COVID đã hết hạn.', next: 'Xin cấp lại chứng nhận hoặc khai báo y tế rồi quét lại.' },
    en: { message: 'The COVID certificate has expired.', next: 'Get it reissued, or make a health declaration and scan again.' },
  },
  DCC_NOT_YET_VALID: {
    vi: { message: 'Chứng nhận COVID chưa có hiệu lực.', next: 'Kiểm tra lại chứng nhận hoặc gặp bảo vệ.' },
    en: { message: 'The COVID certificate is not valid yet.', next: 'Check the certificate or ask the guard.' },
  },
  DCC_SCHEMA_INVALID: {
    vi: { message: 'Nội dung chứng nhận COVID không đúng định dạng.', next: 'Xin cấp lại chứng nhận hoặc gặp bảo vệ.' },
    en: { message: 'The COVID certificate content is not in the required format.', next: 'Get it reissued or ask the guard.' },
  },
  DCC_CODE_NOT_IN_VALUE_SET: {
    vi: { message: 'Chứng nhận COVID có mã (vắc xin, xét nghiệm hoặc quốc gia) không có trong danh mục EU của điểm kiểm soát.', next: 'Bảo vệ kiểm tra chứng nhận; nếu hợp lệ thì cho qua.' },
    en: { message: 'The COVID certificate holds a code (vaccine, test or country) that is not in this checkpoint\'s EU value sets.', next: 'The guard checks the certificate and lets you in if it is valid.' },
  },
  DCC_TYPE_NOT_ACCEPTED: {
    vi: { message: 'Điểm kiểm soát này không chấp nhận loại chứng nhận COVID này.', next: 'Xuất trình mã khai báo y tế hoặc gặp bảo vệ.' },
    en: { message: 'This checkpoint does not accept this type of COVID certificate.', next: 'Show your health-declaration code or ask the guard.' },
  },
  DCC_VACCINATION_INCOMPLETE: {
    vi: { message: 'Chưa tiêm đủ liều theo chứng nhận.', next: 'Khai báo y tế rồi quét lại mã; gặp bảo vệ nếu cần.' },
    en: { message: 'The vaccination series is not complete.', next: 'Make a health declaration and scan again; ask the guard if needed.' },
  },
  DCC_VACCINATION_TOO_RECENT: {
    vi: { message: 'Mũi tiêm cuối chưa đủ số ngày để có hiệu lực.', next: 'Khai báo y tế rồi quét lại mã; gặp bảo vệ nếu cần.' },
    en: { message: 'The last dose is too recent to count yet.', next: 'Make a health declaration and scan again; ask the guard if needed.' },
  },
  DCC_VACCINATION_TOO_OLD: {
    vi: { message: 'Chứng nhận tiêm chủng đã quá thời hạn được chấp nhận.', next: 'Khai báo y tế rồi quét lại mã; gặp bảo vệ nếu cần.' },
    en: { message: 'The vaccination is older than this checkpoint accepts.', next: 'Make a health declaration and scan again; ask the guard if needed.' },
  },
  DCC_TEST_POSITIVE: {
    vi: { message: 'Kết quả xét nghiệm dương tính, không được vào.', next: 'Không vào tòa nhà; liên hệ trạm y tế địa phương.' },
    en: { message: 'The test result is positive; entry is not allowed.', next: 'Do not enter; contact the local health station.' },
  },
  DCC_TEST_TOO_OLD: {
    vi: { message: 'Kết quả xét nghiệm đã quá thời gian cho phép.', next: 'Xét nghiệm lại hoặc khai báo y tế rồi quét lại.' },
    en: { message: 'The test result is older than allowed.', next: 'Get a new test, or make a health declaration and scan again.' },
  },
  DCC_RECOVERY_TOO_RECENT: {
    vi: { message: 'Chứng nhận khỏi bệnh chưa có hiệu lực (quá gần ngày dương tính).', next: 'Khai báo y tế rồi quét lại mã; gặp bảo vệ nếu cần.' },
    en: { message: 'The recovery certificate is not valid yet (too close to the positive test).', next: 'Make a health declaration and scan again; ask the guard if needed.' },
  },
  DCC_RECOVERY_TOO_OLD: {
    vi: { message: 'Chứng nhận khỏi bệnh đã quá thời hạn được chấp nhận.', next: 'Khai báo y tế rồi quét lại mã; gặp bảo vệ nếu cần.' },
    en: { message: 'The recovery certificate is older than this checkpoint accepts.', next: 'Make a health declaration and scan again; ask the guard if needed.' },
  },
  STAFF_WRONG_DEPARTMENT: {
    vi: { message: 'Thẻ nhân viên không thuộc bộ phận của điểm kiểm soát này.', next: 'Đến đúng điểm kiểm soát của bộ phận bạn hoặc gặp bảo vệ.' },
    en: { message: "The staff badge belongs to another department than this checkpoint's.", next: "Use your own department's checkpoint or ask the guard." },
  },
  STAFF_ONLY_CHECKPOINT: {
    vi: { message: 'Điểm kiểm soát này chỉ dành cho nhân viên.', next: 'Khách vui lòng đến quầy lễ tân / cổng chính.' },
    en: { message: 'This checkpoint is for staff only.', next: 'Visitors please go to the reception / main entrance.' },
  },
  STAFF_NEEDS_DECLARATION: {
    vi: { message: 'Nhân viên cũng cần khai báo y tế còn hiệu lực.', next: 'Khai báo y tế rồi quét lại mã.' },
    en: { message: 'Staff also need a valid health declaration here.', next: 'Make a health declaration, then scan again.' },
  },
  ALREADY_INSIDE: {
    vi: { message: 'Đã vào lúc {since} tại {checkpoint} và chưa ghi nhận ra.', next: 'Bảo vệ kiểm tra: mã có thể bị dùng chung, hoặc lượt ra chưa được quét.' },
    en: { message: 'Already inside since {since} at {checkpoint}; no exit recorded.', next: 'Guard: check — the code may be shared, or an exit was not scanned.' },
  },
  EXIT_WITHOUT_ENTRY: {
    vi: { message: 'Không có lượt vào được ghi nhận trước lượt ra này.', next: 'Lượt ra vẫn được ghi lại.' },
    en: { message: 'No entry was recorded before this exit.', next: 'The exit is recorded anyway.' },
  },
  NO_BUILDING_ENTRY: {
    vi: { message: 'Chưa ghi nhận lượt vào tại cổng tòa nhà trong {minutes} phút qua.', next: 'Quét mã tại cổng chính của tòa nhà trước, rồi quay lại đây.' },
    en: { message: 'No entry at the building door in the last {minutes} minutes.', next: "Scan in at the building's main door first, then come back here." },
  },
  BUILDING_DATA_STALE: {
    vi: { message: 'Dữ liệu lượt vào tòa nhà trên máy đã cũ (mất kết nối máy chủ), không xác nhận được.', next: 'Bảo vệ kiểm tra thủ công: hỏi người này đã qua cổng tòa nhà chưa.' },
    en: { message: "The terminal's building-entry data is out of date (no hub connection); the entry cannot be confirmed.", next: 'Guard: check by hand whether the person came through the building door.' },
  },
  VISITOR_NEEDS_HOST: {
    vi: { message: 'Khách cần có người tiếp đón thuộc bộ phận này.', next: 'Bảo vệ bấm «Chọn người tiếp đón» và chọn trong danh sách.' },
    en: { message: 'Visitors need a host from this department.', next: 'Guard: press “Choose host” and pick the host from the list.' },
  },
  OUTSIDE_OPENING_HOURS: {
    vi: { message: 'Ngoài giờ làm việc (mở cửa {opens}–{closes}).', next: 'Vui lòng quay lại trong giờ làm việc.' },
    en: { message: 'Outside opening hours (open {opens}–{closes}).', next: 'Please come back during opening hours.' },
  },
  CLOSED_TODAY: {
    vi: { message: 'Hôm nay bộ phận không làm việc.', next: 'Vui lòng quay lại vào ngày làm việc.' },
    en: { message: 'The department is closed today.', next: 'Please come back on a working day.' },
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
