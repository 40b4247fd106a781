/**
 * The check-in long poll's reads (hub/declare/checkin-waiters.ts): a poll at a cursor the process already knows to be
 * the newest asks the store nothing until a check-in at that checkpoint is notified (in process or by another
 * replica's NOTIFY); a lost LISTEN connection (releaseAll) forgets what was known. And nothing is ever missed.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { CheckinWaiters } from '../../../hub/declare/checkin-waiters.js';
import type { SelfDeclarationStore, StoredPhoneCheckin } from '../../../hub/storage/self-declarations.js';

function fakeStore() {
  const rows: StoredPhoneCheckin[] = [];
  const reads: string[] = [];
  const store = {
    checkinsSince: (checkpointId: string, after: number, limit: number) => {
      reads.push(`since ${checkpointId} ${after}`);
      return Promise.resolve(rows.filter((r) => r.checkpointId === checkpointId && r.cursor > after).slice(0, limit));
    },
    latestCheckinCursor: (checkpointId: string) => {
      reads.push(`latest ${checkpointId}`);
      return Promise.resolve(Math.max(0, ...rows.filter((r) => r.checkpointId === checkpointId).map((r) => r.cursor)));
    },
  } as unknown as SelfDeclarationStore;
  const add = (checkpointId: string) => {
    const cursor = rows.length + 1;
    rows.push({ cursor, checkinId: `c${cursor}`, checkpointId, buildingId: 'b', tokenId: 't', subjectHmac: 'h', displayName: `P${cursor}`, result: 'clear', checkedInAt: cursor } as StoredPhoneCheckin);
    return cursor;
  };
  return { store, reads, add };
}

const open = () => false;

describe('check-in waiters', () => {
  it('answers a poll at the newest known cursor without reading the store, until a notify', async () => {
    const { store, reads, add } = fakeStore();
    const waiters = new CheckinWaiters();
    add('cp-a');
    const start = await waiters.feed(store, 'cp-a', -1, 0, open);
    assert.equal(start.cursor, 1);
    assert.deepEqual(reads, ['latest cp-a']);

    // Two terminals polling at the newest cursor, with nothing new: no read at all.
    assert.deepEqual(await waiters.feed(store, 'cp-a', 1, 0, open), { checkins: [], cursor: 1 });
    assert.deepEqual(await waiters.feed(store, 'cp-a', 1, 0, open), { checkins: [], cursor: 1 });
    assert.deepEqual(reads, ['latest cp-a']);

    // A waiting poll wakes on the notify of a new check-in and reads it; the next poll at its cursor reads nothing.
    const waiting = waiters.feed(store, 'cp-a', 1, 5_000, open);
    add('cp-a');
    waiters.notify('cp-a');
    const woken = await waiting;
    assert.deepEqual(woken.checkins.map((c) => c.checkinId), ['c2']);
    assert.equal(woken.cursor, 2);
    assert.deepEqual(reads, ['latest cp-a', 'since cp-a 1']);
    assert.deepEqual(await waiters.feed(store, 'cp-a', 2, 0, open), { checkins: [], cursor: 2 });
    assert.equal(reads.length, 2);

    // A terminal behind (an older cursor) is never answered from what is known: it reads and gets what it missed.
    assert.deepEqual((await waiters.feed(store, 'cp-a', 0, 0, open)).checkins.map((c) => c.checkinId), ['c1', 'c2']);
  });

  it('reads again after a check-in notified by another replica, and after a lost LISTEN connection', async () => {
    const { store, reads, add } = fakeStore();
    const waiters = new CheckinWaiters();
    await waiters.feed(store, 'cp-b', 0, 0, open);
    assert.deepEqual(reads, ['since cp-b 0']);
    await waiters.feed(store, 'cp-b', 0, 0, open);
    assert.equal(reads.length, 1);

    add('cp-b');
    waiters.notify('cp-b'); // as the LISTEN connection does for a check-in on another replica
    assert.deepEqual((await waiters.feed(store, 'cp-b', 0, 0, open)).checkins.map((c) => c.checkinId), ['c1']);

    // A check-in whose NOTIFY was lost while the connection was down: releaseAll on reconnect makes polls read again.
    add('cp-b');
    waiters.releaseAll();
    assert.deepEqual((await waiters.feed(store, 'cp-b', 1, 0, open)).checkins.map((c) => c.checkinId), ['c2']);
    assert.equal(reads.filter((r) => r.startsWith('since')).length, 3);
  });

  it('keeps reading a checkpoint with more check-ins than one page holds', async () => {
    const { store, reads, add } = fakeStore();
    const waiters = new CheckinWaiters();
    for (let i = 0; i < 250; i++) add('cp-c');
    const page = await waiters.feed(store, 'cp-c', 0, 0, open);
    assert.equal(page.checkins.length, 200);
    const rest = await waiters.feed(store, 'cp-c', page.cursor, 0, open);
    assert.equal(rest.checkins.length, 50);
    assert.equal(reads.length, 2);
  });
});
