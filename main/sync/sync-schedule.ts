/**
 * When the sync worker runs its next round, decided without timers: every method is fed the time (wall
 * milliseconds) and the jitter comes from an injected random, so the schedule is unit-tested with plain values and
 * the worker only turns the answers into setTimeout calls.
 *
 * - A round uploads what the outbox holds; the pulls (bundle, building passages, heartbeat) are due once per
 *   `pollIntervalMs`, and at once after a new session (a new identity) or a round asked for on demand.
 * - A new entry is sent within `flushDelayMs`, unless the hub is being backed off from: the backoff wait stands, so
 *   a busy gate cannot hammer a hub that is down.
 * - After a failure the wait is full-jitter exponential backoff (sync-failure.ts). A hub refusal that will not go
 *   away by retrying (a revoked terminal, a 4xx the hub will repeat) waits up to the cap from the first attempt on.
 * - An unenrolled terminal looks for its identity every `identityPollMs`.
 */
import { fullJitterDelay, type BackoffSettings } from './sync-failure.js';

export interface SyncScheduleSettings {
  readonly pollIntervalMs: number;
  readonly flushDelayMs: number;
  readonly identityPollMs: number;
  readonly backoff: BackoffSettings;
}

/** How a round ended, as far as the schedule cares. */
export type RoundOutcome =
  | { readonly kind: 'not-enrolled' }
  | { readonly kind: 'exchanged' }
  /** `refused`: the hub refused in a way retrying will not change (HUB_REFUSED, not SyncError.retryable). */
  | { readonly kind: 'failed'; readonly refused: boolean };

export class SyncSchedule {
  private failureCount = 0;
  private nextPullAt = 0;

  constructor(
    private readonly settings: SyncScheduleSettings,
    private readonly random: () => number = Math.random,
  ) {}

  /** Failed rounds in a row (0 once a round exchanged with the hub). */
  get failures(): number {
    return this.failureCount;
  }

  /** Whether the pulls are due in a round starting at `now` (uploads are due in every round). */
  pullDue(now: number): boolean {
    return now >= this.nextPullAt;
  }

  /** The pulls of a round ended at `now`: the next ones are due a poll interval later. */
  pulled(now: number): void {
    this.nextPullAt = now + this.settings.pollIntervalMs;
  }

  /** Makes the pulls due at once: a new session (another identity, another hub) or a round asked for on demand. */
  pullNow(): void {
    this.nextPullAt = 0;
  }

  /** The wait before a newly committed entry is sent; undefined while backing off (the backoff timer stands). */
  entryDelay(): number | undefined {
    return this.failureCount === 0 ? this.settings.flushDelayMs : undefined;
  }

  /**
   * Records how a round ended at `now` and returns the wait before the next one. `rerun`: a round was asked for
   * while this one ran; it runs at once unless the hub is being backed off from.
   */
  afterRound(outcome: RoundOutcome, now: number, rerun = false): number {
    let delay: number;
    switch (outcome.kind) {
      case 'not-enrolled':
        delay = this.settings.identityPollMs;
        break;
      case 'exchanged':
        this.failureCount = 0;
        delay = Math.max(0, this.nextPullAt - now);
        break;
      case 'failed': {
        this.failureCount++;
        const { backoff } = this.settings;
        delay = fullJitterDelay(this.failureCount, outcome.refused ? { ...backoff, baseMs: backoff.capMs } : backoff, this.random);
        break;
      }
    }
    return rerun && this.failureCount === 0 ? 0 : delay;
  }
}
