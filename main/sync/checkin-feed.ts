/**
 * Keeps a long poll open to the hub for phone check-ins at this terminal's checkpoint (GET /v1/checkins, signed like
 * every terminal request) and hands each new one to `onCheckin` — the guard screen shows it within a second or two of
 * the tap. Starts at the newest check-in (a restarted terminal does not replay old ones); keeps the last few for the
 * snapshot. Display only: the hub holds these entries, the register does not.
 */
import type { PhoneCheckinView } from '../../core/index.js';
import type { Logger } from '../platform/logger.js';
import type { HubClient } from './hub-client.js';

export const CHECKINS_KEPT = 20;

export interface CheckinFeedOptions {
  readonly client: () => HubClient | undefined;
  readonly onCheckin: (checkin: PhoneCheckinView) => void;
  readonly logger: Logger;
  /** How long one poll waits at the hub for a check-in (ms). */
  readonly waitMs: number;
  /** Pause after a failure or while not enrolled (ms). */
  readonly retryMs: number;
}

export class CheckinFeedPoller {
  private cursor = -1;
  private closed = false;
  private running: Promise<void> | undefined;
  private pause: { timer: NodeJS.Timeout; wake: () => void } | undefined;
  private readonly kept: PhoneCheckinView[] = [];
  /** Aborts the poll in flight on close: a long poll would otherwise hold the terminal's shutdown for up to waitMs. */
  private readonly closing = new AbortController();

  constructor(private readonly options: CheckinFeedOptions) {}

  start(): void {
    this.running ??= this.loop();
  }

  /** Newest first. */
  recent(): readonly PhoneCheckinView[] {
    return this.kept;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.closing.abort();
    if (this.pause) {
      clearTimeout(this.pause.timer);
      this.pause.wake();
    }
    await this.running;
  }

  private async loop(): Promise<void> {
    while (!this.closed) {
      const client = this.options.client();
      if (!client) {
        await this.sleep(this.options.retryMs);
        continue;
      }
      try {
        const feed = await client.fetchCheckins(this.cursor, this.cursor < 0 ? 0 : this.options.waitMs, this.closing.signal);
        for (const c of feed.checkins) {
          const view: PhoneCheckinView = { checkinId: c.checkinId, displayName: c.displayName, result: c.result, checkedInAt: c.checkedInAt };
          this.kept.unshift(view);
          this.kept.length = Math.min(this.kept.length, CHECKINS_KEPT);
          this.options.onCheckin(view);
        }
        this.cursor = feed.cursor;
      } catch (error) {
        if (this.closed) break;
        this.options.logger.warn('checkin-feed-failed', { error: (error as Error).message });
        await this.sleep(this.options.retryMs);
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pause = undefined;
        resolve();
      }, ms);
      timer.unref();
      this.pause = { timer, wake: resolve };
    });
  }
}
