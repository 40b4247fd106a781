/**
 * Phone check-ins on the guard screen's state: newest first, de-duplicated by check-in id, bounded; they never touch
 * the scanned entries or the counters (the hub holds them, not the register); one that needs the guard and arrives
 * as an alert is raised in the result panel like a scan, once. And which denials show the "declare here" QR.
 */
import assert from 'node:assert/strict';
import { test } from 'vitest';
import type { EntryView, GateSnapshot, PhoneCheckinEvent } from '../../../core/index.js';
import { needsDeclaration } from '../../../renderer/components/declare-here.js';
import { initialScreenState, PHONE_CHECKINS_LIMIT, screenReducer } from '../../../renderer/state/screen-state.js';

const snapshot = {
  terminal: { terminalId: 't', checkpointId: 'c', checkpointName: 'n', timeZone: 'Asia/Ho_Chi_Minh', display: { language: 'vi', resultHoldSeconds: 5 } },
  counters: { enteredToday: 0, leftToday: 0, insideNow: 0 },
  recent: [],
} as unknown as GateSnapshot;

const checkin = (n: number): PhoneCheckinEvent => ({ checkinId: `c${n}`, displayName: `Người ${n}`, result: 'clear', checkedInAt: 1000 + n, outcome: 'admit', reasons: ['DECLARATION_VALID'], alert: false });
const needsGuard = (n: number, alert = true): PhoneCheckinEvent => ({
  ...checkin(n),
  result: 'medical-check',
  outcome: 'review',
  reasons: ['PHONE_CHECKIN_SEE_GUARD', 'DECLARATION_NEEDS_MEDICAL_CHECK'],
  alert,
});

test('phone check-ins: newest first, no duplicates, bounded, nothing else changes', () => {
  let state = screenReducer(initialScreenState, { type: 'snapshot', snapshot });
  for (let n = 1; n <= PHONE_CHECKINS_LIMIT + 5; n++) state = screenReducer(state, { type: 'event', event: { name: 'phoneCheckin', data: checkin(n) } });
  state = screenReducer(state, { type: 'event', event: { name: 'phoneCheckin', data: checkin(PHONE_CHECKINS_LIMIT + 5) } });
  const list = state.snapshot!.phoneCheckins!;
  assert.equal(list.length, PHONE_CHECKINS_LIMIT);
  assert.equal(list[0]!.checkinId, `c${PHONE_CHECKINS_LIMIT + 5}`);
  assert.equal(new Set(list.map((c) => c.checkinId)).size, list.length);
  assert.deepEqual(state.snapshot!.recent, []);
  assert.deepEqual(state.snapshot!.counters, snapshot.counters);
  assert.equal(state.latest, undefined, 'a check-in the checkpoint admits is only listed');
  assert.equal(list.some((c) => 'alert' in c), false, 'the list keeps check-ins, not events');
});

test('a check-in that needs the guard is raised like a scan result, once; a backlog one is only listed', () => {
  let state = screenReducer(initialScreenState, { type: 'snapshot', snapshot });
  state = screenReducer(state, { type: 'event', event: { name: 'phoneCheckin', data: needsGuard(1, false) } });
  assert.equal(state.latest, undefined);
  state = screenReducer(state, { type: 'event', event: { name: 'phoneCheckin', data: needsGuard(2) } });
  assert.equal(state.latest?.kind, 'checkin');
  assert.equal(state.showingResult, true);
  const serial = state.resultSerial;
  state = screenReducer(state, { type: 'event', event: { name: 'phoneCheckin', data: needsGuard(2) } });
  assert.equal(state.resultSerial, serial, 'the same check-in again does not sound again');
  // A scan right after: the check-in stays visible in the strip of earlier results until the guard has seen it.
  const scan = { entryId: 'e1', seq: 1, decision: { outcome: 'admit', reasons: ['DECLARATION_VALID'], person: { displayName: 'X' } }, committedAt: 5 } as unknown as EntryView;
  state = screenReducer(state, { type: 'result', entry: scan });
  assert.equal(state.latest?.kind, 'entry');
  assert.deepEqual(state.earlier.map((e) => e.key), ['checkin:c2']);
  assert.deepEqual(state.snapshot!.phoneCheckins!.map((c) => c.checkinId), ['c2', 'c1']);
});

test('a screen connecting after a check-in was raised still raises it from the snapshot, once', () => {
  const { alert: _alert, ...raised } = needsGuard(3);
  let state = screenReducer(initialScreenState, { type: 'snapshot', snapshot: { ...snapshot, phoneCheckins: [raised], raisedCheckin: raised } });
  assert.equal(state.latest?.kind, 'checkin');
  const serial = state.resultSerial;
  state = screenReducer(state, { type: 'snapshot', snapshot: { ...snapshot, phoneCheckins: [raised], raisedCheckin: raised } });
  assert.equal(state.resultSerial, serial, 'a reconnect does not raise it again');
});

test('the declare-here QR goes with denials a declaration cures, not with others', () => {
  const entry = (outcome: 'admit' | 'deny', reason: string) => ({ decision: { outcome, reasons: [reason] } }) as unknown as EntryView;
  assert.equal(needsDeclaration(entry('deny', 'DECLARATION_NOT_FOUND')), true);
  assert.equal(needsDeclaration(entry('deny', 'TOKEN_EXPIRED')), true);
  assert.equal(needsDeclaration(entry('deny', 'DECLARATION_TOO_OLD')), true);
  assert.equal(needsDeclaration(entry('deny', 'TOKEN_SIGNATURE_INVALID')), false);
  assert.equal(needsDeclaration(entry('admit', 'DECLARATION_VALID')), false);
});
