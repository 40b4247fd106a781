import assert from 'node:assert/strict';
import { test } from 'vitest';
import type { EntryView, GateSnapshot } from '../../../core/index.js';
import { EARLIER_LIMIT, initialScreenState, RECENT_LIMIT, screenReducer, type ScreenState } from '../../../renderer/state/screen-state.js';

function entry(seq: number, outcome: 'admit' | 'deny' = 'admit'): EntryView {
  return {
    entryId: `id-${seq}`,
    seq,
    scanSource: 'simulated',
    committedAt: 1000 + seq,
    decision: { outcome, reasons: ['DECLARATION_VALID'], credential: { kind: 'declaration' }, person: { displayName: `P${seq}` }, direction: 'in', decidedAt: 1000 + seq },
  };
}

const snapshot: GateSnapshot = {
  terminal: {
    terminalId: 't',
    checkpointId: 'c',
    checkpointName: 'n',
    directionMode: 'both',
    version: '1',
    hostMode: 'browser',
    simulatedHardware: true,
    testIssuerTrusted: false,
    settingsPinSet: true,
    clockSynchronised: true,
    timeZone: 'Asia/Ho_Chi_Minh',
    display: { language: 'en', resultHoldSeconds: 5 },
  },
  direction: 'in',
  counters: { enteredToday: 0, leftToday: 0, insideNow: 0 },
  recent: [],
  lights: { color: 'off', blinking: false },
  relay: { position: 'locked', safePosition: 'locked', pulses: 0 },
  scanners: [],
  alarm: null,
};

const withSnapshot = (): ScreenState => screenReducer(initialScreenState, { type: 'snapshot', snapshot });

test('the first snapshot sets the configured language; later ones keep the guard\'s choice', () => {
  let s = withSnapshot();
  assert.equal(s.language, 'en');
  s = screenReducer(s, { type: 'language', language: 'vi' });
  s = screenReducer(s, { type: 'snapshot', snapshot });
  assert.equal(s.language, 'vi');
});

test('a result arriving both as call result and as event is shown and listed once', () => {
  let s = withSnapshot();
  s = screenReducer(s, { type: 'result', entry: entry(1) });
  const serial = s.resultSerial;
  s = screenReducer(s, { type: 'event', event: { name: 'entry', data: entry(1) } });
  assert.equal(s.resultSerial, serial);
  assert.equal(s.snapshot!.recent.length, 1);
});

test('the latest result always wins, even when an older one arrives late', () => {
  let s = withSnapshot();
  s = screenReducer(s, { type: 'event', event: { name: 'entry', data: entry(2, 'deny') } });
  s = screenReducer(s, { type: 'result', entry: entry(1) });
  assert.equal(s.latest?.kind === 'entry' && s.latest.entry.seq, 2);
  assert.deepEqual(s.snapshot!.recent.map((e) => e.seq), [2, 1]);
});

test('the recent list is bounded', () => {
  let s = withSnapshot();
  for (let i = 1; i <= RECENT_LIMIT + 10; i++) s = screenReducer(s, { type: 'event', event: { name: 'entry', data: entry(i) } });
  assert.equal(s.snapshot!.recent.length, RECENT_LIMIT);
  assert.equal(s.snapshot!.recent[0]!.seq, RECENT_LIMIT + 10);
});

test('a result expires only if no newer result replaced it', () => {
  let s = withSnapshot();
  s = screenReducer(s, { type: 'result', entry: entry(1) });
  const first = s.resultSerial;
  s = screenReducer(s, { type: 'result', entry: entry(2) });
  s = screenReducer(s, { type: 'result-expired', serial: first });
  assert.equal(s.showingResult, true);
  s = screenReducer(s, { type: 'result-expired', serial: s.resultSerial });
  assert.equal(s.showingResult, false);
});

test('pushed state updates counters, lights, relay, direction and alarm', () => {
  let s = withSnapshot();
  s = screenReducer(s, { type: 'event', event: { name: 'counters', data: { enteredToday: 3, leftToday: 1, insideNow: 2 } } });
  s = screenReducer(s, { type: 'event', event: { name: 'lights', data: { color: 'red', blinking: true } } });
  s = screenReducer(s, { type: 'event', event: { name: 'relay', data: { position: 'released', safePosition: 'locked', pulses: 1 } } });
  s = screenReducer(s, { type: 'event', event: { name: 'direction', data: { direction: 'out' } } });
  s = screenReducer(s, { type: 'event', event: { name: 'alarm', data: { code: 'STORAGE_FULL', vi: 'v', en: 'e' } } });
  assert.deepEqual(s.snapshot!.counters, { enteredToday: 3, leftToday: 1, insideNow: 2 });
  assert.equal(s.snapshot!.lights.color, 'red');
  assert.equal(s.snapshot!.relay.position, 'released');
  assert.equal(s.snapshot!.direction, 'out');
  assert.equal(s.snapshot!.alarm?.code, 'STORAGE_FULL');
});

test('a host error is shown as the latest result', () => {
  const s = screenReducer(withSnapshot(), { type: 'error', error: { code: 'REGISTER_WRITE_FAILED', message: 'm' } });
  assert.equal(s.latest?.kind, 'error');
  assert.equal(s.showingResult, true);
});

const earlierSeqs = (s: ScreenState) => s.earlier.map((e) => (e.result.kind === 'entry' ? e.result.entry.seq : e.result.kind === 'error' ? e.result.error.code : e.result.checkin.checkinId));

test('a burst of results: the latest is the big one, the ones it replaced stay in the strip, newest first', () => {
  let s = withSnapshot();
  for (const seq of [1, 2, 3]) s = screenReducer(s, { type: 'result', entry: entry(seq, seq === 2 ? 'deny' : 'admit') });
  assert.equal(s.latest?.kind === 'entry' && s.latest.entry.seq, 3);
  assert.deepEqual(earlierSeqs(s), [2, 1]);
  // The same entries arriving again as pushed events change nothing.
  for (const seq of [1, 2, 3]) s = screenReducer(s, { type: 'event', event: { name: 'entry', data: entry(seq) } });
  assert.deepEqual(earlierSeqs(s), [2, 1]);
  s = screenReducer(s, { type: 'earlier-dismissed', key: s.earlier[1]!.key });
  assert.deepEqual(earlierSeqs(s), [2]);
});

test('a result that had already timed out is not put in the strip', () => {
  let s = screenReducer(withSnapshot(), { type: 'result', entry: entry(1) });
  s = screenReducer(s, { type: 'result-expired', serial: s.resultSerial });
  s = screenReducer(s, { type: 'result', entry: entry(2) });
  assert.deepEqual(earlierSeqs(s), []);
});

test('an older result arriving late goes to the strip, not to the big panel', () => {
  let s = screenReducer(withSnapshot(), { type: 'event', event: { name: 'entry', data: entry(5) } });
  s = screenReducer(s, { type: 'result', entry: entry(4, 'deny') });
  assert.equal(s.latest?.kind === 'entry' && s.latest.entry.seq, 5);
  assert.deepEqual(earlierSeqs(s), [4]);
});

test('errors join the strip too, and the strip is bounded', () => {
  let s = screenReducer(withSnapshot(), { type: 'error', error: { code: 'REGISTER_WRITE_FAILED', message: 'm' } });
  for (let seq = 1; seq <= EARLIER_LIMIT + 2; seq++) s = screenReducer(s, { type: 'result', entry: entry(seq) });
  assert.equal(s.earlier.length, EARLIER_LIMIT);
  assert.deepEqual(earlierSeqs(s), [EARLIER_LIMIT + 1, EARLIER_LIMIT, EARLIER_LIMIT - 1, EARLIER_LIMIT - 2]);
  s = screenReducer(withSnapshot(), { type: 'error', error: { code: 'REGISTER_WRITE_FAILED', message: 'm' } });
  s = screenReducer(s, { type: 'result', entry: entry(1) });
  assert.deepEqual(earlierSeqs(s), ['REGISTER_WRITE_FAILED']);
});

test('the guard\'s override of the shown result, and its undo, replace it without queueing it', () => {
  let s = screenReducer(withSnapshot(), { type: 'result', entry: entry(1, 'deny') });
  s = screenReducer(s, { type: 'result', entry: { ...entry(2), overrideOf: 'id-1' } });
  assert.deepEqual(earlierSeqs(s), []);
  s = screenReducer(s, { type: 'result', entry: { ...entry(3, 'deny'), overrideOf: 'id-2' } });
  assert.deepEqual(earlierSeqs(s), []);
  // The undo (a guard's action itself) replaced by a scan: not queued either.
  s = screenReducer(s, { type: 'result', entry: entry(4) });
  assert.deepEqual(earlierSeqs(s), []);
  // An override of an older result while another is shown: the shown one goes to the strip as usual.
  s = screenReducer(s, { type: 'result', entry: { ...entry(5), overrideOf: 'id-1' } });
  assert.deepEqual(earlierSeqs(s), [4]);
});
