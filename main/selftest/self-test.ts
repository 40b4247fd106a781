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

/** A text in both languages; the step's English text also goes to the CLI table and the logs. */
interface Said {
  readonly vi: string;
  readonly en: string;
}
type StepResult = { readonly result: SelfTestStep['result']; readonly detail: Said };
const NONE: Said = { vi: '', en: '' };
const LAMP: Readonly<Record<'red' | 'amber' | 'green', Said>> = { red: { vi: 'đỏ', en: 'red' }, amber: { vi: 'vàng', en: 'amber' }, green: { vi: 'xanh', en: 'green' } };

export function selfTestStep(name: Said, result: SelfTestStep['result'], detail: Said): SelfTestStep {
  return { name: name.en, result, detail: detail.en, text: { vi: { name: name.vi, detail: detail.vi }, en: { name: name.en, detail: detail.en } } };
}

export async function runSelfTest(target: SelfTestTarget, options: SelfTestOptions): Promise<SelfTestStep[]> {
  const lampMs = options.lampMs ?? 1000;
  const pulseMs = options.relayPulseMs ?? 500;
  const seconds = Math.round(options.scanTimeoutMs / 1000);
  const plan: { name: Said; instruction?: Said; run: () => Promise<StepResult> }[] = [];
  const outcome = (faults: string[], check: boolean, what: Said): StepResult =>
    faults.length > 0
      ? { result: 'fail', detail: { vi: `Lỗi trình điều khiển: ${faults.join('; ')}`, en: faults.join('; ') } }
      : target.simulatedOutputs
        ? { result: check ? 'pass' : 'fail', detail: check ? { vi: 'Mô phỏng: trạng thái đúng như lệnh', en: 'simulated: state as commanded' } : { vi: 'Mô phỏng: trạng thái khác lệnh', en: 'simulated: state differs' } }
        : { result: 'manual', detail: { vi: `Đã ra lệnh, không lỗi — ${what.vi}`, en: `commanded without error — ${what.en}` } };

  for (const scanner of target.scanners) {
    plan.push({
      name: { vi: `Máy quét ${scanner.id} (${scanner.kind})`, en: `Scanner ${scanner.id} (${scanner.kind})` },
      instruction: { vi: `Quét một mã QR hoặc mã vạch bất kỳ bằng máy quét ${scanner.id} trong ${seconds} giây`, en: `Scan any QR code or barcode with scanner ${scanner.id} within ${seconds} s` },
      run: async () => {
        if (scanner.kind === 'simulated') return { result: 'pass', detail: { vi: 'Máy quét mô phỏng: không có thiết bị để đọc', en: 'simulated scanner: no device to read' } };
        const status = scanner.status();
        const why = status.detail ?? '';
        if (status.health !== 'connected') return { result: 'fail', detail: { vi: `${status.health === 'absent' ? 'Không thấy máy quét' : 'Đang kết nối lại'}: ${why || 'không rõ lý do'}`, en: `${status.health}: ${why || 'no detail'}` } };
        options.prompt?.(`Scan any QR code or barcode with scanner ${scanner.id} within ${seconds} s`);
        options.onScanWait?.(true);
        try {
          const payload = await waitFor<string>((done) => scanner.onRead((r) => done(r.payload)), options.scanTimeoutMs);
          if (payload === undefined) return { result: 'fail', detail: { vi: `Đã kết nối (${why}) nhưng không đọc được mã nào trong ${seconds} giây`, en: `connected (${why}) but no read within ${seconds} s` } };
          const start = [...payload].slice(0, 8).join('');
          return { result: 'pass', detail: { vi: `Đọc được ${[...payload].length} ký tự, bắt đầu "${start}…"`, en: `read ${[...payload].length} characters starting "${start}…"` } };
        } finally {
          options.onScanWait?.(false);
        }
      },
    });
  }
  for (const color of ['red', 'amber', 'green'] as const) {
    plan.push({
      name: { vi: `Đèn ${LAMP[color].vi}`, en: `Light ${color}` },
      run: async () => {
        let seen = false;
        const faults = await faultsDuring(target.lights, lampMs, () => {
          target.lights.show({ color, durationMs: lampMs * 2 });
          seen = target.lights.state().color === color;
        });
        target.lights.off();
        return outcome(faults, seen, { vi: `đèn ${LAMP[color].vi} có sáng một giây không?`, en: `did the ${color} lamp light for a second?` });
      },
    });
  }
  plan.push({
    name: { vi: 'Còi', en: 'Buzzer' },
    run: async () => outcome(await faultsDuring(target.buzzer, 800, () => target.buzzer.play('admit')), true, { vi: 'còi có kêu không?', en: 'did it beep?' }),
  });
  plan.push({
    name: { vi: 'Rơ-le cổng', en: 'Turnstile relay' },
    run: async () => {
      let released = false;
      const faults = await faultsDuring(target.relay, pulseMs + 300, () => {
        target.relay.pulse(pulseMs);
        released = target.relay.state().position === 'released';
      });
      return outcome(faults, released && target.relay.state().position === 'locked', { vi: 'rơ-le có kêu tách hai lần (mở, khóa) không?', en: 'did the relay click twice (release, lock)?' });
    },
  });
  const sensor = target.passageSensor;
  if (sensor) {
    plan.push({
      name: { vi: 'Cảm biến qua cổng', en: 'Passage sensor' },
      instruction: { vi: `Xoay tay cổng / mở rồi đóng cửa trong ${seconds} giây`, en: `Turn the turnstile arm / open and close the door within ${seconds} s` },
      run: async () => {
        options.prompt?.(`Turn the turnstile arm / open and close the door within ${seconds} s`);
        const at = await waitFor<number>((done) => sensor.onPassage(done), options.scanTimeoutMs);
        return at === undefined
          ? { result: 'fail', detail: { vi: `Không thấy lượt qua nào trong ${seconds} giây — kiểm tra dây và đường tín hiệu của cảm biến`, en: `no passage within ${seconds} s — check the sensor wiring and its line` } }
          : { result: 'pass', detail: { vi: 'Đã thấy một lượt qua', en: 'passage seen' } };
      },
    });
  }

  const steps: SelfTestStep[] = plan.map((p) => selfTestStep(p.name, 'pending', NONE));
  for (const [i, step] of plan.entries()) {
    // While a step waits for a person (a scan, a passage), its detail on the screen is what to do.
    steps[i] = selfTestStep(step.name, 'running', step.instruction ?? NONE);
    options.onProgress?.([...steps]);
    try {
      const done = await step.run();
      steps[i] = selfTestStep(step.name, done.result, done.detail);
    } catch (error) {
      const message = (error as Error).message;
      steps[i] = selfTestStep(step.name, 'fail', { vi: `Lỗi: ${message}`, en: message });
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
