/**
 * The guard screen's sync box: a pushed 'sync' event replaces the snapshot's sync state (queued count, errors, data
 * age), and the data age reads as the guard says it — "Dữ liệu cập nhật 3 giờ trước", "Data from 3 h ago".
 */
import assert from 'node:assert/strict';
import { test } from 'vitest';
import type { GateSnapshot, SyncStatusView } from '../../../core/index.js';
import { UI_TEXT } from '../../../renderer/i18n/ui-text.js';
import { initialScreenState, screenReducer } from '../../../renderer/state/screen-state.js';

const SYNC: SyncStatusView = {
  state: 'offline',
  queued: 42,
  lastSuccessAt: 1,
  lastError: { code: 'HUB_UNREACHABLE', message: 'cannot reach the hub' },
  dataConfirmedAt: 2,
  dataStale: true,
  dataVersion: 7,
  terminalId: 'gate-01.abcd',
};

test("a 'sync' event updates the snapshot's sync state", () => {
  const snapshot = { counters: { enteredToday: 0, leftToday: 0, insideNow: 0 }, recent: [] } as unknown as GateSnapshot;
  const state = screenReducer({ ...initialScreenState, snapshot }, { type: 'event', event: { name: 'sync', data: SYNC } });
  assert.deepEqual(state.snapshot?.sync, SYNC);
  const online = screenReducer(state, { type: 'event', event: { name: 'sync', data: { ...SYNC, state: 'online', queued: 0, lastError: null, dataStale: false } } });
  assert.deepEqual([online.snapshot?.sync?.state, online.snapshot?.sync?.queued, online.snapshot?.sync?.lastError], ['online', 0, null]);
});

test('the data age in Vietnamese and English', () => {
  const minute = 60_000;
  assert.equal(UI_TEXT.vi.sync.dataAge(3 * 60 * minute + 5 * minute), 'Dữ liệu cập nhật 3 giờ trước');
  assert.equal(UI_TEXT.vi.sync.dataAge(20 * minute), 'Dữ liệu cập nhật 20 phút trước');
  assert.equal(UI_TEXT.vi.sync.dataAge(10_000), 'Dữ liệu cập nhật vừa xong');
  assert.equal(UI_TEXT.vi.sync.dataAge(3 * 24 * 60 * minute), 'Dữ liệu cập nhật 3 ngày trước');
  assert.equal(UI_TEXT.en.sync.dataAge(3 * 60 * minute), 'Data from 3 h ago');
  assert.equal(UI_TEXT.en.sync.state.offline, 'offline — entries kept here');
});
