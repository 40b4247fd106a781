/**
 * The sync worker's timers (main/sync/sync-timers.ts), driven with promises the test resolves, no sleeps: one round
 * at a time, a round asked for during another is remembered as a rerun instead of overlapping it, `runNow` waits for
 * the round in flight, closing waits for it too and stops the timers; the status throttle pushes at once on `now`
 * and never after close.
 */
import assert from 'node:assert/strict';
import { test } from 'vitest';
import { RoundTimer, StatusThrottle } from '../../../main/sync/sync-timers.js';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

test('one round at a time: a round asked for during another becomes a rerun, not an overlap', async () => {
  const gates: ReturnType<typeof deferred>[] = [];
  let active = 0;
  let most = 0;
  const timer = new RoundTimer(async () => {
    active++;
    most = Math.max(most, active);
    const gate = deferred();
    gates.push(gate);
    await gate.promise;
    active--;
  });
  const first = timer.runNow();
  await Promise.resolve();
  assert.equal(gates.length, 1);
  const order: string[] = [];
  const second = timer.runNow(() => order.push(`before the second round, rounds active: ${active}`));
  assert.equal(timer.takeRerun(), false, 'runNow waits for the round in flight instead of marking a rerun');
  gates[0]!.resolve();
  await first;
  while (gates.length < 2) await Promise.resolve();
  assert.deepEqual(order, ['before the second round, rounds active: 0']);
  gates[1]!.resolve();
  await second;
  assert.equal(most, 1, 'rounds never overlapped');
});

test('a timer firing while a round runs marks a rerun; close waits for the round and stops the timers', async () => {
  const gate = deferred();
  let rounds = 0;
  const timer = new RoundTimer(async () => {
    rounds++;
    await gate.promise;
  });
  const running = timer.runNow();
  await Promise.resolve();
  timer.schedule(0);
  await new Promise((resolve) => setImmediate(resolve));
  // Kept: not a pause but ordering: a 0 ms timer set after schedule(0)'s runs after it (Node runs equal timers in order).
  await new Promise((resolve) => setTimeout(resolve, 0));
  assert.equal(timer.takeRerun(), true, 'the timer fired during the round');
  assert.equal(timer.takeRerun(), false, 'taken once');
  let closed = false;
  const closing = timer.close().then(() => (closed = true));
  await Promise.resolve();
  assert.equal(closed, false, 'close waits for the round in flight');
  gate.resolve();
  await running;
  await closing;
  timer.schedule(0);
  await new Promise((resolve) => setTimeout(resolve, 0)); // ordering, as above: schedule(0)'s timer had its turn
  assert.equal(rounds, 1, 'nothing runs after close');
});

test('status throttle: now pushes at once, soon coalesces into one push, nothing after close', async () => {
  let pushes = 0;
  const throttle = new StatusThrottle(60_000, () => pushes++);
  throttle.now();
  assert.equal(pushes, 1);
  throttle.soon();
  throttle.soon();
  throttle.now();
  assert.equal(pushes, 2, 'now replaces the pending push');
  throttle.close();
  throttle.now();
  throttle.soon();
  assert.equal(pushes, 2);
});
