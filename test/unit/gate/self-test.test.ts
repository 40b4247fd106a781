/**
 * The hardware self-test: the steps and their verdicts (a scanner must deliver a read, a driver fault fails its step,
 * real lamps are for a person to check), the PIN in front of it on the settings screen, and the run through the
 * contract on a live gate.
 */
import assert from 'node:assert/strict';
import { afterAll, test } from 'vitest';
import type { GateEventMessage, SelfTestReport } from '../../../core/index.js';
import { Listeners } from '../../../hardware/common/listeners.js';
import { SimulatedGpioLine } from '../../../hardware/gpio/simulated-gpio-line.js';
import type { ScanRead, Scanner } from '../../../hardware/scanner/scanner.js';
import { GpioBuzzer, GpioSignalLights } from '../../../hardware/signal-lights/gpio-signal-lights.js';
import { GpioTurnstileRelay } from '../../../hardware/turnstile/gpio-turnstile-relay.js';
import { SimulatedPassageSensor } from '../../../hardware/turnstile/passage-sensor.js';
import { createGateApp, type GateApp } from '../../../main/composition/create-gate-app.js';
import { loadConfig } from '../../../main/config/load-config.js';
import { createContractHandler } from '../../../main/host/contract-handlers.js';
import { silentLogger } from '../../../main/platform/logger.js';
import { formatSelfTestTable, runSelfTest } from '../../../main/selftest/self-test.js';
import { hashPin, lockMsAfter, PIN_LOCKOUT, PinGuard, verifyPin, type PinLockState } from '../../../main/selftest/settings-pin.js';
import { writeTestConfig } from '../../support/host-process.js';
import { tempDir } from '../../support/paths.js';

/** A connected device scanner whose read the test triggers. */
function deviceScanner(id: string): Scanner & { read(payload: string): void } {
  const reads = new Listeners<ScanRead>();
  return {
    id,
    kind: 'serial',
    start: () => Promise.resolve(),
    stop: () => Promise.resolve(),
    onRead: (l) => reads.add(l),
    status: () => ({ id, kind: 'serial', health: 'connected', detail: '/dev/ttyACM0 9600 8N1' }),
    onStatus: () => () => undefined,
    read: (payload) => reads.emit({ scannerId: id, source: 'serial', payload }),
  };
}

test('steps: a read passes the scanner, a silent scanner fails, a faulty line fails, real lamps are CHECK', async () => {
  const lines = ['red', 'amber', 'green', 'buzzer', 'relay'].map((n) => new SimulatedGpioLine(n, 'output'));
  const [red, amber, green, buzzerLine, relayLine] = lines as [SimulatedGpioLine, SimulatedGpioLine, SimulatedGpioLine, SimulatedGpioLine, SimulatedGpioLine];
  const sensor = new SimulatedPassageSensor();
  const reading = deviceScanner('door');
  const silent = deviceScanner('side');
  const waits: boolean[] = [];
  const progress: number[] = [];
  const steps = await runSelfTest(
    {
      scanners: [reading, silent],
      lights: new GpioSignalLights({ red, amber, green }),
      buzzer: new GpioBuzzer(buzzerLine),
      relay: new GpioTurnstileRelay(relayLine, 'locked'),
      passageSensor: sensor,
      simulatedOutputs: false,
    },
    {
      scanTimeoutMs: 150,
      lampMs: 20,
      relayPulseMs: 30,
      onScanWait: (w) => waits.push(w),
      onProgress: (s) => progress.push(s.length),
      prompt: (text) => {
        if (text.includes('scanner door')) setTimeout(() => reading.read('KBYT1:SELFTEST'), 10);
        if (text.includes('turnstile')) setTimeout(() => sensor.pass(), 10);
      },
    },
  );
  assert.deepEqual(
    steps.map((s) => [s.name, s.result]),
    [
      ['Scanner door (serial)', 'pass'],
      ['Scanner side (serial)', 'fail'],
      ['Light red', 'manual'],
      ['Light amber', 'manual'],
      ['Light green', 'manual'],
      ['Buzzer', 'manual'],
      ['Turnstile relay', 'manual'],
      ['Passage sensor', 'pass'],
    ],
  );
  assert.match(steps[0]!.detail, /read 14 characters starting "KBYT1:SE…"/);
  assert.match(steps[1]!.detail, /no read within 0 s/);
  assert.deepEqual(waits, [true, false, true, false]);
  assert.ok(progress.length >= 16);
  assert.equal(red.writes.filter((w) => w.level === 1).length, 1, 'the red lamp was lit once');
  assert.equal(red.level(), 0);
  assert.equal(relayLine.level(), 0);
  assert.match(formatSelfTestTable(steps), /^step +result +detail\nScanner door \(serial\) +PASS +read 14/);

  // The relay's gpioset fails while its step runs: that step fails with the tool's words, the others do not.
  const failing = await runSelfTest(
    { scanners: [], lights: new GpioSignalLights({ red, amber, green }), buzzer: new GpioBuzzer(buzzerLine), relay: new GpioTurnstileRelay(relayLine, 'locked'), simulatedOutputs: false },
    {
      scanTimeoutMs: 10,
      lampMs: 20,
      relayPulseMs: 30,
      onProgress: (s) => {
        if (s.find((step) => step.result === 'running')?.name === 'Turnstile relay') setTimeout(() => relayLine.fail(new Error('gpioset: Device or resource busy')), 5);
      },
    },
  );
  assert.deepEqual(
    failing.filter((s) => s.result === 'fail').map((s) => `${s.name}: ${s.detail}`),
    ['Turnstile relay: gpioset: Device or resource busy'],
  );
});

test('PIN: hashed with scrypt, compared in the host; five free tries, then locks that double up to an hour; a right PIN resets', async () => {
  const hash = hashPin('4321');
  assert.match(hash, /^scrypt\$[0-9a-f]{32}\$[0-9a-f]{64}$/);
  assert.notEqual(hashPin('4321'), hash, 'salted');
  let now = 0;
  const guard = new PinGuard(hash, { now: () => now });
  const code = async (pin: string) => {
    const check = await guard.check(pin);
    return check.ok ? 'ok' : check.code;
  };
  for (let i = 0; i < 4; i++) assert.equal(await code('0000'), 'BAD_PIN');
  assert.equal(await code('4321'), 'ok', 'a right PIN resets the count');
  for (let i = 0; i < 5; i++) assert.equal(await code('0000'), 'BAD_PIN');
  assert.equal(await code('4321'), 'PIN_LOCKED', 'locked after five wrong PINs, even for the right one');
  now += 60_000;
  assert.equal(await code('0000'), 'BAD_PIN', 'after the minute, one more try…');
  now += 119_999;
  assert.equal(await code('4321'), 'PIN_LOCKED', '…and the next lock is two minutes');
  now += 1;
  assert.equal(await code('4321'), 'ok');
  for (let i = 0; i < 5; i++) await code('0000');
  now += 60_000;
  assert.equal(await code('4321'), 'ok', 'a right PIN started the doubling over');
  assert.deepEqual([1, 2, 3, 6, 7, 8, 40].map((n) => lockMsAfter(n) / 60_000), [1, 2, 4, 32, 60, 60, 60]);
  const unset = await new PinGuard(undefined).check('4321');
  assert.equal(!unset.ok && unset.code, 'PIN_NOT_SET');
});

test('PIN: a 4-digit PIN now takes about 200 days to guess at the kiosk on average (was 17 h with a flat minute per five)', () => {
  const tries = 5000; // half of 10,000 PINs
  let escalating = 0;
  for (let lock = 1; lock <= tries - PIN_LOCKOUT.maxFailures; lock++) escalating += lockMsAfter(lock);
  const flat = (tries / PIN_LOCKOUT.maxFailures) * 60_000;
  const days = escalating / 86_400_000;
  console.log(`# 4-digit PIN, 5000 guesses: escalating lockout ${days.toFixed(0)} days, flat 60 s per 5 tries ${(flat / 3_600_000).toFixed(1)} h`);
  assert.ok(days > 200 && days < 210);
  assert.equal(flat / 3_600_000, 1000 / 60);
});

test('PIN: scrypt runs off the event loop; parallel tries are counted one by one; the count survives a restart', async () => {
  const hash = hashPin('4321');
  const order: string[] = [];
  const verified = verifyPin('4321', hash).then((ok) => order.push(`verified ${ok}`));
  setImmediate(() => order.push('event loop turned'));
  await verified;
  assert.deepEqual(order, ['event loop turned', 'verified true'], 'the event loop ran while scrypt was hashing');
  let saved: PinLockState | undefined;
  const store = { load: () => saved, save: (state: PinLockState) => (saved = state) };
  let now = 0;
  const guard = new PinGuard(hash, { now: () => now, store });
  const burst = await Promise.all(Array.from({ length: 7 }, () => guard.check('0000')));
  assert.deepEqual(burst.map((c) => (c.ok ? 'ok' : c.code)), ['BAD_PIN', 'BAD_PIN', 'BAD_PIN', 'BAD_PIN', 'BAD_PIN', 'PIN_LOCKED', 'PIN_LOCKED']);
  assert.deepEqual(saved, { failures: 4, lockouts: 1, lockRemainingMs: 60_000 });
  now = 1_000_000; // a restart: a new process, its own monotonic clock
  const restarted = new PinGuard(hash, { now: () => now, store });
  const locked = await restarted.check('4321');
  assert.equal(!locked.ok && locked.code, 'PIN_LOCKED', 'pulling the plug does not unlock');
  now += 60_000;
  assert.equal((await restarted.check('0000')).ok, false);
  assert.equal(saved!.lockouts, 2, 'and the next wrong PIN after the restart locks for longer');
});

const apps: GateApp[] = [];
afterAll(async () => {
  for (const app of apps) await app.close();
});

test('runSelfTest through the contract: refused without the right PIN, then progress and results as events', async () => {
  const dataDir = tempDir('selftest-contract');
  const config = loadConfig(writeTestConfig(dataDir, { extraConfig: { hardware: { selfTest: { pinHash: hashPin('2468') } } } }));
  const app = await createGateApp(config, { hostMode: 'browser', logger: silentLogger });
  apps.push(app);
  const handle = createContractHandler(app);
  const code = async (pin: string) => {
    try {
      await handle('runSelfTest', { pin });
      return 'started';
    } catch (error) {
      return (error as { code: string }).code;
    }
  };
  assert.equal(await code('1357'), 'BAD_PIN');
  assert.throws(() => handle('runSelfTest', {}), (e: { code?: string }) => e.code === 'BAD_PARAMS');
  const reports: SelfTestReport[] = [];
  const done = new Promise<void>((resolve) =>
    app.gate.events.add((e: GateEventMessage) => {
      if (e.name !== 'selfTest') return;
      reports.push(e.data);
      if (e.data.finished) resolve();
    }),
  );
  const { runId } = (await handle('runSelfTest', { pin: '2468' })) as { runId: number };
  assert.equal(await code('2468'), 'SELFTEST_RUNNING');
  await done;
  const last = reports.at(-1)!;
  assert.equal(last.runId, runId);
  assert.deepEqual(
    last.steps.map((s) => `${s.name}: ${s.result}`),
    ['Scanner simulated (simulated): pass', 'Light red: pass', 'Light amber: pass', 'Light green: pass', 'Buzzer: pass', 'Turnstile relay: pass'],
  );
  assert.ok(reports.some((r) => r.steps.some((s) => s.result === 'running')));
  assert.deepEqual(app.hardware.simulated!.buzzer.played.at(-1), 'admit');
});
