/**
 * Phone check-ins on the guard screen's state: newest first, de-duplicated by check-in id, bounded; they never touch
 * the scanned entries, the counters or the result panel (the hub holds them, not the register). And which denials
 * show the "declare here" QR.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EntryView, GateSnapshot, PhoneCheckinView } from '../../../core/index.js';
import { needsDeclaration } from '../../../renderer/components/declare-here.js';
import { initialScreenState, PHONE_CHECKINS_LIMIT, screenReducer } from '../../../renderer/state/screen-state.js';

const snapshot = {
  terminal: { terminalId: 't', checkpointId: 'c', checkpointName: 'n', timeZone: 'Asia/Ho_Chi_Minh', display: { language: 'vi', resultHoldSeconds: 5 } },
  counters: { enteredToday: 0, leftToday: 0, insideNow: 0 },
  recent: [],
} as unknown as GateSnapshot;

const checkin = (n: number): PhoneCheckinView => ({ checkinId: `c${n}`, displayName: `Người ${n}`, result: 'clear', checkedInAt: 1000 + n });

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
  assert.equal(state.latest, undefined, 'a phone check-in is not a scan result');
});

test('the declare-here QR goes with denials a declaration cures, not with others', () => {
  const entry = (outcome: 'admit' | 'deny', reason: string) => ({ decision: { outcome, reasons: [reason] } }) as unknown as EntryView;
  assert.equal(needsDeclaration(entry('deny', 'DECLARATION_NOT_FOUND')), true);
  assert.equal(needsDeclaration(entry('deny', 'TOKEN_EXPIRED')), true);
  assert.equal(needsDeclaration(entry('deny', 'DECLARATION_TOO_OLD')), true);
  assert.equal(needsDeclaration(entry('deny', 'TOKEN_SIGNATURE_INVALID')), false);
  assert.equal(needsDeclaration(entry('admit', 'DECLARATION_VALID')), false);
});
