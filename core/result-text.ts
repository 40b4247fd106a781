/**
 * What the guard screen says about one decision: the headline and the reasons in the order and with the next steps
 * that agree with the outcome and the direction. A decision may carry reasons that point the other way — an override
 * keeps the scan's refusing reasons under GUARD_OVERRIDE_ADMIT, a review by policy keeps DECLARATION_VALID, the clock
 * adds a warning — and each reason's own next step was written for the outcome it implies on its own. So:
 *
 * - the headline depends on outcome and direction ("ĐƯỢC RA" on an exit, never "ĐƯỢC VÀO");
 * - a reason whose severity contradicts the outcome (an admitting reason on a review or deny, a refusing or reviewing
 *   one on an admit, a review reason under a guard's refusal) is shown last and without its next step: what it says
 *   happened is still true, what it tells the person to do is not;
 * - an admitting reason's "Mời vào." becomes "Mời ra." on an exit.
 *
 * Pure; the table test (test/unit/core/result-text.test.ts) walks outcome × direction × credential kind × override /
 * undo / host pick / paper / check-in and asserts that headline, reasons and next steps never contradict.
 */
import type { Direction } from './scan.js';
import type { GateDecision, Outcome } from './decision.js';
import { reasonSeverity, reasonText, ReasonCode, type Language } from './reasons.js';

export interface ShownReasonText {
  readonly message: string;
  /** Absent when the reason's own next step would contradict the outcome. */
  readonly next?: string;
}

export interface ShownReason {
  readonly code: ReasonCode;
  readonly vi: ShownReasonText;
  readonly en: ShownReasonText;
}

export interface ResultText {
  readonly headline: Readonly<Record<Language, string>>;
  /** In display order: the reasons that explain the outcome first. */
  readonly reasons: readonly ShownReason[];
}

const HEADLINES: Readonly<Record<Outcome, Readonly<Record<Direction, Readonly<Record<Language, string>>>>>> = {
  admit: { in: { vi: 'ĐƯỢC VÀO', en: 'ADMITTED' }, out: { vi: 'ĐƯỢC RA', en: 'EXIT OK' } },
  deny: { in: { vi: 'TỪ CHỐI', en: 'DENIED' }, out: { vi: 'TỪ CHỐI', en: 'DENIED' } },
  review: { in: { vi: 'CẦN KIỂM TRA', en: 'REVIEW' }, out: { vi: 'CẦN KIỂM TRA', en: 'REVIEW' } },
};

/** The headline word for an outcome in a direction (also used by the compact rows of the screen). */
export function outcomeHeadline(outcome: Outcome, direction: Direction, language: Language): string {
  return HEADLINES[outcome][direction][language];
}

/** Next steps of admitting reasons on an exit. */
const EXIT_NEXT: Readonly<Record<Language, string>> = { vi: 'Mời ra.', en: 'Please go ahead.' };

/** Reasons that fit any outcome: warnings, and the undo (the original outcome stands again, whatever it was). */
function isNeutral(code: ReasonCode): boolean {
  return reasonSeverity(code) === 'info' || code === ReasonCode.GuardOverrideUndone;
}

/** True when the reason, read on its own, points to another outcome than the decision's. */
export function contradictsOutcome(code: ReasonCode, outcome: Outcome): boolean {
  return !isNeutral(code) && reasonSeverity(code) !== outcome;
}

function shownText(code: ReasonCode, decision: GateDecision, language: Language): ShownReasonText {
  const text = reasonText(code, language, decision.reasonParams);
  if (contradictsOutcome(code, decision.outcome)) return { message: text.message };
  if (reasonSeverity(code) === 'admit' && decision.direction === 'out') return { message: text.message, next: EXIT_NEXT[language] };
  return text;
}

export function resultText(decision: GateDecision): ResultText {
  const agreeing = decision.reasons.filter((code) => !contradictsOutcome(code, decision.outcome));
  const contradicting = decision.reasons.filter((code) => contradictsOutcome(code, decision.outcome));
  return {
    headline: HEADLINES[decision.outcome][decision.direction],
    reasons: [...agreeing, ...contradicting].map((code) => ({ code, vi: shownText(code, decision, 'vi'), en: shownText(code, decision, 'en') })),
  };
}
