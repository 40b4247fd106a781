/**
 * Composition root: builds storage, trust, hardware and the gate service from a validated config. Electron main and the
 * browser host both call this; nothing else constructs drivers or opens the register.
 */
import { join } from 'node:path';
import { HOUR_MS, type CheckpointPolicy, type TerminalInfo } from '../../core/index.js';
import type { GateConfig } from '../config/load-config.js';
import { loadTrust } from '../config/load-trust.js';
import { nodeCryptoPort } from '../crypto/node-crypto-port.js';
import { loadOrCreateHmacKey, subjectHasher } from '../crypto/subject-hmac.js';
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

export interface GateApp {
  readonly config: GateConfig;
  readonly gate: GateService;
  readonly hardware: GateHardware;
  readonly register: EntryRegister;
  terminalInfo(): TerminalInfo;
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
  return {
    maxDeclarationAgeMs: p.maxDeclarationAgeHours * HOUR_MS,
    acceptedKinds: p.acceptedKinds,
    clockSkewMs: p.clockSkewMinutes * 60_000,
    onClockNotSynchronised: p.onClockNotSynchronised,
  };
}

export const REGISTER_FILE = 'register.sqlite';

export async function createGateApp(config: GateConfig, options: GateAppOptions): Promise<GateApp> {
  const logger = options.logger ?? createLogger('gate');
  const clock = options.clock ?? systemClock();
  let register: EntryRegister | undefined;
  const relay = createRelay(config, { committedSeq: () => register?.committedMaxSequence() ?? 0, wallNow: clock.wallNow });
  relay.toSafePosition();
  let db;
  try {
    const trust = loadTrust(config);
    db = openDatabase(join(config.storage.dataDir, REGISTER_FILE));
    register = new EntryRegister(db, { terminalId: config.terminal.id, checkpointId: config.checkpoint.id }, (t) => uuidv7(t));
    const hashSubject = subjectHasher(loadOrCreateHmacKey(join(config.storage.dataDir, 'subject-hmac.key')));
    const hardware = createHardware(config, relay);
    const probe = options.clockSync ?? (config.clock.sync === 'assume-synchronised' ? fixedClockSync(true) : timedatectlProbe());
    let clockSynchronised = await probe();
    const refreshClockSync = () => void probe().then((synced) => (clockSynchronised = synced));
    const clockTimer = setInterval(refreshClockSync, 60_000);
    clockTimer.unref();
    const gate = new GateService({
      settings: {
        directionMode: config.checkpoint.direction,
        timeZone: config.checkpoint.timeZone,
        pulseMs: config.hardware.turnstile.pulseMs,
        policy: policyOf(config),
      },
      trust: trust.store,
      crypto: nodeCryptoPort,
      hashSubject,
      register,
      clock,
      clockSynchronised: () => clockSynchronised,
      lights: hardware.lights,
      buzzer: hardware.buzzer,
      relay,
      scanners: hardware.scanners,
      logger,
    });
    const stopRetention = startRetentionJob(register, {
      retentionDays: config.storage.retentionDays,
      hubConfigured: config.hub !== undefined,
      wallNow: clock.wallNow,
      logger,
    });
    for (const scanner of hardware.scanners) await scanner.start();
    relay.arm();
    const openedDb = db;
    let closed = false;
    return {
      config,
      gate,
      hardware,
      register,
      terminalInfo: () => ({
        terminalId: config.terminal.id,
        checkpointId: config.checkpoint.id,
        checkpointName: config.checkpoint.name,
        directionMode: config.checkpoint.direction,
        version: APP_VERSION,
        hostMode: options.hostMode,
        simulatedHardware: hardware.simulated !== undefined,
        testIssuerTrusted: trust.testIssuerTrusted,
        clockSynchronised,
        timeZone: config.checkpoint.timeZone,
        display: { language: config.display.language, resultHoldSeconds: config.display.resultHoldSeconds },
      }),
      async close() {
        if (closed) return;
        closed = true;
        clearInterval(clockTimer);
        stopRetention();
        gate.close();
        for (const scanner of hardware.scanners) await scanner.stop();
        hardware.lights.close();
        hardware.buzzer.close();
        relay.close();
        openedDb.close();
      },
    };
  } catch (error) {
    db?.close();
    relay.toSafePosition();
    throw error;
  }
}
