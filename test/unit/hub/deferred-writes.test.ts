/**
 * DeferredWrites: advisory per-key values written in one batch after a delay, the latest value per key winning,
 * flushes one after another; a failed batch rejects the flush, or goes to onError when one is given.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, it, vi } from 'vitest';
import { DeferredWrites } from '../../../hub/storage/deferred-writes.js';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

it('writes every key once, with its latest value, one batch per delay', async () => {
  const batches: [string, number][][] = [];
  const writes = new DeferredWrites<number>(async (batch) => void batches.push([...batch]), 2_000);
  writes.set('a', 1);
  writes.set('b', 2);
  writes.set('a', 3);
  await vi.advanceTimersByTimeAsync(1_999);
  assert.deepEqual(batches, [], 'nothing before the delay');
  await vi.advanceTimersByTimeAsync(1);
  assert.deepEqual(batches, [[['a', 3], ['b', 2]]]);
  await vi.advanceTimersByTimeAsync(10_000);
  assert.equal(batches.length, 1, 'no empty batches');
});

it('flush() writes at once, after the flush in progress, never two writes at the same time', async () => {
  let running = 0;
  let most = 0;
  const order: string[] = [];
  let release: () => void = () => undefined;
  const writes = new DeferredWrites<string>(async (batch) => {
    running++;
    most = Math.max(most, running);
    order.push([...batch.keys()].join());
    if (order.length === 1) await new Promise<void>((resolve) => (release = resolve));
    running--;
  }, 2_000);
  writes.set('a', 'x');
  const first = writes.flush();
  writes.set('b', 'y');
  const second = writes.flush();
  await vi.advanceTimersByTimeAsync(0);
  assert.deepEqual(order, ['a'], 'the second batch waits for the first');
  release();
  await Promise.all([first, second]);
  assert.deepEqual(order, ['a', 'b']);
  assert.equal(most, 1);
  assert.equal(await writes.flush(), undefined, 'nothing pending: resolves');
});

it('a failed batch rejects its flush without onError; with onError it is handed over and the next batch still goes', async () => {
  const failing = new DeferredWrites<number>(() => Promise.reject(new Error('storage away')), 2_000);
  failing.set('a', 1);
  await assert.rejects(failing.flush(), /storage away/);

  const lost: string[] = [];
  let fail = true;
  const written: string[] = [];
  const handled = new DeferredWrites<number>(
    async (batch) => {
      if (fail) throw new Error('storage away');
      written.push(...batch.keys());
    },
    2_000,
    (error, batch) => lost.push(`${String(error)}: ${[...batch.keys()].join()}`),
  );
  handled.set('a', 1);
  await handled.flush();
  assert.deepEqual(lost, ['Error: storage away: a']);
  fail = false;
  handled.set('b', 2);
  await handled.flush();
  assert.deepEqual(written, ['b'], 'the lost batch is not retried (advisory); the next one is written');
});
