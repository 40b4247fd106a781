/**
 * The door's rules that are not scans (core/passage/door-rules.ts): what the relay does after each result, and what
 * a phone check-in raises on the guard screen under the checkpoint's policy.
 */
import assert from 'node:assert/strict';
import { test } from 'vitest';
import { DEFAULT_POLICY, phoneCheckinVerdict, ReasonCode, reasonText, relayActionAfter, SEE_GUARD_TEXT, type CheckpointPolicy } from '../../../core/index.js';

test('relay: an admit releases (again); anything else during an open window locks at once; a locked gate is left alone', () => {
  const table = [
    ['admit', 'locked', 'release'],
    ['admit', 'released', 'release'],
    ['deny', 'released', 'lock'],
    ['review', 'released', 'lock'],
    ['deny', 'locked', 'none'],
    ['review', 'locked', 'none'],
  ] as const;
  for (const [outcome, position, expected] of table) {
    assert.equal(relayActionAfter(outcome, { position }), expected, `${outcome} while ${position}`);
  }
});

test('phone check-in: an admitted result is only listed; medical check is an amber "see the guard"; isolation is red', () => {
  const policy = (admitting: CheckpointPolicy['admittingDeclarationResults']) => ({ policy: { ...DEFAULT_POLICY, admittingDeclarationResults: admitting } });
  assert.deepEqual(phoneCheckinVerdict('clear', policy(['clear'])), { outcome: 'admit', reasons: [ReasonCode.DeclarationValid] });
  assert.deepEqual(phoneCheckinVerdict('medical-check', policy(['clear'])), {
    outcome: 'review',
    reasons: [ReasonCode.PhoneCheckinSeeGuard, ReasonCode.DeclarationNeedsMedicalCheck],
  });
  assert.equal(phoneCheckinVerdict('medical-check', policy(['clear', 'medical-check'])).outcome, 'admit', 'a checkpoint that admits medical checks');
  assert.deepEqual(phoneCheckinVerdict('isolate', policy(['clear', 'medical-check'])), {
    outcome: 'deny',
    reasons: [ReasonCode.PhoneCheckinSeeGuard, ReasonCode.DeclarationMustIsolate],
  });
  assert.equal(phoneCheckinVerdict('clear', policy([])).outcome, 'deny', 'admitting no declaration result: as a scan of the same token');
  // The words the phone shows too (hub/declare): Vietnamese first, the next step is to see the guard.
  assert.deepEqual(reasonText(ReasonCode.PhoneCheckinSeeGuard, 'vi'), { message: 'Check-in bằng điện thoại cần bảo vệ kiểm tra.', next: 'Mời đến gặp bảo vệ.' });
  assert.equal(reasonText(ReasonCode.PhoneCheckinSeeGuard, 'vi').next, SEE_GUARD_TEXT.vi, 'one source with the phone page (issue 18)');
  assert.equal(reasonText(ReasonCode.PhoneCheckinSeeGuard, 'en').next, SEE_GUARD_TEXT.en);
});
