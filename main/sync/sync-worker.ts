/**
 * The sync worker in the host process. Uploads the register's undelivered rows in batches (size-bounded, sent at the
 * latest `flushDelayMs` after a new entry), marks them delivered only up to the hub's contiguous seq, pulls the
 * bundle (ETag) and the building's relayed passages, and backs off with full jitter while the hub is unreachable.
 *
 * It never blocks a decision: all hub I/O is asynchronous, and the database work between two awaits is one short
 * statement or transaction on the register's connection. Its state is pushed to the guard screen ('sync' event).
 */
import { statSync } from 'node:fs';
import type { SyncStatusView } from '../../core/index.js';
import type { HostClock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import { verifyBundle, type BundleKeys } from './bundle-verifier.js';
import type { HubBackedContext } from './hub-backed-context.js';
import { heartbeatOf, sendHeartbeat, type TerminalReport } from './heartbeat.js';
import { HubClient } from './hub-client.js';
import { HubClock } from './hub-clock.js';
import type { HubDataStore } from './hub-data-store.js';
import { identityPath, loadIdentity, type TerminalIdentity } from './hub-identity.js';
import type { Outbox } from './outbox.js';
import { privateKeyFromPem, publicKeyFromRaw } from './sync-crypto.js';
import { fullJitterDelay, SyncError, type BackoffSettings } from './sync-failure.js';

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
  readonly report?: () => TerminalReport;
}

interface Session {
  readonly identity: TerminalIdentity;
  readonly client: HubClient;
  readonly keys: BundleKeys;
  readonly mtimeMs: number;
}

const STATUS_INTERVAL_MS = 1000;

export class SyncWorker {
  private readonly hubClock: HubClock;
  private session: Session | undefined;
  private timer: NodeJS.Timeout | undefined;
  private timerAt = 0;
  private running: Promise<void> | undefined;
  private again = false;
  private closed = false;
  private failures = 0;
  private nextPullAt = 0;
  private queued = 0;
  private lastSuccessAt: number | null = null;
  private lastError: SyncError | null = null;
  private bundleError: SyncError | null = null;
  private state: SyncStatusView['state'] = 'not-enrolled';
  private statusTimer: NodeJS.Timeout | undefined;
  private lastStatusAt = 0;

  constructor(private readonly deps: SyncWorkerDependencies) {
    this.hubClock = new HubClock(deps.clock, (anchor) => deps.outbox.saveAnchor(anchor));
  }

  start(): void {
    this.queued = this.deps.outbox.queued();
    this.restoreBundle();
    this.schedule(0);
  }

  /** A new entry was committed: send it within flushDelayMs (unless the hub is being backed off from). */
  notifyEntry(): void {
    this.queued++;
    if (this.failures === 0) this.schedule(this.deps.settings.flushDelayMs, true);
    this.emitStatusSoon();
  }

  /** Runs a full sync round (bundle, passages, upload) now and resolves when it is done (tests, benches, CLI). */
  async syncNow(): Promise<void> {
    await this.running;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.nextPullAt = 0;
    await this.tick();
  }

  status(): SyncStatusView {
    const now = this.deps.clock.wallNow();
    const confirmedAt = this.session ? this.deps.hubData.confirmedAt() : null;
    const dataStale = this.session !== undefined && (confirmedAt === null || now - confirmedAt > this.deps.settings.maxDataAgeMs);
    this.deps.context.setStale(dataStale);
    const error = this.lastError ?? this.bundleError;
    return {
      state: this.state,
      queued: this.queued,
      lastSuccessAt: this.lastSuccessAt,
      lastError: error ? error.asGateError : null,
      dataConfirmedAt: confirmedAt,
      dataStale,
      dataVersion: this.deps.context.version ?? null,
      terminalId: this.session?.identity.terminalId ?? null,
      appVersion: this.deps.context.appVersionCheck(),
    };
  }

  /** The signed hub client of the enrolled session, once there is one (the phone check-in feed uses it too). */
  hubClient(): HubClient | undefined {
    return this.session?.client;
  }

  /** Stops the timers and waits for a round in flight (its database work must end before the register closes). */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    clearTimeout(this.statusTimer);
    await this.running;
  }

  private schedule(delayMs: number, onlyIfEarlier = false): void {
    if (this.closed) return;
    const at = performance.now() + delayMs;
    if (onlyIfEarlier && this.timer !== undefined && this.timerAt <= at) return;
    clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => void this.tick(), delayMs);
    this.timer.unref();
  }

  private tick(): Promise<void> {
    this.timer = undefined;
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.round().finally(() => (this.running = undefined));
    return this.running;
  }

  private async round(): Promise<void> {
    let delay = this.deps.settings.pollIntervalMs;
    try {
      const session = this.currentSession();
      if (!session) {
        this.state = 'not-enrolled';
        delay = this.deps.settings.identityPollMs;
      } else {
        await this.exchange(session);
        this.failures = 0;
        this.lastError = null;
        this.lastSuccessAt = this.deps.clock.wallNow();
        this.state = 'online';
        delay = Math.max(0, this.nextPullAt - this.deps.clock.wallNow());
      }
    } catch (error) {
      const failure = error instanceof SyncError ? error : new SyncError('HUB_UNREACHABLE', (error as Error).message);
      this.failures++;
      this.lastError = failure;
      this.state = failure.code === 'HUB_REFUSED' && !failure.retryable ? 'refused' : 'offline';
      const cap = this.state === 'refused' ? { ...this.deps.settings.backoff, baseMs: this.deps.settings.backoff.capMs } : this.deps.settings.backoff;
      delay = fullJitterDelay(this.failures, cap, this.deps.random);
      this.deps.logger.warn('sync-failed', { code: failure.hubCode ?? failure.code, attempt: this.failures, retryInMs: delay });
    } finally {
      if (!this.closed) {
        this.queued = this.deps.outbox.queued();
        this.emitStatus();
      }
    }
    const rerun = this.again;
    this.again = false;
    this.schedule(rerun && this.failures === 0 ? 0 : delay);
  }

  private async exchange(session: Session): Promise<void> {
    if (this.closed) return;
    if (this.deps.clock.wallNow() >= this.nextPullAt) {
      await this.pullBundle(session);
      await this.pullPassages(session);
      if (this.deps.report) await sendHeartbeat(session.client, heartbeatOf(this.deps.report(), session.identity.terminalId, this.deps.outbox.queued(), this.status(), this.deps.clock.wallNow()), this.deps.logger);
      this.nextPullAt = this.deps.clock.wallNow() + this.deps.settings.pollIntervalMs;
    }
    await this.drain(session);
  }

  /** Uploads until the outbox is empty; each batch is acknowledged before the next is read. */
  private async drain(session: Session): Promise<void> {
    const { outbox, settings } = this.deps;
    for (;;) {
      const batch = outbox.nextBatch(session.identity.terminalId, settings.batchSize, settings.maxBatchBytes);
      if (batch.length === 0) return;
      const ack = await session.client.uploadEntries({ terminalId: session.identity.terminalId, entries: batch });
      if (this.closed) return;
      const { delivered, reopened } = outbox.acknowledge(ack.contiguousSeq, this.deps.clock.wallNow());
      if (reopened > 0) this.deps.logger.warn('hub-gap-resend', { contiguousSeq: ack.contiguousSeq, reopened });
      if (delivered === 0 && reopened === 0 && ack.contiguousSeq < batch[0]!.seq) {
        throw new SyncError(
          'HUB_GAP_UNRECOVERABLE',
          `the hub misses entries ${ack.contiguousSeq + 1}–${batch[0]!.seq - 1} of this terminal, which are no longer here; call IT`,
        );
      }
      this.queued = Math.max(0, this.queued - delivered);
      this.emitStatusSoon();
    }
  }

  private async pullBundle(session: Session): Promise<void> {
    const stored = this.deps.hubData.currentBundle();
    const answer = await session.client.fetchBundle(stored?.etag);
    const now = this.deps.clock.wallNow();
    if (!answer.modified) {
      this.deps.hubData.markConfirmed(now);
      return;
    }
    try {
      const verified = verifyBundle(answer.bundle, session.identity, session.keys, stored?.version);
      this.deps.hubData.applyBundle(verified.content, answer.bundle, answer.etag, now);
      this.deps.context.apply(verified);
      this.bundleError = null;
      this.deps.logger.info('bundle-applied', { version: verified.content.version, declarations: verified.content.declarations.length });
      const versionCheck = this.deps.context.appVersionCheck();
      if (versionCheck.updateRequired) this.deps.logger.warn('app-update-required', { running: versionCheck.running, required: versionCheck.required });
    } catch (error) {
      if (!(error instanceof SyncError)) throw error;
      this.bundleError = error;
      this.deps.logger.error('bundle-refused', { code: error.code, keptVersion: stored?.version ?? null });
    }
  }

  private async pullPassages(session: Session): Promise<void> {
    const { hubData } = this.deps;
    for (let page = 0; page < 20; page++) {
      const feed = await session.client.fetchPassages(hubData.passageCursor());
      hubData.addPassages(feed.passages, feed.cursor);
      if (feed.passages.length < 1000) break;
    }
    hubData.purgePassages(this.hubClock.hubNow() - this.deps.settings.relayWindowMs);
  }

  /** The enrolled identity; re-read when `gate-terminal enrol` rewrote the file. */
  private currentSession(): Session | undefined {
    let mtimeMs: number;
    try {
      mtimeMs = statSync(identityPath(this.deps.dataDir)).mtimeMs;
    } catch {
      this.session = undefined;
      return undefined;
    }
    if (this.session?.mtimeMs === mtimeMs) return this.session;
    const identity = loadIdentity(this.deps.dataDir)!;
    if (identity.localTerminalId !== this.deps.localTerminalId) {
      throw new SyncError('IDENTITY_MISMATCH', `the hub identity was enrolled for terminal ${identity.localTerminalId}, not ${this.deps.localTerminalId}; enrol again`);
    }
    const signingKey = privateKeyFromPem(identity.signingPrivateKeyPem);
    const client = new HubClient({ baseUrl: identity.hubUrl, clock: this.hubClock, timeoutMs: this.deps.settings.requestTimeoutMs, identity: { keyId: identity.keyId, signingKey } });
    const keys = { hubKey: publicKeyFromRaw(identity.hubPublicKey, 'Ed25519'), agreementKey: privateKeyFromPem(identity.agreementPrivateKeyPem) };
    this.session = { identity, client, keys, mtimeMs };
    this.nextPullAt = 0;
    return this.session;
  }

  /** After a restart: the last good bundle is verified again and put back in force before the first exchange. */
  private restoreBundle(): void {
    const stored = this.deps.hubData.currentBundle();
    if (!stored) return;
    try {
      const session = this.currentSession();
      if (!session) return;
      this.deps.context.apply(verifyBundle(stored.signed, session.identity, session.keys, undefined));
    } catch (error) {
      this.deps.logger.error('bundle-restore-failed', { error });
    }
  }

  private emitStatusSoon(): void {
    if (this.statusTimer) return;
    const wait = Math.max(0, STATUS_INTERVAL_MS - (performance.now() - this.lastStatusAt));
    this.statusTimer = setTimeout(() => this.emitStatus(), wait);
    this.statusTimer.unref();
  }

  private emitStatus(): void {
    clearTimeout(this.statusTimer);
    this.statusTimer = undefined;
    this.lastStatusAt = performance.now();
    if (this.closed) return;
    try {
      this.deps.onStatus(this.status());
    } catch (error) {
      this.deps.logger.error('sync-status-failed', { error });
    }
  }
}
