/**
 * A deny or review closes a gate the previous admit has just opened (core/passage/door-rules.ts; docs/hardware.md
 * "A deny closes the gate"): through the real composition root with the simulated relay and passage sensor, and with
 * the GPIO relay driving the fake gpioset (test/support/fake-gpio-tools.ts) — the relay line goes back to its
 * de-energised level at once, long before the admit's pulse would have ended.
 */
import assert from 'node:assert/strict';
import { afterAll, afterEach, test, vi } from 'vitest';
import type { GateEventMessage } from '../../../core/index.js';
import { createGateApp, type GateApp } from '../../../main/composition/create-gate-app.js';
import { loadConfig } from '../../../main/config/load-config.js';
import { silentLogger } from '../../../main/platform/logger.js';
import { fakeGpioTools } from '../../support/fake-gpio-tools.js';
import { writeTestConfig } from '../../support/host-process.js';
import { tempDir } from '../../support/paths.js';
import { expiredToken, validToken } from '../../support/tokens.js';

const apps: GateApp[] = [];
afterEach(() => vi.useRealTimers());
afterAll(async () => {
  for (const app of apps) await app.close();
});

async function gate(turnstile: Record<string, unknown>): Promise<GateApp> {
  const dataDir = tempDir('deny-closes');
  const config = loadConfig(writeTestConfig(dataDir, { extraConfig: { hardware: { turnstile } } }));
  const app = await createGateApp(config, { hostMode: 'browser', logger: silentLogger });
  apps.push(app);
  return app;
}

const commandsOf = (app: GateApp) => app.hardware.simulated!.relay.commands.map((c) => `${c.action}:${c.position}`);

test('simulated relay: admit opens, the next deny locks at once (after its commit), a review too; a locked gate gets no extra command', async () => {
  const app = await gate({ kind: 'simulated', pulseMs: 60_000 });
  const events: GateEventMessage[] = [];
  app.gate.events.add((e) => events.push(e));
  const start = commandsOf(app).length;
  app.gate.handleScan('simulated', validToken());
  assert.equal(app.hardware.relay.state().position, 'released');
  const denied = app.gate.handleScan('simulated', expiredToken());
  assert.equal(denied.decision.outcome, 'deny');
  assert.equal(app.hardware.relay.state().position, 'locked', 'a 60 s pulse is cut short by the deny');
  const lock = app.hardware.simulated!.relay.commands.at(-1)!;
  assert.ok(lock.action === 'lock' && lock.committedSeq! >= denied.seq, 'the deny is on disk when the gate locks');
  app.gate.handleScan('simulated', expiredToken());
  app.gate.handleScan('simulated', validToken());
  app.gate.handleScan('simulated', validToken({ result: 'medical-check' }));
  assert.equal(app.hardware.relay.state().position, 'locked');
  assert.deepEqual(commandsOf(app).slice(start), ['pulse:released', 'lock:locked', 'pulse:released', 'lock:locked'], 'the second deny (gate already locked) sends nothing');
  // The screen hears "locked" before it hears the deny.
  const names = events.map((e) => (e.name === 'relay' ? `relay:${e.data.position}` : e.name === 'entry' ? `entry:${e.data.decision.outcome}` : undefined)).filter(Boolean);
  assert.deepEqual(names, ['relay:released', 'entry:admit', 'relay:locked', 'entry:deny', 'entry:deny', 'relay:released', 'entry:admit', 'relay:locked', 'entry:review']);
});

test('simulated relay: a guard refusing a review, and undoing an admitting override, lock the gate at once', async () => {
  const app = await gate({ kind: 'simulated', pulseMs: 60_000 });
  const reviewed = app.gate.handleScan('simulated', validToken({ result: 'medical-check' }));
  const denied = app.gate.handleScan('simulated', expiredToken());
  const override = app.gate.overrideEntry(denied.entryId, { action: 'admit', reason: 'PAPER_DECLARATION_CHECKED', note: '' });
  assert.equal(app.hardware.relay.state().position, 'released');
  const refused = app.gate.overrideEntry(reviewed.entryId, { action: 'refuse', reason: 'GUARD_JUDGEMENT', note: 'sốt' });
  assert.equal(refused.decision.outcome, 'deny');
  assert.equal(app.hardware.relay.state().position, 'locked', 'refusing the other person closes the door the override opened');
  const secondOverride = app.gate.overrideEntry(app.gate.handleScan('simulated', expiredToken()).entryId, { action: 'admit', reason: 'PAPER_DECLARATION_CHECKED', note: '' });
  assert.equal(app.hardware.relay.state().position, 'released');
  app.gate.undoOverride(secondOverride.entryId);
  assert.equal(app.hardware.relay.state().position, 'locked', 'the undo restores the deny and its closed gate');
  assert.equal(override.decision.outcome, 'admit');
});

test('with a passage sensor: the admitted person already passing is still counted; one who had not started ends "not passed"', async () => {
  const app = await gate({ kind: 'simulated', pulseMs: 60_000, passageSensor: { kind: 'simulated' }, passageTimeoutMs: 1000 });
  const sensor = app.hardware.simulated!.passageSensor!;
  const passages: string[] = [];
  app.gate.events.add((e) => e.name === 'passage' && passages.push(`${e.data.entryId}:${e.data.passage}`));
  // The passage timeout (1000 ms) runs on fake timers: no sleep, and no race with a busy machine.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  const walking = app.gate.handleScan('simulated', validToken({ subjectRef: Buffer.alloc(16, 1) }));
  app.gate.handleScan('simulated', expiredToken());
  assert.equal(app.hardware.relay.state().position, 'locked');
  sensor.pass(); // the rotation that had started completes after the lock
  const cutOff = app.gate.handleScan('simulated', validToken({ subjectRef: Buffer.alloc(16, 2) }));
  app.gate.handleScan('simulated', validToken({ result: 'medical-check' }));
  vi.advanceTimersByTime(999);
  assert.deepEqual(passages, [`${walking.entryId}:passed`], 'the cut-off person is still within the passage timeout');
  vi.advanceTimersByTime(1);
  assert.deepEqual(passages, [`${walking.entryId}:passed`, `${cutOff.entryId}:not-passed`]);
  const again = app.gate.handleScan('simulated', validToken({ subjectRef: Buffer.alloc(16, 2) }));
  assert.equal(again.decision.outcome, 'admit', 'scanning again is not "already inside"');
});

test('GPIO relay on the fake gpioset: a deny puts the line back to the de-energised level at once (active-low board)', async () => {
  const tools = fakeGpioTools({ version: 2 });
  const saved = { PATH: process.env.PATH, FAKE_GPIO_DIR: process.env.FAKE_GPIO_DIR, FAKE_GPIOD_VERSION: process.env.FAKE_GPIOD_VERSION };
  Object.assign(process.env, { PATH: tools.env.PATH, FAKE_GPIO_DIR: tools.env.FAKE_GPIO_DIR, FAKE_GPIOD_VERSION: tools.env.FAKE_GPIOD_VERSION });
  try {
    const app = await gate({ kind: 'gpio', line: { chip: 'gpiochip0', offset: 26, activeLow: true }, pulseMs: 60_000, safePosition: 'locked' });
    const held = (value: number) => () => (tools.sets('gpiochip0', 26).at(-1)?.how === 'hold' && tools.lastValue('gpiochip0', 26) === value ? true : undefined);
    await tools.waitFor('armed: held de-energised (electrical 1)', held(1));
    app.gate.handleScan('simulated', validToken());
    await tools.waitFor('released: energised (electrical 0)', held(0));
    app.gate.handleScan('simulated', expiredToken());
    assert.equal(app.hardware.relay.state().position, 'locked');
    await tools.waitFor('locked again by the deny, 60 s before the pulse would end', held(1));
    await app.close();
    assert.equal(tools.lastValue('gpiochip0', 26), 1, 'and closing leaves it there');
  } finally {
    Object.assign(process.env, saved);
    for (const [key, value] of Object.entries(saved)) if (value === undefined) delete process.env[key];
  }
});

test('a phone check-in that needs the guard: amber lights, review buzzer, the open gate locked, raised; an old or clear one only listed', async () => {
  const app = await gate({ kind: 'simulated', pulseMs: 60_000 });
  const sim = app.hardware.simulated!;
  const raised: boolean[] = [];
  app.gate.events.add((e) => e.name === 'phoneCheckin' && raised.push(e.data.alert));
  const checkin = (n: number, result: 'clear' | 'medical-check') => ({ checkinId: `c${n}`, displayName: `Người\u202E ${n}`, result, checkedInAt: Date.now() });
  app.gate.handleScan('simulated', validToken());
  const view = app.gate.phoneCheckin(checkin(1, 'medical-check'), true);
  assert.deepEqual([view.outcome, view.reasons, view.displayName], ['review', ['PHONE_CHECKIN_SEE_GUARD', 'DECLARATION_NEEDS_MEDICAL_CHECK'], 'Người 1']);
  assert.equal(app.hardware.relay.state().position, 'locked');
  assert.deepEqual(app.hardware.lights.state(), { color: 'amber', blinking: true });
  assert.equal(sim.buzzer.played.at(-1), 'review');
  const commands = sim.relay.commands.length;
  app.gate.handleScan('simulated', validToken());
  app.gate.phoneCheckin(checkin(2, 'medical-check'), false);
  app.gate.phoneCheckin(checkin(3, 'clear'), true);
  assert.equal(app.hardware.relay.state().position, 'released', 'a backlog check-in or a clear one does not touch the gate');
  assert.equal(sim.relay.commands.length, commands + 1);
  assert.deepEqual(raised, [true, false, false]);
});

test('while the register fails, a check-in that needs the guard leaves a fail-safe door in its safe (released) position', async () => {
  const app = await gate({ kind: 'simulated', pulseMs: 60_000, safePosition: 'released' });
  app.register.database.close();
  assert.throws(() => app.gate.handleScan('simulated', validToken()));
  assert.equal(app.hardware.relay.state().position, 'released');
  app.gate.phoneCheckin({ checkinId: 'c1', displayName: 'Lê Văn Ho', result: 'medical-check', checkedInAt: Date.now() }, true);
  assert.equal(app.hardware.relay.state().position, 'released');
  apps.splice(apps.indexOf(app), 1);
});
