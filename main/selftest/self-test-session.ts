/**
 * The self-test as the settings screen runs it on a live gate: behind the PIN, one run at a time, progress pushed as
 * `selfTest` events, and the test read kept out of the register (the gate pauses device reads while a scanner step
 * waits). One session per gate app, made by the composition root and exposed as `app.selfTest`.
 */
import { settingsPinHash, settingsPinOptions } from './settings-pin-guard.js';
import type { SelfTestReport } from '../../core/index.js';
import type { GateConfig } from '../config/load-config.js';
import type { GateHardware } from '../composition/create-hardware.js';
import type { GateService } from '../gate/gate-service.js';
import { GateUnavailableError } from '../gate/gate-service.js';
import { runSelfTest, selfTestStep } from './self-test.js';
import { PinGuard } from './settings-pin.js';

export class SelfTestSession {
  /** Also guards re-enrolment from the settings screen (main/setup): one lockout for the settings PIN. */
  readonly guard: PinGuard;
  private runs = 0;
  private running = false;

  constructor(private readonly app: { readonly config: GateConfig; readonly gate: GateService; readonly hardware: GateHardware }) {
    this.guard = new PinGuard(settingsPinHash(app.config), settingsPinOptions(app.config));
  }

  /**
   * Checks the settings PIN (shared by everything behind it, so wrong PINs count towards one lockout); rejects with
   * GateUnavailableError (BAD_PIN, PIN_LOCKED, PIN_NOT_SET).
   */
  async checkPin(pin: string): Promise<void> {
    const check = await this.guard.check(pin);
    if (!check.ok) throw new GateUnavailableError(check.code, check.message);
  }

  /** Checks the PIN and starts a run; rejects with GateUnavailableError (BAD_PIN, PIN_LOCKED, PIN_NOT_SET, SELFTEST_RUNNING). */
  async start(pin: string): Promise<{ runId: number }> {
    await this.checkPin(pin);
    return this.run();
  }

  /** Without the PIN: only the first-boot setup flow, right after it enrolled the terminal (main/setup). */
  startAfterEnrolment(): { runId: number } {
    return this.run();
  }

  private run(): { runId: number } {
    if (this.running) throw new GateUnavailableError('SELFTEST_RUNNING', 'a self-test is already running');
    this.running = true;
    const runId = ++this.runs;
    const { hardware, gate, config } = this.app;
    const publish = (report: SelfTestReport) => gate.events.emit({ name: 'selfTest', data: report });
    void runSelfTest(
      { ...hardware, simulatedOutputs: hardware.simulated !== undefined },
      {
        scanTimeoutMs: config.hardware.selfTest.scanTimeoutSeconds * 1000,
        onProgress: (steps) => publish({ runId, finished: false, steps }),
        onScanWait: (waiting) => gate.pauseDeviceReads(waiting),
      },
    )
      .then((steps) => publish({ runId, finished: true, steps }))
      .catch((error: unknown) => publish({ runId, finished: true, steps: [selfTestStep({ vi: 'Kiểm tra phần cứng', en: 'Self-test' }, 'fail', { vi: `Không chạy được: ${(error as Error).message}`, en: (error as Error).message })] }))
      .finally(() => {
        gate.pauseDeviceReads(false);
        this.running = false;
      });
    return { runId };
  }
}
