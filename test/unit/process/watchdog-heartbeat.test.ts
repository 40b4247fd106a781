/**
 * The watchdog heartbeat's decisions with a fake clock and a recording notifier: READY=1 first, WATCHDOG=1 at half
 * the interval while the renderer beats and the gate answers, withheld (with a STATUS= reason, once) when the
 * renderer falls silent, never starts, the event loop stalls or the gate check fails; resumed when it recovers.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { RENDERER_HEARTBEAT_MS } from '../../../core/index.js';
import { watchdogMsFromEnv } from '../../../main/process/sd-notify.js';
import { rendererSilenceLimitMs, WatchdogHeartbeat, type HeartbeatTimers } from '../../../main/process/watchdog-heartbeat.js';

class FakeTimers implements HeartbeatTimers {
  time = 1_000_000;
  private readonly timers: { fn: () => void; every: number; next: number }[] = [];
  intervals: number[] = [];
  now = () => this.time;
  setInterval = (fn: () => void, every: number) => {
    this.intervals.push(every);
    const t = { fn, every, next: this.time + every };
    this.timers.push(t);
    return t;
  };
  clearInterval = (h: unknown) => {
    this.timers.splice(this.timers.indexOf(h as (typeof this.timers)[0]), 1);
  };
  /** Advances the clock, firing due timers on time (or, with `stalled`, all at once at the end, as a blocked loop). */
  advance(ms: number, options: { stalled?: boolean; beatEvery?: number; beat?: () => void } = {}): void {
    const end = this.time + ms;
    let nextBeat = options.beatEvery ? this.time + options.beatEvery : Infinity;
    for (;;) {
      const due = this.timers.length ? Math.min(...this.timers.map((t) => t.next)) : Infinity;
      const step = Math.min(due, nextBeat);
      if (step > end || options.stalled) break;
      this.time = step;
      if (step === nextBeat) {
        options.beat?.();
        nextBeat += options.beatEvery!;
      } else {
        for (const t of this.timers.filter((x) => x.next === step)) {
          t.next += t.every;
          t.fn();
        }
      }
    }
    this.time = end;
    if (!options.stalled) return;
    for (const t of [...this.timers]) {
      t.next = end + t.every;
      t.fn();
    }
  }
}

function setup(watchdogMs = 20_000, gateCheck: () => string | null = () => null) {
  const timers = new FakeTimers();
  const sent: string[] = [];
  let closed = false;
  const withheld: string[] = [];
  const hb = new WatchdogHeartbeat({
    notifier: { send: (a) => void sent.push(a), close: () => void (closed = true) },
    watchdogMs,
    timers,
    gateCheck,
    startupGraceMs: 60_000,
    onWithheld: (r) => void withheld.push(r),
  });
  const beating = { beatEvery: RENDERER_HEARTBEAT_MS, beat: () => hb.rendererBeat() };
  const count = (a: string) => sent.filter((s) => s === a).length;
  return { timers, sent, hb, withheld, beating, count, closed: () => closed };
}

describe('WatchdogHeartbeat', () => {
  it('sends READY=1 first and WATCHDOG=1 every half watchdog interval while the renderer beats', () => {
    const { timers, sent, hb, beating, count } = setup();
    hb.start();
    assert.equal(sent[0], 'READY=1');
    assert.deepEqual(timers.intervals, [10_000]);
    timers.advance(60_000, beating);
    assert.equal(count('WATCHDOG=1'), 6);
  });

  it('withholds WATCHDOG=1 once the renderer has been silent past the limit, says why once, resumes on a beat', () => {
    const { timers, sent, hb, withheld, beating, count } = setup();
    hb.start();
    timers.advance(30_000, beating);
    const before = count('WATCHDOG=1');
    timers.advance(60_000);
    // Silent from t=30 s: the beats at 40 and 50 s still pass (≤ 20 s of silence), then none.
    assert.equal(count('WATCHDOG=1') - before, 2);
    assert.equal(withheld.length, 1);
    assert.match(withheld[0]!, /guard screen has been silent for 30 s/);
    assert.equal(sent.filter((s) => s.startsWith('STATUS=watchdog withheld')).length, 1);
    timers.advance(20_000, beating);
    assert.ok(count('WATCHDOG=1') > before + 2, 'did not resume');
    assert.ok(sent.lastIndexOf('STATUS=gate running') > sent.findIndex((s) => s.startsWith('STATUS=watchdog withheld')));
  });

  it('allows the renderer the start-up grace for its first beat, then withholds', () => {
    const { timers, hb, withheld, count } = setup();
    hb.start();
    timers.advance(60_000);
    assert.equal(count('WATCHDOG=1'), 6);
    timers.advance(20_000);
    assert.equal(count('WATCHDOG=1'), 6);
    assert.match(withheld[0]!, /has not started within 60 s/);
  });

  it('withholds while the gate check fails or throws', () => {
    let problem: string | null = null;
    let throwing = false;
    const { timers, hb, withheld, beating, count } = setup(20_000, () => {
      if (throwing) throw new Error('database is locked');
      return problem;
    });
    hb.start();
    timers.advance(20_000, beating);
    problem = 'the register cannot be read: SQLITE_CORRUPT';
    timers.advance(20_000, beating);
    assert.equal(count('WATCHDOG=1'), 2);
    problem = null;
    throwing = true;
    timers.advance(10_000, beating);
    assert.equal(count('WATCHDOG=1'), 2);
    assert.deepEqual(withheld, ['the register cannot be read: SQLITE_CORRUPT', 'the gate check failed: database is locked']);
  });

  it('withholds after the event loop stalled (the timer ran far too late)', () => {
    const { timers, hb, withheld, beating, count } = setup();
    hb.start();
    timers.advance(20_000, beating);
    hb.rendererBeat();
    timers.advance(35_000, { stalled: true });
    assert.equal(count('WATCHDOG=1'), 2);
    assert.match(withheld[0]!, /event loop stalled for 35 s/);
  });

  it('stop sends STOPPING=1, closes the notifier and beats no more', () => {
    const { timers, sent, hb, beating, count, closed } = setup();
    hb.start();
    timers.advance(10_000, beating);
    hb.stop();
    timers.advance(60_000, beating);
    assert.equal(count('WATCHDOG=1'), 1);
    assert.equal(sent.at(-1), 'STOPPING=1');
    assert.ok(closed());
  });

  it('the silence limit is a few beats, never less than the watchdog interval', () => {
    assert.equal(rendererSilenceLimitMs(1_000), 2.5 * RENDERER_HEARTBEAT_MS);
    assert.equal(rendererSilenceLimitMs(20_000), 20_000);
  });
});

describe('watchdogMsFromEnv', () => {
  it('reads WATCHDOG_USEC for this process or its parent (Electron under cage), nothing otherwise', () => {
    assert.equal(watchdogMsFromEnv({ WATCHDOG_USEC: '20000000' }, 10, 1), 20_000);
    assert.equal(watchdogMsFromEnv({ WATCHDOG_USEC: '20000000', WATCHDOG_PID: '10' }, 10, 1), 20_000);
    assert.equal(watchdogMsFromEnv({ WATCHDOG_USEC: '20000000', WATCHDOG_PID: '9' }, 10, 9), 20_000);
    assert.equal(watchdogMsFromEnv({ WATCHDOG_USEC: '20000000', WATCHDOG_PID: '77' }, 10, 9), undefined);
    assert.equal(watchdogMsFromEnv({}, 10, 9), undefined);
    assert.equal(watchdogMsFromEnv({ WATCHDOG_USEC: 'soon' }, 10, 9), undefined);
  });
});
