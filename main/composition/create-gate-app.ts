/**
 * Composition root: builds storage, trust, hardware and the gate service from a validated config. Electron main and the
 * browser host both call this; nothing else constructs drivers or opens the register.
 */
import { join } from 'node:path';
import { HOUR_MS, type CheckpointPolicy, type PhoneCheckinView, type SyncStatusView, type TerminalInfo } from '../../core/index.js';
import type { GateConfig } from '../config/load-config.js';
import { loadTrust } from '../config/load-trust.js';
import { createNodeCryptoPort } from '../crypto/node-crypto-port.js';
import { loadOrCreateHmacKey } from '../crypto/subject-hmac.js';
import { DeclarationStore } from '../storage/declaration-store.js';
import { GateService } from '../gate/gate-service.js';
import { systemClock, type HostClock } from '../platform/clock.js';
import { fixedClockSync, timedatectlProbe, type ClockSyncProbe } from '../platform/clock-sync.js';
import { createLogger, type Logger } from '../platform/logger.js';
import { uuidv7 } from '../platform/uuidv7.js';
import { EntryRegister } from '../storage/entry-register.js';
import { openDatabase } from '../storage/open-database.js';
import { startRetentionJob } from '../storage/retention-job.js';
import { APP_VERSION } from '../version.js';
import { createHardware, createRelay, type GateHardware } from './create-hardware.js';
import { PassageTracker, type PassageResult } from '../gate/passage-tracker.js';
import { createHubSync } from '../sync/create-hub-sync.js';
import { EnrolmentSession } from '../setup/enrolment-session.js';
import { selfTestSessionOf } from '../selftest/self-test-session.js';

export interface GateApp {
  readonly config: GateConfig;
  readonly gate: GateService;
  readonly hardware: GateHardware;
  readonly register: EntryRegister;
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

export function policyOf(config: GateConfig): CheckpointPolicy {
  const p = config.policy;
  const c = p.certificates;
  return {
    maxDeclarationAgeMs: p.maxDeclarationAgeHours * HOUR_MS,
    acceptedKinds: p.acceptedKinds,
    admittingDeclarationResults: p.admittingDeclarationResults,
    clockSkewMs: p.clockSkewMinutes * 60_000,
    onClockNotSynchronised: p.onClockNotSynchronised,
    certificates: {
      vaccination: { accepted: c.vaccination.accepted, minDaysAfterLastDose: c.vaccination.minDaysAfterLastDose, maxDaysAfterLastDose: c.vaccination.maxDaysAfterLastDose },
      test: { accepted: c.test.accepted, maxHoursAfterSample: c.test.maxHoursAfterSample, acceptedTypes: c.test.acceptedTypes },
      recovery: { accepted: c.recovery.accepted, minDaysAfterPositive: c.recovery.minDaysAfterPositive, maxDaysAfterPositive: c.recovery.maxDaysAfterPositive },
    },
    visitors: p.visitors,
    ...(p.department !== undefined ? { department: p.department } : {}),
    staffNeedDeclaration: p.staffNeedDeclaration,
    antiPassbackWindowMs: p.antiPassbackHours * HOUR_MS,
  };
}

export const SUBJECT_KEY_FILE = 'subject-hmac.key';

export const REGISTER_FILE = 'register.sqlite';

export async function createGateApp(config: GateConfig, options: GateAppOptions): Promise<GateApp> {
  const logger = options.logger ?? createLogger('gate');
  const clock = options.clock ?? systemClock();
  let register: EntryRegister | undefined;
  const relay = await createRelay(config, { committedSeq: () => register?.committedMaxSequence() ?? 0, wallNow: clock.wallNow });
  relay.toSafePosition();
  let db;
  try {
    const trust = loadTrust(config);
    db = openDatabase(join(config.storage.dataDir, REGISTER_FILE));
    register = new EntryRegister(db, { terminalId: config.terminal.id, checkpointId: config.checkpoint.id }, (t) => uuidv7(t));
    const crypto = createNodeCryptoPort(loadOrCreateHmacKey(join(config.storage.dataDir, SUBJECT_KEY_FILE)));
    const declarations = new DeclarationStore(db);
    const localPassages = register.passageView(config.checkpoint.name);
    const hubSync = config.hub
      ? createHubSync({ ...config, hub: config.hub }, { db, policy: policyOf(config), crypto, trust: trust.store, revocations: declarations, passages: localPassages, clock, logger, report: () => terminalReport() })
      : undefined;
    const hardware = await createHardware(config, relay);
    // The heartbeat's report (hub fleet page); the sync worker calls it only after start, when all of this exists.
    const terminalReport = () => {
      const scanners = hardware.scanners.map((scanner) => scanner.status()).map(({ id, kind, health }) => ({ id, kind, health }));
      return { appVersion: APP_VERSION, hardware: { simulated: hardware.simulated !== undefined, clockSynchronised, scanners } };
    };
    let onPassage: (entryId: string, result: PassageResult) => void = () => undefined;
    const passageTracker = hardware.passageSensor
      ? new PassageTracker(hardware.passageSensor, { timeoutMs: config.hardware.turnstile.passageTimeoutMs, onResult: (id, r) => onPassage(id, r), onUnexpectedPassage: () => logger.warn('passage-without-admit') })
      : undefined;
    const probe = options.clockSync ?? (config.clock.sync === 'assume-synchronised' ? fixedClockSync(true) : timedatectlProbe());
    let clockSynchronised = await probe();
    const refreshClockSync = () => void probe().then((synced) => (clockSynchronised = synced));
    const clockTimer = setInterval(refreshClockSync, 60_000);
    clockTimer.unref();
    const settings = {
      directionMode: config.checkpoint.direction,
      timeZone: config.checkpoint.timeZone,
      pulseMs: config.hardware.turnstile.pulseMs,
      policy: policyOf(config),
    };
    const gate = new GateService({
      settings: hubSync ? hubSync.liveSettings(settings) : settings,
      trust: hubSync?.context.trust ?? trust.store,
      crypto: hubSync?.context.crypto ?? crypto,
      declarations: hubSync ? hubSync.context.declarationsView(declarations) : declarations,
      revocations: hubSync?.context.revocations ?? declarations,
      passages: hubSync?.context.passages ?? localPassages,
      ...(hubSync ? { buildingEntries: hubSync.context.buildingEntriesView(), hosts: () => hubSync.context.hostList() } : {}),
      register,
      clock,
      clockSynchronised: () => clockSynchronised,
      lights: hardware.lights,
      buzzer: hardware.buzzer,
      relay,
      scanners: hardware.scanners,
      logger,
      ...(passageTracker ? { passageWatch: passageTracker } : {}),
    });
    onPassage = (id, r) => gate.recordPassage(id, r);
    const stopRetention = startRetentionJob(register, {
      retentionDays: config.storage.retentionDays,
      hubConfigured: config.hub !== undefined,
      declarations,
      wallNow: clock.wallNow,
      logger,
    });
    hubSync?.start(gate.events, (checkin, recent) => gate.phoneCheckin(checkin, recent));
    const selfTests = () => selfTestSessionOf(app);
    const setup =
      hubSync && config.hub
      ? new EnrolmentSession({
          config: { ...config, hub: config.hub },
          db,
          clock,
          logger,
          scanners: hardware.scanners,
          events: gate.events,
          pauseDeviceReads: (paused) => gate.pauseDeviceReads(paused),
          checkPin: (pin) => selfTests().guard.check(pin),
          startSelfTest: () => selfTests().startAfterEnrolment(),
          onEnrolled: () => void hubSync.worker.syncNow().catch((error: unknown) => logger.warn('sync-after-enrolment-failed', { error })),
        })
      : undefined;
    setup?.start();
    for (const scanner of hardware.scanners) await scanner.start();
    relay.arm();
    const openedDb = db;
    let closed = false;
    const app: GateApp = {
      config,
      gate,
      hardware,
      register,
      ...(hubSync ? { sync: { status: () => hubSync.status(), syncNow: () => hubSync.worker.syncNow(), phoneCheckins: () => hubSync.phoneCheckins() } } : {}),
      ...(setup ? { setup } : {}),
      terminalInfo: () => ({
        terminalId: config.terminal.id,
        checkpointId: config.checkpoint.id,
        checkpointName: config.checkpoint.name,
        directionMode: config.checkpoint.direction,
        version: APP_VERSION,
        hostMode: options.hostMode,
        simulatedHardware: hardware.simulated !== undefined,
        testIssuerTrusted: trust.testIssuerTrusted,
        settingsPinSet: selfTests().guard.configured(),
        clockSynchronised,
        timeZone: config.checkpoint.timeZone,
        display: { language: config.display.language, resultHoldSeconds: config.display.resultHoldSeconds },
      }),
      async close() {
        if (closed) return;
        closed = true;
        clearInterval(clockTimer);
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
        openedDb.close();
      },
    };
    return app;
  } catch (error) {
    db?.close();
    relay.toSafePosition();
    throw error;
  }
}
