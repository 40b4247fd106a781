/**
 * Lights, buzzer, relay and passage sensor on GPIO lines (simulated lines, mocked timers): the patterns come from
 * data (signal-patterns.ts) and reach the lines with the right rhythm; the relay's safe position is the de-energised
 * one; the sensor turns edges into passages.
 */
import assert from 'node:assert/strict';
import { test, vi } from 'vitest';
import { SimulatedGpioLine } from '../../../hardware/gpio/simulated-gpio-line.js';
import { GpioBuzzer, GpioSignalLights } from '../../../hardware/signal-lights/gpio-signal-lights.js';
import { BUZZER_PATTERNS, LIGHT_PATTERNS } from '../../../hardware/signal-lights/signal-patterns.js';
import { GpioTurnstileRelay } from '../../../hardware/turnstile/gpio-turnstile-relay.js';
import { GpioPassageSensor } from '../../../hardware/turnstile/passage-sensor.js';

function clock() {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'], now: 0 });
  let now = 0;
  const lineOptions = { now: () => now };
  return {
    lineOptions,
    advance(ms: number) {
      now += ms;
      vi.advanceTimersByTime(ms);
    },
    reset: () => vi.useRealTimers(),
  };
}

test('lights: admit is green steady for 2 s, deny blinks red 250/250 for 3 s, review blinks amber; others stay off', () => {
  const c = clock();
  try {
    const [red, amber, green] = ['red', 'amber', 'green'].map((n) => new SimulatedGpioLine(n, 'output', c.lineOptions));
    const lights = new GpioSignalLights({ red: red!, amber: amber!, green: green! });
    const states: string[] = [];
    lights.onChange((s) => states.push(`${s.color}${s.blinking ? '*' : ''}`));
    lights.show(LIGHT_PATTERNS.admit);
    assert.equal(green!.level(), 1);
    c.advance(1999);
    assert.equal(green!.level(), 1);
    c.advance(1);
    assert.equal(green!.level(), 0);
    lights.show(LIGHT_PATTERNS.deny);
    for (let t = 0; t < 3000; t += 250) c.advance(250);
    // 3 s at 250 on / 250 off: on at 0, 500, …, 2500 — six flashes — then off.
    assert.equal(red!.writes.filter((w) => w.level === 1).length, 6);
    assert.equal(red!.level(), 0);
    lights.show(LIGHT_PATTERNS.review);
    c.advance(500);
    assert.equal(amber!.level(), 0);
    c.advance(500);
    assert.equal(amber!.level(), 1);
    lights.show(LIGHT_PATTERNS.admit); // a new result replaces the running pattern at once
    assert.deepEqual([red!.level(), amber!.level(), green!.level()], [0, 0, 1]);
    assert.deepEqual(states, ['green', 'off', 'red*', 'off', 'amber*', 'green']);
    lights.close();
    assert.ok([red, amber, green].every((l) => l!.closed && l!.level() === 0));
  } finally {
    c.reset();
  }
});

test('buzzer: each outcome is its rhythm of on/off from the pattern data; a new pattern interrupts the old', () => {
  const c = clock();
  try {
    const line = new SimulatedGpioLine('buzzer', 'output', c.lineOptions);
    const buzzer = new GpioBuzzer(line);
    buzzer.play('deny');
    const total = BUZZER_PATTERNS.deny.reduce((sum, t) => sum + t.durationMs + t.pauseMs, 0);
    for (let t = 0; t <= total; t += 10) c.advance(10);
    assert.equal(line.history(), '0 1 0 1 0 1 0 0');
    const on = line.writes.filter((w) => w.level === 1).map((w) => w.at);
    assert.deepEqual(on, [0, 270, 540]);
    buzzer.play('review');
    c.advance(100);
    buzzer.play('admit');
    c.advance(200);
    assert.equal(line.level(), 0);
    buzzer.close();
    assert.ok(line.closed);
  } finally {
    c.reset();
  }
});

test('relay: energised only away from the safe position, for fail-secure and fail-safe doors; toSafePosition is synchronous', () => {
  const c = clock();
  try {
    for (const safePosition of ['locked', 'released'] as const) {
      const line = new SimulatedGpioLine('relay', 'output', c.lineOptions);
      const relay = new GpioTurnstileRelay(line, safePosition);
      assert.equal(relay.state().position, safePosition);
      relay.arm();
      relay.pulse(3000);
      assert.equal(relay.state().position, 'released');
      c.advance(3000);
      assert.equal(relay.state().position, 'locked');
      relay.pulse(3000);
      relay.toSafePosition();
      assert.equal(relay.state().position, safePosition);
      // fail-secure strike: energise to release; fail-safe maglock: energise to lock.
      const expected = safePosition === 'locked' ? '0 0 1 0 1 0' : '0 1 0 1 0 0';
      assert.equal(line.history(), expected, safePosition);
      assert.equal(line.writes.at(-1)!.sync, true, 'the safe level is written synchronously');
      c.advance(5000);
      assert.equal(line.level(), 0, 'a pulse timer cannot undo the safe position');
      assert.equal(relay.state().pulses, 2);
    }
  } finally {
    c.reset();
  }
});

test('passage sensor: the configured edge of the de-bounced contact is a passage', () => {
  const line = new SimulatedGpioLine('door', 'input', { debounceMs: 50 });
  const seen: number[] = [];
  const sensor = new GpioPassageSensor(line, 'rising');
  sensor.onPassage((at) => seen.push(at));
  line.drive(1, 1000);
  line.drive(0, 1010); // bounce
  line.drive(1, 1020);
  line.drive(0, 1600);
  line.drive(1, 2000);
  assert.deepEqual(seen, [1000, 2000]);
  sensor.close();
  assert.ok(line.closed);
});
