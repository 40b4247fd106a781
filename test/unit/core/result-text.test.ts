/**
 * The table of what the guard screen says: outcome × direction × credential kind × how the decision came about (scan,
 * guard override admit / refuse, undo, host pick, paper declaration, phone check-in). Headline, reasons and next
 * steps must never contradict each other: no "Mời vào" on an exit or a review, no "scan again" under a green result.
 */
import assert from 'node:assert/strict';
import { test } from 'vitest';
import type { CredentialKind, GateDecision, Outcome } from '../../../core/decision.js';
import { overrideDecision, OverrideReason, undoDecision } from '../../../core/override.js';
import { REASON_TEXTS, ReasonCode, reasonOutcome, reasonSeverity } from '../../../core/reasons.js';
import { contradictsOutcome, outcomeHeadline, resultText } from '../../../core/result-text.js';
import type { Direction } from '../../../core/scan.js';

const KINDS: readonly CredentialKind[] = ['declaration', 'eu-dcc', 'cccd', 'pc-covid', 'staff-badge', 'paper', 'unknown'];
const DIRECTIONS: readonly Direction[] = ['in', 'out'];
const CODES = Object.values(ReasonCode);
const GUARD_CODES: readonly ReasonCode[] = [ReasonCode.GuardOverrideAdmit, ReasonCode.GuardOverrideRefuse, ReasonCode.GuardOverrideUndone];
/** Reasons a scan can end in on its own (the guard's codes come only from overrides; info codes never decide). */
const DECIDING = CODES.filter((c) => !GUARD_CODES.includes(c) && reasonSeverity(c) !== 'info');
const ADMITTING = DECIDING.filter((c) => reasonSeverity(c) === 'admit');

interface Case {
  readonly how: string;
  readonly decision: GateDecision;
}

function decision(outcome: Outcome, reasons: readonly ReasonCode[], kind: CredentialKind, direction: Direction): GateDecision {
  return { outcome, reasons, credential: { kind }, person: { displayName: 'Nguyễn Văn An' }, direction, decidedAt: 1_700_000_000_000, reasonParams: { since: '08:00', checkpoint: 'Cổng A', minutes: '30', opens: '08:00', closes: '17:00' } };
}

function cases(): Case[] {
  const all: Case[] = [];
  for (const kind of KINDS) {
    for (const direction of DIRECTIONS) {
      const exitNote = direction === 'out' ? [ReasonCode.ExitWithoutEntry] : [];
      for (const code of DECIDING) {
        const scan = decision(reasonOutcome(code), [code, ...exitNote], kind, direction);
        all.push({ how: 'scan', decision: scan });
        all.push({ how: 'scan, clock not synchronised', decision: { ...scan, reasons: [...scan.reasons, ReasonCode.ClockNotSynchronised] } });
        if (scan.outcome !== 'admit') {
          const admitted = overrideDecision(scan, { action: 'admit', reason: OverrideReason.MedicalDeskCleared, note: '' }, 1);
          assert.ok(admitted.ok);
          all.push({ how: 'override admit', decision: admitted.decision });
          all.push({ how: 'undo of override admit', decision: undoDecision(scan, admitted.decision, 2) });
          if (scan.outcome === 'review') {
            const refused = overrideDecision(scan, { action: 'refuse', reason: OverrideReason.IdentityVerified, note: '' }, 1);
            assert.ok(refused.ok);
            all.push({ how: 'override refuse', decision: refused.decision });
            all.push({ how: 'undo of override refuse', decision: undoDecision(scan, refused.decision, 2) });
          }
        }
      }
      for (const code of ADMITTING) {
        // Admits turned into reviews: anti-passback, the clock policy, a visitor without a host.
        all.push({ how: 'already inside', decision: decision('review', [ReasonCode.AlreadyInside, code], kind, direction) });
        all.push({ how: 'clock policy review', decision: decision('review', [code, ReasonCode.ClockNotSynchronised], kind, direction) });
        all.push({ how: 'visitor needs host', decision: decision('review', [ReasonCode.VisitorNeedsHost, code], kind, direction) });
        // The host pick decides again: admitted with the credential's reason, or refused by another rule.
        all.push({ how: 'host picked', decision: decision('admit', [code, ...exitNote], kind, direction) });
        all.push({ how: 'host picked, outside hours', decision: decision('deny', [ReasonCode.OutsideOpeningHours], kind, direction) });
      }
      // Paper declaration and phone check-in: clear / medical check / isolate.
      for (const [how, outcome, code] of [
        ['paper clear', 'admit', ReasonCode.PaperDeclarationValid],
        ['paper medical check', 'review', ReasonCode.DeclarationNeedsMedicalCheck],
        ['paper isolate', 'deny', ReasonCode.DeclarationMustIsolate],
        ['check-in clear', 'admit', ReasonCode.DeclarationValid],
        ['check-in medical check', 'review', ReasonCode.DeclarationNeedsMedicalCheck],
        ['check-in isolate', 'deny', ReasonCode.DeclarationMustIsolate],
      ] as const) {
        all.push({ how, decision: decision(outcome, [code, ...exitNote], kind, direction) });
      }
    }
  }
  return all;
}

/** Every next step a reason of this severity may say on its own. */
const nextStepsOf = (severities: readonly string[]) =>
  new Set(CODES.filter((c) => severities.includes(reasonSeverity(c))).flatMap((c) => [REASON_TEXTS[c].vi.next, REASON_TEXTS[c].en.next]));
const REFUSING_NEXT = nextStepsOf(['deny', 'review']);
const WELCOMING = /Mời vào|Mời ra|go ahead/i;

test('headline, reasons and next steps agree, for every outcome × direction × credential × way of deciding', () => {
  const all = cases();
  assert.ok(all.length > 3000, `${all.length} cases`);
  for (const { how, decision: d } of all) {
    const label = `${how}: ${d.outcome} ${d.direction} ${d.credential.kind} [${d.reasons.join(', ')}]`;
    const shown = resultText(d);
    assert.deepEqual(new Set(shown.reasons.map((r) => r.code)), new Set(d.reasons), `${label}: every reason is shown`);
    assert.equal(shown.headline.vi, outcomeHeadline(d.outcome, d.direction, 'vi'));
    if (d.direction === 'out') assert.doesNotMatch(shown.headline.vi, /VÀO/, label);
    if (d.outcome !== 'admit') assert.doesNotMatch(shown.headline.vi, /ĐƯỢC/, label);

    const first = shown.reasons[0]!;
    assert.ok(!contradictsOutcome(first.code, d.outcome) || shown.reasons.every((r) => contradictsOutcome(r.code, d.outcome)), `${label}: the first reason explains the outcome`);
    assert.ok(first.vi.next && first.en.next, `${label}: the first reason says what to do next in both languages`);

    for (const reason of shown.reasons) {
      for (const text of [reason.vi, reason.en]) {
        const said = `${text.message} ${text.next ?? ''}`;
        if (d.outcome !== 'admit') assert.doesNotMatch(said, WELCOMING, `${label}: no welcome on a ${d.outcome}`);
        if (d.direction === 'out') assert.doesNotMatch(said, /Mời vào/, `${label}: no "Mời vào" on an exit`);
        if (d.outcome === 'admit' && text.next) assert.ok(!REFUSING_NEXT.has(text.next), `${label}: "${text.next}" under a green result`);
      }
    }
  }
});

test('the cases the issue names: an exit, a review by policy, a green override', () => {
  const exit = resultText(decision('admit', [ReasonCode.DeclarationValid], 'declaration', 'out'));
  assert.equal(exit.headline.vi, 'ĐƯỢC RA');
  assert.deepEqual(exit.reasons[0]!.vi, { message: 'Khai báo y tế hợp lệ.', next: 'Mời ra.' });

  const review = resultText(decision('review', [ReasonCode.DeclarationValid, ReasonCode.ClockNotSynchronised], 'declaration', 'in'));
  assert.equal(review.headline.vi, 'CẦN KIỂM TRA');
  assert.equal(review.reasons[0]!.code, ReasonCode.ClockNotSynchronised, 'the reason for the review comes first');
  assert.deepEqual(review.reasons[1]!.vi, { message: 'Khai báo y tế hợp lệ.' }, 'no "Mời vào." on a review');

  const expired = decision('deny', [ReasonCode.TokenExpired], 'declaration', 'in');
  const admitted = overrideDecision(expired, { action: 'admit', reason: OverrideReason.PaperDeclarationChecked, note: '' }, 1);
  assert.ok(admitted.ok);
  const green = resultText(admitted.decision);
  assert.equal(green.headline.vi, 'ĐƯỢC VÀO');
  assert.deepEqual(green.reasons.map((r) => r.vi), [{ message: 'Bảo vệ đã kiểm tra và cho vào.', next: 'Mời vào.' }, { message: 'Khai báo y tế đã hết hạn.' }]);
});
