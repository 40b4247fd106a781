/**
 * The sync worker's schedule without timers (main/sync/sync-schedule.ts): fed the time and a random, it answers when
 * the next round runs — pulls once per poll interval and at once for a new session or on demand, entries within the
 * flush delay unless backing off, full-jitter backoff that grows per failure, a lasting refusal waiting up to the cap
 * from the first attempt, and an unenrolled terminal polling for its identity.
 */
import assert from 'node:assert/strict';
import { test } from 'vitest';
import { SyncSchedule, type SyncScheduleSettings } from '../../../main/sync/sync-schedule.js';

const SETTINGS: SyncScheduleSettings = { pollIntervalMs: 30_000, flushDelayMs: 2000, identityPollMs: 5000, backoff: { baseMs: 1000, capMs: 60_000 } };
const T0 = 1_800_000_000_000;

test('pulls are due at first, then once per poll interval; uploads run in between', () => {
  const schedule = new SyncSchedule(SETTINGS, () => 0.5);
  assert.equal(schedule.pullDue(T0), true, 'the first round pulls');
  schedule.pulled(T0 + 400);
  assert.equal(schedule.afterRound({ kind: 'exchanged' }, T0 + 500), 29_900, 'next round when the pulls are due again');
  assert.equal(schedule.pullDue(T0 + 10_000), false, 'a round for an entry in between only uploads');
  assert.equal(schedule.afterRound({ kind: 'exchanged' }, T0 + 10_100), 20_300);
  assert.equal(schedule.pullDue(T0 + 30_400), true);
  assert.equal(schedule.afterRound({ kind: 'exchanged' }, T0 + 40_000), 0, 'overdue pulls: at once');
});

test('a new session or a round on demand makes the pulls due at once', () => {
  const schedule = new SyncSchedule(SETTINGS, () => 0.5);
  schedule.pulled(T0);
  assert.equal(schedule.pullDue(T0 + 1), false);
  schedule.pullNow();
  assert.equal(schedule.pullDue(T0 + 1), true);
});

test('a new entry is sent within the flush delay, but not while backing off', () => {
  const schedule = new SyncSchedule(SETTINGS, () => 0.5);
  assert.equal(schedule.entryDelay(), 2000);
  schedule.afterRound({ kind: 'failed', refused: false }, T0);
  assert.equal(schedule.entryDelay(), undefined, 'the backoff timer stands');
  schedule.afterRound({ kind: 'exchanged' }, T0 + 1000);
  assert.equal(schedule.entryDelay(), 2000, 'back to normal after a good round');
  assert.equal(schedule.failures, 0);
});

test('backoff: full jitter below a ceiling that doubles per failure up to the cap', () => {
  const draws: number[] = [0.75, 0.75, 0.75, 0.25, 0.75, 0.75, 0.75, 0.75, 0];
  const schedule = new SyncSchedule(SETTINGS, () => draws.shift()!);
  const waits = draws.slice().map((_, i) => schedule.afterRound({ kind: 'failed', refused: false }, T0 + i));
  // Ceilings 1 s, 2 s, 4 s, 8 s, 16 s, 32 s, then the 60 s cap (not 64 s); the random picks where below the ceiling.
  assert.deepEqual(waits, [750, 1500, 3000, 2000, 12_000, 24_000, 45_000, 45_000, 0]);
  assert.equal(schedule.failures, 9);
});

test('a lasting refusal waits up to the cap from the first attempt on; a retryable failure does not', () => {
  const refused = new SyncSchedule(SETTINGS, () => 0.5);
  assert.equal(refused.afterRound({ kind: 'failed', refused: true }, T0), 30_000);
  const offline = new SyncSchedule(SETTINGS, () => 0.5);
  assert.equal(offline.afterRound({ kind: 'failed', refused: false }, T0), 500);
});

test('a round asked for while one ran follows at once, unless backing off', () => {
  const schedule = new SyncSchedule(SETTINGS, () => 0.5);
  schedule.pulled(T0);
  assert.equal(schedule.afterRound({ kind: 'exchanged' }, T0 + 100, true), 0);
  assert.equal(schedule.afterRound({ kind: 'failed', refused: false }, T0 + 200, true), 500, 'the backoff wins');
});

test('an unenrolled terminal looks for its identity every identityPollMs, its failure count untouched', () => {
  const schedule = new SyncSchedule(SETTINGS, () => 0.5);
  assert.equal(schedule.afterRound({ kind: 'not-enrolled' }, T0), 5000);
  schedule.afterRound({ kind: 'failed', refused: false }, T0);
  assert.equal(schedule.afterRound({ kind: 'not-enrolled' }, T0 + 1, true), 5000);
  assert.equal(schedule.failures, 1);
});
