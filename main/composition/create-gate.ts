/**
 * Step 5 of the composition root (./create-gate-app.ts): the gate — the clock-sync watch every decision reads, the
 * passage tracker (when a sensor is configured) and the GateService over the decision source, register and hardware —
 * and the facts the terminal reports about itself (the hub's fleet page, the screen's terminal info).
 */
import type { TerminalInfo } from '../../core/index.js';
import type { GateConfig } from '../config/load-config.js';
import type { DecisionContextSource } from '../gate/decision-source.js';
import { GateService } from '../gate/gate-service.js';
import { PassageTracker } from '../gate/passage-tracker.js';
import type { HostClock } from '../platform/clock.js';
import { ClockSyncWatch, fixedClockSync, timedatectlProbe, type ClockSyncProbe } from '../platform/clock-sync.js';
import type { Logger } from '../platform/logger.js';
import type { TerminalReport } from '../sync/heartbeat.js';
import { APP_VERSION } from '../version.js';
import type { GateHardware } from './create-hardware.js';
import type { GateStorage } from './gate-storage.js';

export interface GateParts {
  readonly gate: GateService;
  readonly clockSync: ClockSyncWatch;
  readonly passageTracker?: PassageTracker;
}

export interface GateInputs {
  readonly source: DecisionContextSource;
  readonly storage: GateStorage;
  readonly hardware: GateHardware;
  readonly clock: HostClock;
  /** Defaults to the config's choice: assumed synchronised, or systemd's answer. */
  readonly clockSync?: ClockSyncProbe;
  readonly logger: Logger;
}

export async function createGate(config: GateConfig, inputs: GateInputs): Promise<GateParts> {
  const { hardware, logger } = inputs;
  const probe = inputs.clockSync ?? (config.clock.sync === 'assume-synchronised' ? fixedClockSync(true) : timedatectlProbe());
  const clockSync = await ClockSyncWatch.start(probe);
  const passageTracker = hardware.passageSensor
    ? new PassageTracker(hardware.passageSensor, { timeoutMs: config.hardware.turnstile.passageTimeoutMs, onUnexpectedPassage: () => logger.warn('passage-without-admit') })
    : undefined;
  const gate = new GateService({
    settings: { directionMode: config.checkpoint.direction, timeZone: config.checkpoint.timeZone, pulseMs: config.hardware.turnstile.pulseMs },
    source: inputs.source,
    register: inputs.storage.register,
    clock: inputs.clock,
    clockSynchronised: () => clockSync.synchronised(),
    lights: hardware.lights,
    buzzer: hardware.buzzer,
    relay: hardware.relay,
    scanners: hardware.scanners,
    logger,
    ...(passageTracker ? { passageWatch: passageTracker } : {}),
  });
  return { gate, clockSync, ...(passageTracker ? { passageTracker } : {}) };
}

/** The heartbeat's report (hub fleet page): app version, simulated or not, clock, scanners' health. */
export function terminalReportOf(hardware: GateHardware, clockSync: ClockSyncWatch): () => TerminalReport {
  return () => {
    const scanners = hardware.scanners.map((scanner) => scanner.status()).map(({ id, kind, health }) => ({ id, kind, health }));
    return { appVersion: APP_VERSION, hardware: { simulated: hardware.simulated !== undefined, clockSynchronised: clockSync.synchronised(), scanners } };
  };
}

export interface TerminalFacts {
  readonly hostMode: 'browser' | 'electron';
  readonly hardware: GateHardware;
  readonly clockSync: ClockSyncWatch;
  readonly testIssuerTrusted: boolean;
  readonly settingsPinSet: () => boolean;
}

/** What the screen shows about this terminal (the snapshot's `terminal`). */
export function terminalInfoOf(config: GateConfig, facts: TerminalFacts): () => TerminalInfo {
  return () => ({
    terminalId: config.terminal.id,
    checkpointId: config.checkpoint.id,
    checkpointName: config.checkpoint.name,
    directionMode: config.checkpoint.direction,
    version: APP_VERSION,
    hostMode: facts.hostMode,
    simulatedHardware: facts.hardware.simulated !== undefined,
    testIssuerTrusted: facts.testIssuerTrusted,
    settingsPinSet: facts.settingsPinSet(),
    clockSynchronised: facts.clockSync.synchronised(),
    timeZone: config.checkpoint.timeZone,
    display: { language: config.display.language, resultHoldSeconds: config.display.resultHoldSeconds },
  });
}
