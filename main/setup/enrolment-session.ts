/**
 * First boot / enrolment on the device. Rule: setup is REQUIRED when the config has a `hub` section and the data
 * dir holds no hub identity (hub-identity.json). Standalone terminals (no hub) never need it.
 *
 * While required, reads from the terminal's scanners go here, not to the gate (the gate's device reads are paused):
 * an enrolment QR enrols; anything else is answered "not an enrolment code". The configured USB mount folders are
 * polled for enroll.json. The screen can hand over a scanned (camera / wedge) or pasted token. After a successful
 * enrolment the hardware self-test runs (no PIN: the terminal was not in service yet) and the phase becomes `done`.
 * Re-enrolling an enrolled terminal (settings screen) needs the settings PIN. Progress goes out as `setup` events.
 */
import type { EnrolmentSource, GateError, GateEventMessage, SetupStatusView } from '../../core/index.js';
import type { Scanner } from '../../hardware/scanner/scanner.js';
import type { GateConfig } from '../config/load-config.js';
import { GateUnavailableError } from '../gate/gate-unavailable-error.js';
import type { HostClock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import type { PinCheck } from '../selftest/settings-pin.js';
import type { SqliteDatabase } from '../storage/open-database.js';
import { enrolAndResetOutbox } from '../sync/enrol-and-reset.js';
import { loadIdentity } from '../sync/hub-identity.js';
import { measureClockSkew } from './clock-skew.js';
import { enrolmentError } from './enrolment-errors.js';
import { findEnrolmentToken } from './enrolment-token.js';
import { UsbEnrolmentWatcher } from './usb-enrolment-watcher.js';

export interface EnrolmentSessionDependencies {
  readonly config: GateConfig & { hub: NonNullable<GateConfig['hub']> };
  readonly db: SqliteDatabase;
  readonly clock: HostClock;
  readonly logger: Logger;
  readonly scanners: readonly Scanner[];
  readonly events: { add(listener: (event: GateEventMessage) => void): () => unknown; emit(event: GateEventMessage): void };
  readonly pauseDeviceReads: (paused: boolean) => void;
  /** The settings PIN (shared lockout with the self-test), asked for re-enrolment only. */
  readonly checkPin: (pin: string) => Promise<PinCheck>;
  readonly startSelfTest: () => { runId: number };
  /** Asks the sync worker to pick up the new identity now rather than at its next identity poll. */
  readonly onEnrolled: () => void;
}

export class EnrolmentSession {
  private view: SetupStatusView;
  private readonly offs: (() => unknown)[] = [];
  private readonly usb: UsbEnrolmentWatcher;
  private identityWatch: NodeJS.Timeout | undefined;

  constructor(private readonly deps: EnrolmentSessionDependencies) {
    const identity = safeIdentity(deps.config.storage.dataDir);
    this.view = {
      required: identity === undefined,
      phase: 'waiting',
      source: null,
      error: null,
      hubUrl: deps.config.hub.url,
      checkpointId: deps.config.checkpoint.id,
      terminalId: identity?.terminalId ?? null,
      checkpointName: identity?.checkpointName ?? null,
      selfTestRunId: null,
      usbWatch: deps.config.setup.usbMountPatterns,
    };
    this.usb = new UsbEnrolmentWatcher(deps.config.setup, (token) => this.begin(token, 'usb'), (path) => this.fail('usb', enrolmentError('ENROLMENT_FILE_INVALID', path)));
  }

  start(): void {
    for (const scanner of this.deps.scanners) this.offs.push(scanner.onRead((read) => this.onDeviceRead(read.payload)));
    this.offs.push(
      this.deps.events.add((event) => {
        if (event.name === 'selfTest' && event.data.runId === this.view.selfTestRunId && event.data.finished) this.update({ phase: 'done' });
      }),
    );
    if (this.view.required) {
      this.deps.pauseDeviceReads(true);
      this.usb.start();
      // Enrolled meanwhile from a shell (`gate-terminal enrol`): leave setup, give the scanners back to the gate.
      this.identityWatch = setInterval(() => this.noticeOutsideEnrolment(), this.deps.config.setup.usbPollSeconds * 1000);
      this.identityWatch.unref();
    }
  }

  private noticeOutsideEnrolment(): void {
    if (!this.view.required || this.view.phase === 'enrolling') return;
    const identity = safeIdentity(this.deps.config.storage.dataDir);
    if (!identity) return;
    clearInterval(this.identityWatch);
    this.usb.stop();
    this.deps.pauseDeviceReads(false);
    this.update({ required: false, phase: 'done', error: null, terminalId: identity.terminalId, checkpointName: identity.checkpointName });
  }

  status(): SetupStatusView {
    return this.view;
  }

  /** From the screen: a scanned or pasted token. Without a PIN only while setup is required. */
  enrol(text: string, source: EnrolmentSource, pin: string | undefined): SetupStatusView | Promise<SetupStatusView> {
    if (!this.view.required) {
      return this.deps.checkPin(pin ?? '').then((check) => {
        if (!check.ok) throw new GateUnavailableError(check.code, check.message);
        return this.enrolNow(text, source);
      });
    }
    return this.enrolNow(text, source);
  }

  private enrolNow(text: string, source: EnrolmentSource): SetupStatusView {
    if (this.view.phase === 'enrolling') throw new GateUnavailableError('ENROLMENT_RUNNING', 'an enrolment is already in progress');
    const token = findEnrolmentToken(text);
    if (!token) return this.fail(source, enrolmentError('ENROLMENT_TOKEN_MALFORMED'));
    return this.begin(token, source, !this.view.required);
  }

  close(): void {
    clearInterval(this.identityWatch);
    this.usb.stop();
    for (const off of this.offs.splice(0)) off();
  }

  private onDeviceRead(payload: string): void {
    if (!this.view.required || this.view.phase === 'enrolling') return;
    const token = findEnrolmentToken(payload);
    if (token) this.begin(token, 'scanner');
    else this.fail('scanner', enrolmentError('NOT_AN_ENROLMENT_CODE'));
  }

  private begin(token: string, source: EnrolmentSource, force = false): SetupStatusView {
    if (this.view.phase === 'enrolling') return this.view;
    this.update({ phase: 'enrolling', source, error: null });
    this.deps.logger.info('enrolment-started', { source, hubUrl: this.deps.config.hub.url });
    enrolAndResetOutbox(this.deps.db, this.deps.config, token, { clock: this.deps.clock, force }).then(
      async ({ identity, firstSeq }) => {
        this.deps.logger.info('enrolled', { terminalId: identity.terminalId, checkpointId: identity.checkpointId, firstSeq });
        this.usb.stop();
        clearInterval(this.identityWatch);
        // Enrolled either way; a clock far off the hub's is shown beside the result (CLOCK_OFF) so IT fixes it now.
        const clockOff = await this.clockOff();
        this.update({ required: false, terminalId: identity.terminalId, checkpointName: identity.checkpointName, error: clockOff ?? null });
        this.deps.onEnrolled();
        this.runSelfTest();
      },
      async (error: unknown) => {
        let gateError = enrolmentError(error);
        // An "expired" token with a clock far off is the clock's fault more often than the token's.
        if (gateError.code === 'ENROLMENT_TOKEN_EXPIRED') gateError = (await this.clockOff()) ?? gateError;
        this.deps.logger.warn('enrolment-failed', { source, code: gateError.code });
        this.fail(source, gateError);
      },
    );
    return this.view;
  }

  private async clockOff(): Promise<GateError | undefined> {
    const { config, clock } = this.deps;
    const skew = await measureClockSkew(config.hub.url, clock, config.hub.requestTimeoutSeconds * 1000);
    if (skew === undefined || Math.abs(skew) <= config.policy.clockSkewMinutes * 60_000) return undefined;
    return { code: 'CLOCK_OFF', message: `the terminal clock is ${Math.round(Math.abs(skew) / 60_000)} min ${skew > 0 ? 'behind' : 'ahead of'} the hub's` };
  }

  private runSelfTest(): void {
    try {
      const { runId } = this.deps.startSelfTest();
      this.update({ phase: 'self-test', selfTestRunId: runId });
    } catch (error) {
      // e.g. a self-test started from the settings screen is still running: enrolled all the same
      this.deps.pauseDeviceReads(false);
      this.update({ phase: 'done', error: { code: 'SELFTEST_RUNNING', message: (error as Error).message } });
    }
  }

  private fail(source: EnrolmentSource, error: GateError): SetupStatusView {
    return this.update({ phase: 'failed', source, error });
  }

  private update(change: Partial<SetupStatusView>): SetupStatusView {
    this.view = { ...this.view, ...change };
    this.deps.events.emit({ name: 'setup', data: this.view });
    return this.view;
  }
}

function safeIdentity(dataDir: string) {
  try {
    return loadIdentity(dataDir);
  } catch {
    return undefined; // damaged: enrolling again is the fix, so the setup screen is the right place
  }
}
