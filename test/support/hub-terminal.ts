/**
 * An in-process gate app with a hub configured and (optionally) enrolled: the real composition root, register,
 * outbox and sync worker, talking HTTP to a test hub (or to a proxy in front of it).
 */
import { createGateApp, type GateApp } from '../../main/composition/create-gate-app.js';
import { loadConfig, type GateConfig } from '../../main/config/load-config.js';
import { fixedClockSync } from '../../main/platform/clock-sync.js';
import { systemClock, type HostClock } from '../../main/platform/clock.js';
import { silentLogger, type Logger } from '../../main/platform/logger.js';
import { enrolWithHub } from '../../main/sync/enrolment-client.js';
import type { TerminalIdentity } from '../../main/sync/hub-identity.js';
import { CHECKPOINT, enrolmentToken, type TestHub } from './hub-fixture.js';
import { writeTestConfig } from './host-process.js';
import { tempDir, TEST_ISSUER_PUBLIC } from './paths.js';
export { waitFor } from './wait-for.js';

export interface TestTerminal {
  readonly app: GateApp;
  readonly config: GateConfig;
  readonly dataDir: string;
  readonly identity: TerminalIdentity | undefined;
  /** The sync control of the app (a hub is always configured here). */
  readonly sync: NonNullable<GateApp['sync']>;
  close(): Promise<void>;
}

export interface TestTerminalOptions {
  readonly hubUrl?: string;
  readonly checkpointId?: string;
  readonly checkpointName?: string;
  readonly terminalId?: string;
  readonly dataDir?: string;
  readonly enrol?: boolean;
  readonly clock?: HostClock;
  readonly logger?: Logger;
  readonly hub?: Record<string, unknown>;
  readonly policy?: Record<string, unknown>;
  /** Extra `trust` settings (e.g. dccValueSets) beside the TEST issuer. */
  readonly trust?: Record<string, unknown>;
}

/** Config sections of a test terminal whose hub section points at `hubUrl`, with short delays for tests. */
export function hubTerminalConfig(hubUrl: string, options: TestTerminalOptions = {}): Record<string, unknown> {
  return {
    terminal: { id: options.terminalId ?? 'gate-test-01' },
    checkpoint: { id: options.checkpointId ?? CHECKPOINT, name: options.checkpointName ?? 'Cổng thử nghiệm', direction: 'both', timeZone: 'Asia/Ho_Chi_Minh' },
    hub: { url: hubUrl, flushDelayMs: 20, pollIntervalSeconds: 3600, backoffBaseMs: 20, backoffCapSeconds: 0.2, requestTimeoutSeconds: 5, ...options.hub },
    ...(options.policy ? { policy: options.policy } : {}),
    ...(options.trust ? { trust: { issuers: [{ name: 'TEST issuer', publicKeyFile: TEST_ISSUER_PUBLIC, test: true }], ...options.trust } } : {}),
  };
}

export function writeHubTerminalConfig(dataDir: string, hubUrl: string, options: TestTerminalOptions = {}): string {
  return writeTestConfig(dataDir, { direction: 'both', extraConfig: hubTerminalConfig(hubUrl, options) });
}

export async function startTestTerminal(hub: TestHub, options: TestTerminalOptions = {}): Promise<TestTerminal> {
  const dataDir = options.dataDir ?? tempDir('terminal');
  const hubUrl = options.hubUrl ?? hub.url;
  const config = loadConfig(writeHubTerminalConfig(dataDir, hubUrl, options));
  const clock = options.clock ?? systemClock();
  let identity: TerminalIdentity | undefined;
  if (options.enrol ?? true) {
    identity = await enrolWithHub({
      hubUrl,
      token: await enrolmentToken(hub, config.checkpoint.id),
      dataDir,
      localTerminalId: config.terminal.id,
      checkpointId: config.checkpoint.id,
      firstSeq: 1,
      clock,
    });
  }
  const app = await createGateApp(config, { hostMode: 'browser', clock, clockSync: fixedClockSync(true), logger: options.logger ?? silentLogger });
  return { app, config, dataDir, identity, sync: app.sync!, close: () => app.close() };
}

/**
 * The system clock moved forward by `advance(ms)` (wall and monotonic time alike): a terminal's hub data ages past its
 * limit without the test sleeping. Staleness is judged from this clock at each decision.
 */
export function advancingClock(): HostClock & { advance(ms: number): void } {
  const system = systemClock();
  let offsetMs = 0;
  return {
    wallNow: () => system.wallNow() + offsetMs,
    monoNow: () => system.monoNow() + offsetMs * 1000,
    bootId: system.bootId,
    advance: (ms) => void (offsetMs += ms),
  };
}

