/**
 * Turnstile passage confirmation through the real composition root (SQLite register, simulated relay and sensor):
 * an admit followed by a passage is `passed`; an admit with no passage before the timeout is "granted, not passed",
 * stored on the entry (migration 0004), taken out of the counters and of anti-passback, and announced to the screen.
 */
import assert from 'node:assert/strict';
import { afterAll, afterEach, test, vi } from 'vitest';
import type { GateEventMessage } from '../../../core/index.js';
import { createGateApp, type GateApp } from '../../../main/composition/create-gate-app.js';
import { loadConfig } from '../../../main/config/load-config.js';
import { PassageTracker } from '../../../main/gate/passage-tracker.js';
import { silentLogger } from '../../../main/platform/logger.js';
import { SimulatedPassageSensor } from '../../../hardware/turnstile/passage-sensor.js';
import { writeTestConfig } from '../../support/host-process.js';
import { tempDir } from '../../support/paths.js';
import { validToken } from '../../support/tokens.js';

const apps: GateApp[] = [];
afterEach(() => vi.useRealTimers());
afterAll(async () => {
  for (const app of apps) await app.close();
});

async function gateWithSensor(): Promise<GateApp> {
  const dataDir = tempDir('passage');
  const config = loadConfig(
    writeTestConfig(dataDir, {
      extraConfig: { hardware: { turnstile: { kind: 'simulated', pulseMs: 500, passageSensor: { kind: 'simulated' }, passageTimeoutMs: 1000 } } },
    }),
  );
  const app = await createGateApp(config, { hostMode: 'browser', logger: silentLogger });
  apps.push(app);
  return app;
}

const passageOf = (app: GateApp, entryId: string) =>
  app.register.database.prepare('SELECT passage, passage_at FROM entries WHERE id = ?').get(entryId) as { passage: string | null; passage_at: number | null };

test('passed, and granted-not-passed after the timeout: stored, announced, out of the counters and anti-passback', async () => {
  const app = await gateWithSensor();
  const sensor = app.hardware.simulated!.passageSensor!;
  const events: GateEventMessage[] = [];
  app.gate.events.add((e) => events.push(e));
  const walker = Buffer.alloc(16, 1);
  const turnsBack = Buffer.alloc(16, 2);

  // The passage timeout (1000 ms) runs on fake timers: no sleep, and no race with a busy machine.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  const passed = app.gate.handleScan('simulated', validToken({ subjectRef: walker }));
  sensor.pass();
  assert.equal(passageOf(app, passed.entryId).passage, 'passed');

  const notPassed = app.gate.handleScan('simulated', validToken({ subjectRef: turnsBack }));
  assert.deepEqual(app.gate.counters(), { enteredToday: 2, leftToday: 0, insideNow: 2 });
  vi.advanceTimersByTime(999);
  assert.equal(passageOf(app, notPassed.entryId).passage, null, 'still within the passage timeout');
  vi.advanceTimersByTime(1);
  assert.deepEqual(passageOf(app, notPassed.entryId).passage, 'not-passed');
  assert.ok(passageOf(app, notPassed.entryId).passage_at! > 0);
  assert.deepEqual(app.gate.counters(), { enteredToday: 1, leftToday: 0, insideNow: 1 }, 'who did not pass is not inside');
  assert.deepEqual(
    events.filter((e) => e.name === 'passage').map((e) => e.data),
    [
      { entryId: passed.entryId, passage: 'passed' },
      { entryId: notPassed.entryId, passage: 'not-passed' },
    ],
  );
  const recent = app.register.recent(5);
  assert.equal(recent.find((e) => e.entryId === notPassed.entryId)?.passage, 'not-passed');
  // Scanning again after turning back is a fresh entry, not "already inside"; the one who walked through is.
  assert.equal(app.gate.handleScan('simulated', validToken({ subjectRef: turnsBack })).decision.outcome, 'admit');
  assert.equal(app.gate.handleScan('simulated', validToken({ subjectRef: walker })).decision.reasons[0], 'ALREADY_INSIDE');
});

test('the tracker confirms admits first-in first-out and counts passages nobody was admitted for', () => {
  const sensor = new SimulatedPassageSensor();
  const results: string[] = [];
  let unexpected = 0;
  const tracker = new PassageTracker(sensor, { timeoutMs: 60_000, onResult: (id, r) => results.push(`${id}:${r}`), onUnexpectedPassage: () => unexpected++ });
  tracker.expect('a');
  tracker.expect('b');
  sensor.pass();
  assert.deepEqual(tracker.waiting(), ['b']);
  sensor.pass();
  sensor.pass();
  assert.deepEqual(results, ['a:passed', 'b:passed']);
  assert.equal(unexpected, 1);
  tracker.expect('c');
  tracker.close();
  sensor.pass();
  assert.deepEqual(results, ['a:passed', 'b:passed']);
});
