/** The gate loop in-process, through the real composition root (SQLite register, simulated hardware). */
import assert from 'node:assert/strict';
import { afterAll, test } from 'vitest';
import type { GateEventMessage } from '../../../core/index.js';
import { loadConfig } from '../../../main/config/load-config.js';
import { createGateApp, type GateApp } from '../../../main/composition/create-gate-app.js';
import { GateUnavailableError } from '../../../main/gate/gate-service.js';
import { silentLogger } from '../../../main/platform/logger.js';
import { tempDir } from '../../support/paths.js';
import { writeTestConfig } from '../../support/host-process.js';
import { expiredToken, validToken } from '../../support/tokens.js';

const apps: GateApp[] = [];
afterAll(async () => {
  for (const app of apps) await app.close();
});

async function newApp(direction: 'in' | 'out' | 'both' = 'both'): Promise<GateApp> {
  const dataDir = tempDir('gate');
  const app = await createGateApp(loadConfig(writeTestConfig(dataDir, { direction })), { hostMode: 'browser', logger: silentLogger });
  apps.push(app);
  return app;
}

test('admit: the row is committed before the relay pulses, then lights and buzzer follow', async () => {
  const app = await newApp();
  const sim = app.hardware.simulated!;
  const events: GateEventMessage[] = [];
  app.gate.events.add((e) => events.push(e));
  const view = app.gate.handleScan('simulated', validToken());
  assert.equal(view.decision.outcome, 'admit');
  const pulses = sim.relay.commands.filter((c) => c.action === 'pulse');
  assert.equal(pulses.length, 1);
  assert.ok(pulses[0]!.committedSeq! >= view.seq, 'row must be on disk when the relay fires');
  assert.equal(app.hardware.relay.state().position, 'released');
  assert.deepEqual(app.hardware.lights.state(), { color: 'green', blinking: false });
  assert.deepEqual(sim.buzzer.played, ['admit']);
  const names = events.map((e) => e.name);
  assert.ok(names.indexOf('relay') < names.indexOf('entry'), 'the screen hears "admitted" after the relay command');
  assert.deepEqual(events.find((e) => e.name === 'counters')?.data, { enteredToday: 1, leftToday: 0, insideNow: 1 });
});

test('deny and review never pulse the relay', async () => {
  const app = await newApp();
  app.gate.handleScan('simulated', expiredToken());
  assert.deepEqual(app.hardware.lights.state(), { color: 'red', blinking: true });
  app.gate.handleScan('simulated', validToken({ result: 'medical-check' }));
  assert.deepEqual(app.hardware.lights.state(), { color: 'amber', blinking: true });
  assert.equal(app.hardware.simulated!.relay.commands.filter((c) => c.action === 'pulse').length, 0);
  assert.equal(app.hardware.relay.state().position, 'locked');
});

test('counters follow in and out of the same person; a fixed-direction checkpoint refuses the toggle', async () => {
  const app = await newApp();
  const subjectRef = Buffer.alloc(16, 3);
  app.gate.handleScan('simulated', validToken({ subjectRef }));
  app.gate.setDirection('out');
  app.gate.handleScan('simulated', validToken({ subjectRef }));
  assert.deepEqual(app.gate.counters(), { enteredToday: 1, leftToday: 1, insideNow: 0 });
  const fixed = await newApp('in');
  assert.throws(() => fixed.gate.setDirection('out'), (e: unknown) => e instanceof GateUnavailableError && e.code === 'DIRECTION_FIXED');
});

test('counters survive a restart (they come from the register)', async () => {
  const dataDir = tempDir('gate');
  const config = loadConfig(writeTestConfig(dataDir));
  const first = await createGateApp(config, { hostMode: 'browser', logger: silentLogger });
  first.gate.handleScan('simulated', validToken());
  first.gate.handleScan('simulated', validToken());
  await first.close();
  const second = await createGateApp(config, { hostMode: 'browser', logger: silentLogger });
  apps.push(second);
  assert.deepEqual(second.gate.counters(), { enteredToday: 2, leftToday: 0, insideNow: 2 });
  assert.equal(second.gate.handleScan('simulated', 'x').seq, 3);
});

test('when the register cannot be written nobody is admitted and an alarm stays up', async () => {
  const app = await newApp();
  const alarms: unknown[] = [];
  app.gate.events.add((e) => e.name === 'alarm' && alarms.push(e.data));
  app.register.database.close();
  assert.throws(() => app.gate.handleScan('simulated', validToken()), (e: unknown) => e instanceof GateUnavailableError && e.code === 'REGISTER_WRITE_FAILED');
  assert.equal(app.hardware.simulated!.relay.commands.filter((c) => c.action === 'pulse').length, 0);
  assert.equal(app.hardware.relay.state().position, 'locked');
  assert.equal(app.hardware.lights.state().color, 'red');
  assert.equal(app.gate.alarm()?.code, 'REGISTER_WRITE_FAILED');
  assert.equal(alarms.length, 1);
  apps.splice(apps.indexOf(app), 1);
});

test('the relay starts in its safe position and is armed only when the gate is ready', async () => {
  const dataDir = tempDir('gate');
  const app = await createGateApp(loadConfig(writeTestConfig(dataDir, { safePosition: 'released' })), { hostMode: 'browser', logger: silentLogger });
  apps.push(app);
  const positions = app.hardware.simulated!.relay.commands.map((c) => `${c.action}:${c.position}`);
  assert.equal(positions[0], 'safe-state:released');
  assert.equal(app.hardware.relay.state().position, 'locked');
  await app.close();
  assert.equal(app.hardware.relay.state().position, 'released');
  apps.splice(apps.indexOf(app), 1);
});

test('a guard override is its own entry, pointing at the original, and admits only once', async () => {
  const app = await newApp();
  const denied = app.gate.handleScan('simulated', expiredToken());
  const override = app.gate.overrideEntry(denied.entryId, { action: 'admit', reason: 'PAPER_DECLARATION_CHECKED', note: 'tờ khai giấy số 12' });
  assert.equal(override.decision.outcome, 'admit');
  assert.deepEqual(override.decision.reasons, ['GUARD_OVERRIDE_ADMIT', 'TOKEN_EXPIRED']);
  assert.equal(override.overrideOf, denied.entryId);
  assert.equal(override.seq, denied.seq + 1);
  const pulses = app.hardware.simulated!.relay.commands.filter((c) => c.action === 'pulse');
  assert.equal(pulses.length, 1);
  assert.ok(pulses[0]!.committedSeq! >= override.seq);
  const rows = app.register.database.prepare('SELECT seq, outcome, override_of, override_reason, override_note FROM entries ORDER BY seq').all();
  assert.deepEqual(rows, [
    { seq: 1, outcome: 'deny', override_of: null, override_reason: null, override_note: null },
    { seq: 2, outcome: 'admit', override_of: denied.entryId, override_reason: 'PAPER_DECLARATION_CHECKED', override_note: 'tờ khai giấy số 12' },
  ]);
  assert.throws(() => app.gate.overrideEntry(denied.entryId, { action: 'admit', reason: 'EMERGENCY', note: '' }), (e: unknown) => e instanceof GateUnavailableError && e.code === 'ALREADY_OVERRIDDEN');
  assert.throws(() => app.gate.overrideEntry(override.entryId, { action: 'admit', reason: 'EMERGENCY', note: '' }), (e: unknown) => e instanceof GateUnavailableError && e.code === 'OVERRIDE_NOT_ALLOWED');
  assert.throws(() => app.gate.overrideEntry('nope', { action: 'admit', reason: 'EMERGENCY', note: '' }), (e: unknown) => e instanceof GateUnavailableError && e.code === 'ENTRY_NOT_FOUND');
});

test('anti-passback: the same person entering twice is reviewed, and the review names the checkpoint', async () => {
  const app = await newApp();
  const subjectRef = Buffer.alloc(16, 8);
  assert.equal(app.gate.handleScan('simulated', validToken({ subjectRef })).decision.outcome, 'admit');
  const second = app.gate.handleScan('simulated', validToken({ subjectRef }));
  assert.equal(second.decision.outcome, 'review');
  assert.equal(second.decision.reasons[0], 'ALREADY_INSIDE');
  assert.equal(second.decision.reasonParams?.checkpoint, 'Cổng thử nghiệm');
  assert.deepEqual(app.gate.counters(), { enteredToday: 1, leftToday: 0, insideNow: 1 });
});
