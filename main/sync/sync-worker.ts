/**
 * The sync worker in the host process: wires the session (hub-session.ts: identity → signed client), the exchange
 * steps (sync-exchange.ts: upload the outbox in size-bounded batches, pull the bundle and the building's relayed
 * passages, heartbeat) and the pure schedule (sync-schedule.ts: poll interval, entries sent at the latest
 * `flushDelayMs` after they are committed, full-jitter backoff) to real timers, and keeps the status.
 *
 * It never blocks a decision: all hub I/O is asynchronous, and the database work between two awaits is one short
 * statement or transaction on the register's connection. Its state is pushed to the guard screen ('sync' event).
 */
import type { SyncStatusView } from '../../core/index.js';
import type { HostClock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import type { HubBackedContext } from './hub-backed-context.js';
import { heartbeatOf, sendHeartbeat, type TerminalReport } from './heartbeat.js';
import type { HubClient } from './hub-client.js';
import { HubClock } from './hub-clock.js';
import type { HubDataStore } from './hub-data-store.js';
import { hubDataStale } from './hub-decision-source.js';
import { HubSession, type Session } from './hub-session.js';
import type { Outbox } from './outbox.js';
import { pullBundle, pullPassages, restoreBundle, uploadOutbox, type ExchangeDependencies } from './sync-exchange.js';
import { SyncError, type BackoffSettings } from './sync-failure.js';
import { SyncSchedule, type RoundOutcome } from './sync-schedule.js';
import { RoundTimer, StatusThrottle } from './sync-timers.js';

export interface HubSyncSettings {
  readonly batchSize: number;
  readonly maxBatchBytes: number;
  readonly flushDelayMs: number;
  readonly pollIntervalMs: number;
  readonly backoff: BackoffSettings;
  readonly requestTimeoutMs: number;
  readonly maxDataAgeMs: number;
  readonly relayWindowMs: number;
  /** How often an unenrolled terminal looks for the identity `gate-terminal enrol` writes. */
  readonly identityPollMs: number;
}

export interface SyncWorkerDependencies {
  readonly settings: HubSyncSettings;
  readonly dataDir: string;
  readonly localTerminalId: string;
  readonly outbox: Outbox;
  readonly hubData: HubDataStore;
  readonly context: HubBackedContext;
  readonly clock: HostClock;
  readonly logger: Logger;
  readonly onStatus: (status: SyncStatusView) => void;
  readonly random?: () => number;
  /** The heartbeat's app and hardware part; none (or undefined, before the gate started) = no heartbeat. */
  readonly report?: () => TerminalReport | undefined;
}

/** Status pushes while a drain uploads: one a second is as fast as a guard can read the queue count. */
const STATUS_INTERVAL_MS = 1000;

export class SyncWorker {
  private readonly hubClock: HubClock;
  private readonly session: HubSession;
  private readonly schedule: SyncSchedule;
  private readonly steps: ExchangeDependencies;
  private readonly rounds: RoundTimer;
  private readonly statusPush: StatusThrottle;
  private queued = 0;
  private lastSession: Session | undefined;
  private lastSuccessAt: number | null = null;
  private lastError: SyncError | null = null;
  private bundleError: SyncError | null = null;
  private state: SyncStatusView['state'] = 'not-enrolled';

  constructor(private readonly deps: SyncWorkerDependencies) {
    const { settings } = deps;
    this.hubClock = new HubClock(deps.clock, (anchor) => deps.outbox.saveAnchor(anchor));
    this.session = new HubSession({ dataDir: deps.dataDir, localTerminalId: deps.localTerminalId, hubClock: this.hubClock, requestTimeoutMs: settings.requestTimeoutMs });
    this.schedule = new SyncSchedule(settings, deps.random);
    this.steps = {
      ...deps,
      hubClock: this.hubClock,
      batchSize: settings.batchSize,
      maxBatchBytes: settings.maxBatchBytes,
      relayWindowMs: settings.relayWindowMs,
      closed: () => this.rounds.closed,
    };
    this.rounds = new RoundTimer(() => this.round());
    this.statusPush = new StatusThrottle(STATUS_INTERVAL_MS, () => this.pushStatus());
  }

  start(): void {
    this.queued = this.deps.outbox.queued();
    try {
      restoreBundle(() => this.currentSession(), this.steps);
    } catch (error) {
      this.deps.logger.error('bundle-restore-failed', { error });
    }
    this.rounds.schedule(0);
  }

  /** A new entry was committed: send it within flushDelayMs (unless the hub is being backed off from). */
  notifyEntry(): void {
    this.queued++;
    const delay = this.schedule.entryDelay();
    if (delay !== undefined) this.rounds.schedule(delay, true);
    this.statusPush.soon();
  }

  /** Runs a full sync round (bundle, passages, upload) now and resolves when it is done (tests, benches, CLI). */
  async syncNow(): Promise<void> {
    await this.rounds.runNow(() => this.schedule.pullNow());
  }

  /** Hub's last confirmation of the data (null: never; undefined: not enrolled), read per decision (./hub-decision-source.ts). */
  lastConfirmedSync(): number | null | undefined {
    return this.session.last() ? this.deps.hubData.confirmedAt() : undefined;
  }

  status(): SyncStatusView {
    const session = this.session.last();
    const confirmedAt = this.lastConfirmedSync();
    const error = this.lastError ?? this.bundleError;
    return {
      state: this.state,
      queued: this.queued,
      lastSuccessAt: this.lastSuccessAt,
      lastError: error ? error.asGateError : null,
      dataConfirmedAt: confirmedAt ?? null,
      dataStale: hubDataStale(confirmedAt, this.deps.clock.wallNow(), this.deps.settings.maxDataAgeMs),
      dataVersion: this.deps.context.version ?? null,
      terminalId: session?.identity.terminalId ?? null,
      appVersion: this.deps.context.appVersionCheck(),
    };
  }

  /** The signed hub client of the enrolled session, once there is one (the phone check-in feed uses it too). */
  hubClient(): HubClient | undefined {
    return this.session.last()?.client;
  }

  /** Stops the timers and waits for a round in flight (its database work must end before the register closes). */
  async close(): Promise<void> {
    this.statusPush.close();
    await this.rounds.close();
  }

  private async round(): Promise<void> {
    let outcome: RoundOutcome;
    try {
      const session = this.currentSession();
      if (!session) {
        this.state = 'not-enrolled';
        outcome = { kind: 'not-enrolled' };
      } else {
        await this.exchange(session);
        this.lastError = null;
        this.lastSuccessAt = this.deps.clock.wallNow();
        this.state = 'online';
        outcome = { kind: 'exchanged' };
      }
    } catch (error) {
      const failure = error instanceof SyncError ? error : new SyncError('HUB_UNREACHABLE', (error as Error).message);
      this.lastError = failure;
      const refused = failure.code === 'HUB_REFUSED' && !failure.retryable;
      this.state = refused ? 'refused' : 'offline';
      outcome = { kind: 'failed', refused };
    }
    const delay = this.schedule.afterRound(outcome, this.deps.clock.wallNow(), this.rounds.takeRerun());
    if (outcome.kind === 'failed') {
      this.deps.logger.warn('sync-failed', { code: this.lastError!.hubCode ?? this.lastError!.code, attempt: this.schedule.failures, retryInMs: delay });
    }
    if (!this.rounds.closed) {
      this.queued = this.deps.outbox.queued();
      this.statusPush.now();
    }
    this.rounds.schedule(delay);
  }

  /** Pulls when they are due (bundle, passages, heartbeat), then uploads whatever the outbox holds. */
  private async exchange(session: Session): Promise<void> {
    if (this.rounds.closed) return;
    const { clock, report, outbox, logger } = this.deps;
    if (this.schedule.pullDue(clock.wallNow())) {
      const bundle = await pullBundle(session, this.steps);
      if (bundle.kind !== 'unchanged') this.bundleError = bundle.kind === 'refused' ? bundle.error : null;
      await pullPassages(session, this.steps);
      const terminal = report?.();
      if (terminal) await sendHeartbeat(session.client, heartbeatOf(terminal, session.identity.terminalId, outbox.queued(), this.status(), clock.wallNow()), logger);
      this.schedule.pulled(clock.wallNow());
    }
    await uploadOutbox(session, this.steps, (delivered) => {
      this.queued = Math.max(0, this.queued - delivered);
      this.statusPush.soon();
    });
  }

  /** The session of the identity on disk; a new one (first enrolment, re-enrolment) makes the pulls due at once. */
  private currentSession(): Session | undefined {
    const session = this.session.current();
    if (session && session !== this.lastSession) this.schedule.pullNow();
    this.lastSession = session;
    return session;
  }

  private pushStatus(): void {
    try {
      this.deps.onStatus(this.status());
    } catch (error) {
      this.deps.logger.error('sync-status-failed', { error });
    }
  }
}
