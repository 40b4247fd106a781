/**
 * Keeps a long poll open to the hub for phone check-ins at this terminal's checkpoint (GET /v1/checkins, signed like
 * every terminal request) and hands each new one to `onCheckin` — the gate, which raises one that needs the guard on
 * the screen, lights and buzzer within a second or two of the tap. The list and the cursor are kept in the database
 * (CheckinStore): a restarted terminal lists what it showed and fetches what came while it was down; the first start
 * begins at the newest check-in. `recent` tells the gate whether a check-in is new enough to raise (made within
 * PHONE_CHECKIN_ALERT_MS of the hub's time) or only to list. Display only: the hub holds these entries, the register
 * does not.
 */
import { PHONE_CHECKIN_ALERT_MS, type PhoneCheckinView } from '../../core/index.js';
import type { RelayedCheckin } from '../../core/contract/hub-protocol.js';
import type { Logger } from '../platform/logger.js';
import { CHECKINS_KEPT, type CheckinStore } from './checkin-store.js';
import type { HubClient } from './hub-client.js';

export { CHECKINS_KEPT } from './checkin-store.js';

export interface CheckinFeedOptions {
  readonly client: () => HubClient | undefined;
  readonly store: CheckinStore;
  /** Shows one check-in; returns it as the list keeps it. */
  readonly onCheckin: (checkin: RelayedCheckin, recent: boolean) => PhoneCheckinView;
  readonly logger: Logger;
  /** How long one poll waits at the hub for a check-in (ms). */
  readonly waitMs: number;
  /** Pause after a failure or while not enrolled (ms). */
  readonly retryMs: number;
}

export class CheckinFeedPoller {
  private cursor: number;
  private closed = false;
  private running: Promise<void> | undefined;
  private pause: { timer: NodeJS.Timeout; wake: () => void } | undefined;
  private readonly kept: PhoneCheckinView[];
  /** Aborts the poll in flight on close: a long poll would otherwise hold the terminal's shutdown for up to waitMs. */
  private readonly closing = new AbortController();

  constructor(private readonly options: CheckinFeedOptions) {
    this.cursor = options.store.cursor();
    this.kept = options.store.recent();
  }

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
        if (this.closed) break;
        const shown = feed.checkins.map((c) => ({ view: this.options.onCheckin(c, feed.hubTime - c.checkedInAt <= PHONE_CHECKIN_ALERT_MS), cursor: c.cursor }));
        for (const { view } of shown) {
          this.kept.unshift(view);
          this.kept.length = Math.min(this.kept.length, CHECKINS_KEPT);
        }
        this.cursor = feed.cursor;
        this.options.store.save(shown, feed.cursor);
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
