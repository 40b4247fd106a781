import assert from 'node:assert/strict';
import { test } from 'vitest';
import { SimulatedTurnstileRelay } from '../../../hardware/turnstile/simulated-turnstile-relay.js';
import { silentLogger } from '../../../main/platform/logger.js';
import { failSafeHandlers, FATAL_EXIT_CODE, installFailSafe } from '../../../main/process/fail-safe.js';

function armedRelays() {
  const relays = [new SimulatedTurnstileRelay('released'), new SimulatedTurnstileRelay('locked')];
  for (const r of relays) {
    r.arm();
    r.pulse(60_000);
  }
  return relays;
}

test('exit, signals and fatal errors all put every relay in its safe position', () => {
  for (const trigger of ['exit', 'signal', 'fatal'] as const) {
    const relays = armedRelays();
    const exits: number[] = [];
    const h = failSafeHandlers(relays, silentLogger, { exit: (code) => exits.push(code) });
    if (trigger === 'exit') h.onExit();
    if (trigger === 'signal') h.onSignal('SIGTERM');
    if (trigger === 'fatal') h.onFatal(new Error('crash'));
    assert.deepEqual(relays.map((r) => r.state().position), ['released', 'locked'], trigger);
    assert.deepEqual(exits, trigger === 'exit' ? [] : [trigger === 'fatal' ? FATAL_EXIT_CODE : 0]);
  }
});

test('one failing relay does not keep the others from their safe position', () => {
  const good = new SimulatedTurnstileRelay('released');
  good.arm();
  const broken = { toSafePosition: () => { throw new Error('gpio gone'); } } as unknown as SimulatedTurnstileRelay;
  failSafeHandlers([broken, good], silentLogger, { exit: () => {} }).onFatal('x');
  assert.equal(good.state().position, 'released');
});

test('installFailSafe registers on the process and uninstalls cleanly', () => {
  const before = ['exit', 'SIGTERM', 'SIGINT', 'SIGHUP', 'uncaughtException', 'unhandledRejection'].map((e) => process.listenerCount(e));
  const relay = new SimulatedTurnstileRelay('locked');
  relay.arm();
  relay.pulse(60_000);
  let signalled = '';
  const uninstall = installFailSafe([relay], silentLogger, { onSignal: (s) => (signalled = s) });
  process.emit('SIGHUP', 'SIGHUP');
  assert.equal(signalled, 'SIGHUP');
  assert.equal(relay.state().position, 'locked');
  uninstall();
  const afterCounts = ['exit', 'SIGTERM', 'SIGINT', 'SIGHUP', 'uncaughtException', 'unhandledRejection'].map((e) => process.listenerCount(e));
  assert.deepEqual(afterCounts, before);
});
