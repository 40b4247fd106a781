/**
 * The hardware self-test, shared by `gate-terminal selftest` and the settings screen: each scanner must deliver a
 * read, each lamp, the buzzer and the relay are switched in turn, and the passage sensor must see a passage. A
 * driver fault (a GPIO line the tools could not set) fails the step; a real lamp or click that only a person can
 * confirm is `manual` ("commanded without error — did it light?"); simulated outputs pass when their state matched.
 */
import type { SelfTestStep } from '../../core/index.js';
import type { Scanner } from '../../hardware/scanner/scanner.js';
import type { Buzzer, SignalLights } from '../../hardware/signal-lights/signal-lights.js';
import type { PassageSensor } from '../../hardware/turnstile/passage-sensor.js';
import type { TurnstileRelay } from '../../hardware/turnstile/turnstile-relay.js';

export interface SelfTestTarget {
  readonly scanners: readonly Scanner[];
  readonly lights: SignalLights;
  readonly buzzer: Buzzer;
  readonly relay: TurnstileRelay;
  readonly passageSensor?: PassageSensor;
  /** Outputs are simulated: their state can be checked, nobody needs to look. */
  readonly simulatedOutputs: boolean;
}

export interface SelfTestOptions {
  readonly scanTimeoutMs: number;
  readonly lampMs?: number;
  readonly relayPulseMs?: number;
  readonly onProgress?: (steps: readonly SelfTestStep[]) => void;
  /** An instruction for the person at the terminal ("scan any code now"). */
  readonly prompt?: (text: string) => void;
  /** True while a scanner step waits for its test read (the gate should not decide that read). */
  readonly onScanWait?: (waiting: boolean) => void;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function waitFor<T>(subscribe: (done: (value: T) => void) => () => void, timeoutMs: number): Promise<T | undefined> {
  return new Promise((resolve) => {
    let off: () => void = () => undefined;
    const timer = setTimeout(() => {
      off();
      resolve(undefined);
    }, timeoutMs);
    off = subscribe((value) => {
      clearTimeout(timer);
      off();
      resolve(value);
    });
  });
}

/** Runs `action` for `ms`, collecting the faults its driver reports meanwhile. */
async function faultsDuring(source: { onFault?: (l: (e: Error) => void) => () => void }, ms: number, action: () => void): Promise<string[]> {
  const faults: string[] = [];
  const off = source.onFault?.((e) => faults.push(e.message)) ?? (() => undefined);
  try {
    action();
    await sleep(ms);
  } finally {
    off();
  }
  return faults;
}

export async function runSelfTest(target: SelfTestTarget, options: SelfTestOptions): Promise<SelfTestStep[]> {
  const lampMs = options.lampMs ?? 1000;
  const pulseMs = options.relayPulseMs ?? 500;
  const seconds = Math.round(options.scanTimeoutMs / 1000);
  const plan: { name: string; run: () => Promise<Omit<SelfTestStep, 'name'>> }[] = [];
  const outcome = (faults: string[], check: boolean, what: string): Omit<SelfTestStep, 'name'> =>
    faults.length > 0
      ? { result: 'fail', detail: faults.join('; ') }
      : target.simulatedOutputs
        ? { result: check ? 'pass' : 'fail', detail: check ? 'simulated: state as commanded' : 'simulated: state differs' }
        : { result: 'manual', detail: `commanded without error — ${what}` };

  for (const scanner of target.scanners) {
    plan.push({
      name: `Scanner ${scanner.id} (${scanner.kind})`,
      run: async () => {
        if (scanner.kind === 'simulated') return { result: 'pass', detail: 'simulated scanner: no device to read' };
        const status = scanner.status();
        if (status.health !== 'connected') return { result: 'fail', detail: `${status.health}: ${status.detail ?? 'no detail'}` };
        options.prompt?.(`Scan any QR code or barcode with scanner ${scanner.id} within ${seconds} s`);
        options.onScanWait?.(true);
        try {
          const payload = await waitFor<string>((done) => scanner.onRead((r) => done(r.payload)), options.scanTimeoutMs);
          if (payload === undefined) return { result: 'fail', detail: `connected (${status.detail ?? ''}) but no read within ${seconds} s` };
          return { result: 'pass', detail: `read ${[...payload].length} characters starting "${[...payload].slice(0, 8).join('')}…"` };
        } finally {
          options.onScanWait?.(false);
        }
      },
    });
  }
  for (const color of ['red', 'amber', 'green'] as const) {
    plan.push({
      name: `Light ${color}`,
      run: async () => {
        let seen = false;
        const faults = await faultsDuring(target.lights, lampMs, () => {
          target.lights.show({ color, durationMs: lampMs * 2 });
          seen = target.lights.state().color === color;
        });
        target.lights.off();
        return outcome(faults, seen, `did the ${color} lamp light for a second?`);
      },
    });
  }
  plan.push({
    name: 'Buzzer',
    run: async () => outcome(await faultsDuring(target.buzzer, 800, () => target.buzzer.play('admit')), true, 'did it beep?'),
  });
  plan.push({
    name: 'Turnstile relay',
    run: async () => {
      let released = false;
      const faults = await faultsDuring(target.relay, pulseMs + 300, () => {
        target.relay.pulse(pulseMs);
        released = target.relay.state().position === 'released';
      });
      return outcome(faults, released && target.relay.state().position === 'locked', 'did the relay click twice (release, lock)?');
    },
  });
  const sensor = target.passageSensor;
  if (sensor) {
    plan.push({
      name: 'Passage sensor',
      run: async () => {
        options.prompt?.(`Turn the turnstile arm / open and close the door within ${seconds} s`);
        const at = await waitFor<number>((done) => sensor.onPassage(done), options.scanTimeoutMs);
        return at === undefined ? { result: 'fail', detail: `no passage within ${seconds} s — check the sensor wiring and its line` } : { result: 'pass', detail: 'passage seen' };
      },
    });
  }

  const steps: SelfTestStep[] = plan.map((p) => ({ name: p.name, result: 'pending', detail: '' }));
  for (const [i, step] of plan.entries()) {
    steps[i] = { name: step.name, result: 'running', detail: '' };
    options.onProgress?.([...steps]);
    try {
      steps[i] = { name: step.name, ...(await step.run()) };
    } catch (error) {
      steps[i] = { name: step.name, result: 'fail', detail: (error as Error).message };
    }
    options.onProgress?.([...steps]);
  }
  return steps;
}

export function formatSelfTestTable(steps: readonly SelfTestStep[]): string {
  const label = { pass: 'PASS', fail: 'FAIL', manual: 'CHECK', pending: '-', running: '…' } as const;
  const width = Math.max(4, ...steps.map((s) => s.name.length));
  const lines = steps.map((s) => `${s.name.padEnd(width)}  ${label[s.result].padEnd(5)}  ${s.detail}`);
  return [`${'step'.padEnd(width)}  result  detail`, ...lines].join('\n') + '\n';
}
