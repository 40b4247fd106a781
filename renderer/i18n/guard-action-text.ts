/** Screen words for what the guard does by hand: the paper declaration form, overrides of a result, and their undo. */
import type { Language } from '../../core/index.js';

export interface GuardActionText {
  readonly paperOpen: string;
  readonly paperTitle: string;
  readonly paperIntro: string;
  readonly fullName: string;
  readonly phone: string;
  readonly idNumber: string;
  readonly questions: string;
  readonly yes: string;
  readonly no: string;
  readonly unanswered: string;
  readonly noSigns: string;
  readonly someSigns: string;
  readonly chooseSigns: string;
  readonly submit: string;
  readonly cancel: string;
  readonly answersNotStored: string;
  readonly overrideAdmit: string;
  readonly overrideRefuse: string;
  readonly overrideTitle: (name: string) => string;
  readonly reason: string;
  readonly note: string;
  readonly noteHint: string;
  readonly confirmAdmit: string;
  readonly confirmRefuse: string;
  readonly undo: (seconds: number) => string;
  readonly chooseReason: string;
  readonly noteRequired: string;
  readonly chooseReasonOption: string;
  readonly undoneNotice: string;
}

export const GUARD_ACTION_TEXT: Readonly<Record<Language, GuardActionText>> = {
  vi: {
    paperOpen: 'Tờ khai giấy',
    paperTitle: 'Tờ khai y tế giấy',
    paperIntro: 'Cho người không có điện thoại thông minh: nhập theo tờ khai giấy người đó đã điền.',
    fullName: 'Họ và tên',
    phone: 'Số điện thoại',
    idNumber: 'Số CCCD / CMND',
    questions: 'Câu hỏi trên tờ khai',
    yes: 'Có',
    no: 'Không',
    unanswered: 'Hãy trả lời tất cả câu hỏi',
    noSigns: 'Không có dấu hiệu nào (tờ khai ghi «Không» ở mọi câu)',
    someSigns: 'Có ít nhất một câu «Có» — trả lời từng câu',
    chooseSigns: 'Chọn «Không có dấu hiệu nào» hoặc trả lời từng câu hỏi',
    submit: 'Ghi nhận và quyết định',
    cancel: 'Hủy',
    answersNotStored: 'Câu trả lời sức khỏe chỉ dùng để quyết định, không được lưu vào sổ.',
    overrideAdmit: 'Bảo vệ cho vào…',
    overrideRefuse: 'Bảo vệ từ chối…',
    overrideTitle: (name) => `Quyết định của bảo vệ: ${name || 'người vừa quét'}`,
    reason: 'Lý do',
    note: 'Ghi chú',
    noteHint: 'Không ghi thông tin sức khỏe',
    confirmAdmit: 'Xác nhận cho vào',
    confirmRefuse: 'Xác nhận từ chối',
    undo: (s) => `Hoàn tác quyết định của bảo vệ (${s} giây)`,
    chooseReason: 'Chọn lý do trước khi xác nhận',
    noteRequired: 'Với lý do này, hãy ghi rõ trong ô ghi chú',
    chooseReasonOption: '— Chọn lý do —',
    undoneNotice: 'Đã hoàn tác',
  },
  en: {
    paperOpen: 'Paper declaration',
    paperTitle: 'Paper health declaration',
    paperIntro: "For people without a smartphone. Type in the paper form the person filled in.",
    fullName: 'Full name',
    phone: 'Phone number',
    idNumber: 'Citizen ID number',
    questions: 'Questions on the form',
    yes: 'Yes',
    no: 'No',
    unanswered: 'Answer every question',
    noSigns: 'No signs at all (the form says “No” to every question)',
    someSigns: 'At least one “Yes” — answer each question',
    chooseSigns: 'Choose “No signs at all” or answer each question',
    submit: 'Record and decide',
    cancel: 'Cancel',
    answersNotStored: 'Health answers only decide the outcome; they are not stored in the register.',
    overrideAdmit: 'Guard admits…',
    overrideRefuse: 'Guard refuses…',
    overrideTitle: (name) => `Guard decision: ${name || 'the person just scanned'}`,
    reason: 'Reason',
    note: 'Note',
    noteHint: 'No health information',
    confirmAdmit: 'Confirm admit',
    confirmRefuse: 'Confirm refuse',
    undo: (s) => `Undo the guard's decision (${s} s)`,
    chooseReason: 'Choose a reason before confirming',
    noteRequired: 'With this reason, write it in the note',
    chooseReasonOption: '— Choose a reason —',
    undoneNotice: 'Undone',
  },
};
