/**
 * A terminal without RTC: entries carry wall time, monotonic time and boot id; once an exchange anchored the boot's
 * monotonic clock to the hub's, the outbox dates that boot's entries on the hub's clock — even entries committed
 * before the anchor, while the wall clock still said 1970. Entries of a boot that never met the hub keep their wall
 * time, marked as such. Also: the full-jitter backoff stays within its bounds.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'vitest';
import type { GateDecision } from '../../../core/index.js';
import type { HostClock } from '../../../main/platform/clock.js';
import { EntryRegister } from '../../../main/storage/entry-register.js';
import { openDatabase } from '../../../main/storage/open-database.js';
import { fullJitterDelay } from '../../../main/sync/sync-failure.js';
import { HubClock } from '../../../main/sync/hub-clock.js';
import { Outbox } from '../../../main/sync/outbox.js';
import { tempDir } from '../../support/paths.js';

const HUB_NOW = Date.parse('2026-11-23T08:00:00Z');
const WRONG_WALL = Date.parse('1970-01-02T00:00:00Z'); // a Raspberry Pi without RTC, before NTP

function decision(at: number): GateDecision {
  return { outcome: 'deny', reasons: ['PAYLOAD_UNREADABLE'], credential: { kind: 'unknown' }, person: { displayName: '' }, direction: 'in', decidedAt: at };
}

test('entries of an anchored boot are dated on the hub clock; other boots keep their wall time', () => {
  const db = openDatabase(join(tempDir('outbox'), 'register.sqlite'));
  const register = new EntryRegister(db, { terminalId: 't1', checkpointId: 'cp' }, (t) => `id-${t}-${Math.random()}`);
  const outbox = new Outbox(db, 't1');
  // Boot A: 10 s and 20 s after boot, the wall clock still in 1970.
  register.commit({ decision: decision(WRONG_WALL + 10_000), scanSource: 'simulated', subjectHmac: null, monoTime: 10_000_000, bootId: 'boot-a' });
  register.commit({ decision: decision(WRONG_WALL + 20_000), scanSource: 'simulated', subjectHmac: null, monoTime: 20_000_000, bootId: 'boot-a' });
  // Boot B never reached the hub.
  register.commit({ decision: decision(WRONG_WALL + 5_000), scanSource: 'simulated', subjectHmac: null, monoTime: 5_000_000, bootId: 'boot-b' });

  let mono = 30_000_000;
  const clock: HostClock = { wallNow: () => WRONG_WALL + mono / 1000, monoNow: () => mono, bootId: 'boot-a' };
  const hubClock = new HubClock(clock, (anchor) => outbox.saveAnchor(anchor));
  const sent = hubClock.now();
  mono += 40_000; // 40 ms round trip
  hubClock.observe(HUB_NOW, sent, hubClock.now());
  assert.equal(Math.round(hubClock.hubNow() / 1000), Math.round(HUB_NOW / 1000), 'the terminal now knows the hub time');
  assert.ok(Math.abs(hubClock.offset! - (HUB_NOW - WRONG_WALL - 30_020)) < 5);

  const batch = outbox.nextBatch('hub-t1', 10, 1_000_000);
  assert.deepEqual(
    batch.map((e) => [e.seq, e.timeSource]),
    [[1, 'hub-anchor'], [2, 'hub-anchor'], [3, 'wall']],
  );
  // Anchor: mono 30.02 s ↔ HUB_NOW. Entry 1 was 20.02 s earlier, entry 2 10.02 s earlier.
  assert.equal(batch[0]!.eventTime, HUB_NOW - 20_020);
  assert.equal(batch[1]!.eventTime, HUB_NOW - 10_020);
  assert.equal(batch[2]!.eventTime, WRONG_WALL + 5_000);
  assert.equal(batch[0]!.wallTime, WRONG_WALL + 10_000, 'the recorded wall time is sent unchanged');
  db.close();
});

test('acknowledging marks rows up to the contiguous seq only, and reopens what a hub reports it lost', () => {
  const db = openDatabase(join(tempDir('outbox'), 'register.sqlite'));
  const register = new EntryRegister(db, { terminalId: 't1', checkpointId: 'cp' }, (t) => `id-${t}-${Math.random()}`);
  const outbox = new Outbox(db, 't1');
  for (let i = 0; i < 10; i++) register.commit({ decision: decision(HUB_NOW + i), scanSource: 'simulated', subjectHmac: null, monoTime: i, bootId: 'b' });
  assert.deepEqual(outbox.acknowledge(6, HUB_NOW), { delivered: 6, reopened: 0 });
  assert.equal(outbox.queued(), 4);
  assert.deepEqual(outbox.nextBatch('h', 2, 1_000_000).map((e) => e.seq), [7, 8]);
  assert.deepEqual(outbox.acknowledge(4, HUB_NOW), { delivered: 0, reopened: 2 }, 'the hub went back to 4: rows 5 and 6 go again');
  assert.deepEqual(outbox.nextBatch('h', 10, 1_000_000).map((e) => e.seq), [5, 6, 7, 8, 9, 10]);
  assert.equal(outbox.firstUndeliveredSeq(), 5);
  db.close();
});

test('full-jitter backoff: uniform in [0, min(cap, base·2^(attempt−1))), never above the cap', () => {
  const settings = { baseMs: 500, capMs: 60_000 };
  assert.equal(fullJitterDelay(1, settings, () => 0), 0);
  assert.equal(fullJitterDelay(1, settings, () => 0.999_999), 499);
  assert.equal(fullJitterDelay(4, settings, () => 0.5), 2000);
  assert.equal(fullJitterDelay(40, settings, () => 0.999_999), 59_999);
  const samples = Array.from({ length: 2000 }, () => fullJitterDelay(3, settings));
  assert.ok(samples.every((d) => d >= 0 && d < 2000));
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  assert.ok(mean > 850 && mean < 1150, `mean ${mean.toFixed(0)} of U(0, 2000)`);
});
