/**
 * Guard overrides: a guard who has checked a person by other means (a paper declaration, the medical desk, a known
 * colleague) may admit a reviewed or denied scan, or refuse a reviewed one. The override is a decision of its own,
 * recorded as its own register entry that points at the original; the original entry is never changed.
 */
import type { GateDecision } from './decision.js';
import { ReasonCode } from './reasons.js';
import type { Language } from './reasons.js';

export const OverrideReason = {
  PaperDeclarationChecked: 'PAPER_DECLARATION_CHECKED',
  MedicalDeskCleared: 'MEDICAL_DESK_CLEARED',
  IdentityVerified: 'IDENTITY_VERIFIED',
  ScannerFault: 'SCANNER_FAULT',
  Emergency: 'EMERGENCY',
  GuardJudgement: 'GUARD_JUDGEMENT',
} as const;
export type OverrideReason = (typeof OverrideReason)[keyof typeof OverrideReason];

export const OVERRIDE_REASON_LABELS: Readonly<Record<OverrideReason, Readonly<Record<Language, string>>>> = {
  PAPER_DECLARATION_CHECKED: { vi: 'Đã kiểm tra tờ khai giấy', en: 'Paper declaration checked' },
  MEDICAL_DESK_CLEARED: { vi: 'Bộ phận y tế đã cho phép', en: 'Cleared by the medical desk' },
  IDENTITY_VERIFIED: { vi: 'Đã xác minh danh tính', en: 'Identity verified' },
  SCANNER_FAULT: { vi: 'Lỗi máy quét, đã kiểm tra bằng mắt', en: 'Scanner fault, checked by eye' },
  EMERGENCY: { vi: 'Trường hợp khẩn cấp', en: 'Emergency' },
  GUARD_JUDGEMENT: { vi: 'Bảo vệ quyết định (ghi rõ lý do)', en: "Guard's judgement (note required)" },
};

export const MAX_OVERRIDE_NOTE_LENGTH = 200;

export interface OverrideRequest {
  readonly action: 'admit' | 'refuse';
  readonly reason: OverrideReason;
  /** Short free text; never health answers (the screen says so). Required for GUARD_JUDGEMENT. */
  readonly note: string;
}

export type OverrideCheck = { readonly ok: true; readonly decision: GateDecision } | { readonly ok: false; readonly problem: string };

export function isOverrideReason(value: string): value is OverrideReason {
  return Object.prototype.hasOwnProperty.call(OVERRIDE_REASON_LABELS, value);
}

/** Builds the override decision, or says why this override is not allowed. Pure: `now` is the override time. */
export function overrideDecision(original: GateDecision, request: OverrideRequest, now: number): OverrideCheck {
  if (!isOverrideReason(request.reason)) return { ok: false, problem: `unknown override reason ${String(request.reason)}` };
  const note = request.note.trim();
  if (note.length > MAX_OVERRIDE_NOTE_LENGTH) return { ok: false, problem: `the note is longer than ${MAX_OVERRIDE_NOTE_LENGTH} characters` };
  if (request.reason === OverrideReason.GuardJudgement && note === '') return { ok: false, problem: 'a note is required for GUARD_JUDGEMENT' };
  if (original.outcome === 'admit') return { ok: false, problem: 'an admitted entry cannot be overridden' };
  if (request.action === 'refuse' && original.outcome !== 'review') return { ok: false, problem: 'only a review can be refused; a deny already is' };
  const overrideCode = request.action === 'admit' ? ReasonCode.GuardOverrideAdmit : ReasonCode.GuardOverrideRefuse;
  return {
    ok: true,
    decision: {
      outcome: request.action === 'admit' ? 'admit' : 'deny',
      reasons: [overrideCode, ...original.reasons.filter((r) => r !== ReasonCode.GuardOverrideAdmit && r !== ReasonCode.GuardOverrideRefuse)],
      credential: original.credential,
      person: original.person,
      direction: original.direction,
      decidedAt: now,
      ...(original.reasonParams ? { reasonParams: original.reasonParams } : {}),
    },
  };
}

/** How long after an override the guard may undo it (a mis-tap); later, a new scan or override is needed. */
export const UNDO_WINDOW_MS = 30_000;
/** The override reason recorded on an undo entry (the register's override_reason column). */
export const UNDO_OVERRIDE_REASON = 'UNDO';

/**
 * The decision of an undo entry: the original scan's outcome stands again, with GUARD_OVERRIDE_UNDONE first.
 * The override itself is never changed; the undo is one more register entry pointing at it.
 */
export function undoDecision(original: GateDecision, override: GateDecision, now: number): GateDecision {
  return {
    ...original,
    reasons: [ReasonCode.GuardOverrideUndone, ...original.reasons],
    person: override.person,
    direction: override.direction,
    decidedAt: now,
  };
}
