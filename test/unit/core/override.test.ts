import assert from 'node:assert/strict';
import { test } from 'vitest';
import { overrideDecision, OverrideReason, ReasonCode, type GateDecision } from '../../../core/index.js';

const base: GateDecision = {
  outcome: 'deny',
  reasons: [ReasonCode.TokenExpired],
  credential: { kind: 'declaration', id: 'ab' },
  person: { displayName: 'Bùi Thị Xuân', subjectKey: 'k' },
  direction: 'in',
  decidedAt: 1000,
};

test('a denied entry can be admitted by the guard; the override keeps the original reasons', () => {
  const check = overrideDecision(base, { action: 'admit', reason: OverrideReason.PaperDeclarationChecked, note: '' }, 5000);
  assert.ok(check.ok);
  assert.deepEqual(check.decision, { ...base, outcome: 'admit', reasons: [ReasonCode.GuardOverrideAdmit, ReasonCode.TokenExpired], decidedAt: 5000 });
});

test('a review can be refused; a deny cannot be "refused" again; an admit cannot be overridden', () => {
  const review = { ...base, outcome: 'review' as const, reasons: [ReasonCode.DeclarationNeedsMedicalCheck] };
  const refused = overrideDecision(review, { action: 'refuse', reason: OverrideReason.MedicalDeskCleared, note: 'x' }, 2);
  assert.ok(refused.ok && refused.decision.outcome === 'deny' && refused.decision.reasons[0] === ReasonCode.GuardOverrideRefuse);
  assert.equal(overrideDecision(base, { action: 'refuse', reason: OverrideReason.Emergency, note: '' }, 2).ok, false);
  assert.equal(overrideDecision({ ...base, outcome: 'admit' }, { action: 'admit', reason: OverrideReason.Emergency, note: '' }, 2).ok, false);
});

test('notes: required for the guard\'s own judgement, bounded in length', () => {
  assert.equal(overrideDecision(base, { action: 'admit', reason: OverrideReason.GuardJudgement, note: '  ' }, 2).ok, false);
  assert.equal(overrideDecision(base, { action: 'admit', reason: OverrideReason.GuardJudgement, note: 'quen mặt' }, 2).ok, true);
  assert.equal(overrideDecision(base, { action: 'admit', reason: OverrideReason.IdentityVerified, note: 'x'.repeat(201) }, 2).ok, false);
  assert.equal(overrideDecision(base, { action: 'admit', reason: 'BRIBE' as OverrideReason, note: '' }, 2).ok, false);
});
