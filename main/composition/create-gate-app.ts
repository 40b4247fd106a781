/**
 * Composition root: builds a gate app from a validated config. Electron main and the browser host both call this;
 * nothing else constructs drivers or opens the register.
 *
 * In dependency order, each step given what the earlier ones made: (1) the relay, in its safe position before anything
 * else can fail; (2) storage (./gate-storage.ts); (3) the decision source, local or hub-backed (./decision-inputs.ts);
 * (4) the other hardware (./create-hardware.ts); (5) the gate (./create-gate.ts); (6) retention, the self-test
 * session, hub sync and the first-boot setup; (7) start: scanners read, the relay is armed.
 */
import type { PhoneCheckinView, SyncStatusView, TerminalInfo } from '../../core/index.js';
import type { GateConfig } from '../config/load-config.js';
import type { GateService } from '../gate/gate-service.js';
import { systemClock, type HostClock } from '../platform/clock.js';
import type { ClockSyncProbe } from '../platform/clock-sync.js';
import { createLogger, type Logger } from '../platform/logger.js';
import { SelfTestSession } from '../selftest/self-test-session.js';
import { EnrolmentSession } from '../setup/enrolment-session.js';
import type { EntryRegister } from '../storage/entry-register.js';
import { startRetentionJob } from '../storage/retention-job.js';
import { createHardware, createRelay, hardwareDrivers, type GateHardware } from './create-hardware.js';
import { createGate, terminalInfoOf, terminalReportOf } from './create-gate.js';
import { createDecisionSource } from './decision-inputs.js';
import { openGateStorage, type GateStorage } from './gate-storage.js';

export { policyOf } from './decision-inputs.js';
export { REGISTER_FILE, SUBJECT_KEY_FILE } from './gate-storage.js';

export interface GateApp {
  readonly config: GateConfig;
  readonly gate: GateService;
  readonly hardware: GateHardware;
  readonly register: EntryRegister;
  /** The settings screen's self-test and the settings PIN (one lockout for everything behind it). */
  readonly selfTest: SelfTestSession;
  terminalInfo(): TerminalInfo;
  /** Hub sync, when a hub is configured: its state for the guard screen, and a round on demand. */
  readonly sync?: { status(): SyncStatusView; syncNow(): Promise<void>; phoneCheckins(): readonly PhoneCheckinView[] };
  /** First boot / enrolment on the device, when a hub is configured (main/setup/enrolment-session.ts). */
  readonly setup?: Pick<EnrolmentSession, 'status' | 'enrol'>;
  /** Stops timers and scanners, puts the relay in its safe position, closes the database. Idempotent. */
  close(): Promise<void>;
}

export interface GateAppOptions {
  readonly hostMode: 'browser' | 'electron';
  readonly clock?: HostClock;
  readonly clockSync?: ClockSyncProbe;
  readonly logger?: Logger;
}

export async function createGateApp(config: GateConfig, options: GateAppOptions): Promise<GateApp> {
  const logger = options.logger ?? createLogger('gate');
  const clock = options.clock ?? systemClock();
  // 1. The relay: safe before the database opens (the simulated one learns the register's commits in step 2).
  const drivers = hardwareDrivers(config);
  const relay = await createRelay(config, { wallNow: clock.wallNow }, drivers);
  relay.toSafePosition();
  let storage: GateStorage | undefined;
  const stops: (() => unknown)[] = [];
  try {
    // 2. Storage.
    storage = openGateStorage(config, relay);
    // 3. The decision source: one `contextAt(now)` for every decision; hub sync built, not started.
    const { source, hubSync, testIssuerTrusted } = createDecisionSource(config, storage, { clock, logger });
    // 4. The other hardware: scanners, lights, buzzer, passage sensor (not started).
    const hardware = await createHardware(config, relay, drivers);
    // 5. The gate.
    const { gate, clockSync, passageTracker } = await createGate(config, { source, storage, hardware, clock, logger, ...(options.clockSync ? { clockSync: options.clockSync } : {}) });
    stops.push(() => clockSync.close());
    // 6. Retention, self-test, hub sync, first-boot setup.
    const stopRetention = startRetentionJob(storage.register, {
      retentionDays: config.storage.retentionDays,
      hubConfigured: config.hub !== undefined,
      declarations: storage.declarations,
      wallNow: clock.wallNow,
      logger,
    });
    stops.push(stopRetention);
    const selfTest = new SelfTestSession({ config, gate, hardware });
    hubSync?.start({ events: gate.events, onCheckin: (checkin, recent) => gate.phoneCheckin(checkin, recent), report: terminalReportOf(hardware, clockSync) });
    const setup =
      hubSync && config.hub
        ? new EnrolmentSession({
            config: { ...config, hub: config.hub },
            db: storage.db,
            clock,
            logger,
            scanners: hardware.scanners,
            events: gate.events,
            pauseDeviceReads: (paused) => gate.pauseDeviceReads(paused),
            checkPin: (pin) => selfTest.guard.check(pin),
            startSelfTest: () => selfTest.startAfterEnrolment(),
            onEnrolled: () => void hubSync.worker.syncNow().catch((error: unknown) => logger.warn('sync-after-enrolment-failed', { error })),
          })
        : undefined;
    setup?.start();
    // 7. Start.
    for (const scanner of hardware.scanners) await scanner.start();
    relay.arm();
    const { db } = storage;
    let closed = false;
    return {
      config,
      gate,
      hardware,
      register: storage.register,
      selfTest,
      ...(hubSync ? { sync: { status: () => hubSync.status(), syncNow: () => hubSync.worker.syncNow(), phoneCheckins: () => hubSync.phoneCheckins() } } : {}),
      ...(setup ? { setup } : {}),
      terminalInfo: terminalInfoOf(config, { hostMode: options.hostMode, hardware, clockSync, testIssuerTrusted, settingsPinSet: () => selfTest.guard.configured() }),
      // Timers and sync first, then the gate and its hardware, the relay to its safe position, the register last.
      async close() {
        if (closed) return;
        closed = true;
        clockSync.close();
        setup?.close();
        stopRetention();
        await hubSync?.close();
        gate.close();
        for (const scanner of hardware.scanners) await scanner.stop();
        hardware.lights.close();
        hardware.buzzer.close();
        passageTracker?.close();
        hardware.passageSensor?.close();
        relay.close();
        db.close();
      },
    };
  } catch (error) {
    for (const stop of stops) stop();
    storage?.db.close();
    relay.toSafePosition();
    throw error;
  }
}
