/** Rules that hold for every credential: anti-passback, exits without entries, revocation. */
import assert from 'node:assert/strict';
import { test } from 'vitest';
import fc from 'fast-check';
import { decide, DEFAULT_POLICY, HOUR_MS, ReasonCode, reasonText, type DecisionContext, type RecentPassage } from '../../../core/index.js';
import { testContext, testCrypto } from '../../support/decision-context.js';
import { validToken } from '../../support/tokens.js';

const NOW = Date.parse('2026-11-23T03:00:00Z'); // 10:00 in Hồ Chí Minh City
const SUBJECT = Buffer.alloc(16, 0x42);
const KEY = testCrypto.subjectKey(SUBJECT.toString('hex'));

function withLast(last: RecentPassage | undefined, overrides: Partial<DecisionContext> = {}): DecisionContext {
  return testContext(NOW, { passages: { lastAdmitted: (k) => (k === KEY ? last : undefined) }, ...overrides });
}

const scan = (context: DecisionContext, token = validToken({ now: NOW, subjectRef: SUBJECT })) =>
  decide({ source: 'simulated', payload: token, wallTime: NOW, monoTime: 0 }, context);

test('entering again without an exit is reviewed, naming when and where the person entered', () => {
  const decision = scan(withLast({ direction: 'in', at: NOW - 2 * HOUR_MS, checkpointName: 'Cổng chính' }));
  assert.equal(decision.outcome, 'review');
  assert.deepEqual(decision.reasons, [ReasonCode.AlreadyInside, ReasonCode.DeclarationValid]);
  assert.deepEqual(decision.reasonParams, { since: '08:00', checkpoint: 'Cổng chính' });
  assert.equal(reasonText(ReasonCode.AlreadyInside, 'vi', decision.reasonParams).message, 'Đã vào lúc 08:00 tại Cổng chính và chưa ghi nhận ra.');
  assert.match(reasonText(ReasonCode.AlreadyInside, 'en', decision.reasonParams).message, /since 08:00 at Cổng chính/);
});

test('after an exit, or outside the window, entering is admitted', () => {
  assert.equal(scan(withLast({ direction: 'out', at: NOW - HOUR_MS, checkpointName: 'A' })).outcome, 'admit');
  assert.equal(scan(withLast({ direction: 'in', at: NOW - 13 * HOUR_MS, checkpointName: 'A' })).outcome, 'admit');
  assert.equal(scan(withLast({ direction: 'in', at: NOW - HOUR_MS, checkpointName: 'A' }, { policy: { ...DEFAULT_POLICY, antiPassbackWindowMs: 0 } })).outcome, 'admit');
});

test('the window boundary is inclusive (property)', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 48 * HOUR_MS }), (age) => {
      const decision = scan(withLast({ direction: 'in', at: NOW - age, checkpointName: 'A' }));
      assert.equal(decision.outcome, age <= DEFAULT_POLICY.antiPassbackWindowMs ? 'review' : 'admit');
    }),
    { numRuns: 200 },
  );
});

test('an exit without a recorded entry is admitted and noted, never blocked', () => {
  const decision = scan(withLast(undefined, { direction: 'out' }));
  assert.equal(decision.outcome, 'admit');
  assert.deepEqual(decision.reasons, [ReasonCode.DeclarationValid, ReasonCode.ExitWithoutEntry]);
  const normal = scan(withLast({ direction: 'in', at: NOW - HOUR_MS, checkpointName: 'A' }, { direction: 'out' }));
  assert.deepEqual(normal.reasons, [ReasonCode.DeclarationValid]);
});

test('a revoked token is denied even though its signature and dates are fine', () => {
  const token = validToken({ now: NOW });
  const tokenId = scan(testContext(NOW), token).credential.id!;
  const decision = scan(testContext(NOW, { revocations: { isRevoked: (id) => id === tokenId } }), token);
  assert.deepEqual([decision.outcome, decision.reasons], ['deny', [ReasonCode.CredentialRevoked]]);
  assert.equal(decision.person.displayName, 'Nguyễn Văn An', 'the guard still sees whose credential it was');
});

test('anti-passback does not apply to refusals, nor to scans that name nobody', () => {
  const last = { direction: 'in' as const, at: NOW - HOUR_MS, checkpointName: 'A' };
  assert.deepEqual(scan(withLast(last), 'garbage text').reasons, [ReasonCode.UnsupportedText]);
  const passages = { lastAdmitted: () => last };
  assert.equal(scan(testContext(NOW, { passages }), validToken({ now: NOW, result: 'isolate', subjectRef: SUBJECT })).reasons[0], ReasonCode.DeclarationMustIsolate);
});
