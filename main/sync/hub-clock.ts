/**
 * The terminal's estimate of the hub's clock, renewed on every exchange (every hub answer carries its time). A
 * terminal without a real-time clock may boot with a wrong wall clock: requests are timestamped on the hub's clock,
 * and each exchange records an anchor (boot id, monotonic time ↔ hub time) from which the outbox dates the entries
 * of that boot on the hub's clock.
 */
import type { HostClock } from '../platform/clock.js';

export interface ClockAnchor {
  readonly bootId: string;
  /** µs CLOCK_MONOTONIC of the boot. */
  readonly monoTime: number;
  /** The hub's wall clock at that monotonic instant, ms. */
  readonly hubTime: number;
  readonly measuredAt: number;
}

export interface ExchangeTimes {
  readonly wall: number;
  readonly mono: number;
}

/**
 * An anchor is stored (a durable write) at most once a minute, unless the hub's clock disagrees with the stored one by
 * more than a second (the hub's clock was corrected); the offset in memory is always fresh.
 */
const ANCHOR_INTERVAL_MS = 60_000;
const ANCHOR_TOLERANCE_MS = 1000;

export class HubClock {
  private offsetMs: number | undefined;
  private stored: ClockAnchor | undefined;

  constructor(
    private readonly clock: HostClock,
    private readonly onAnchor: (anchor: ClockAnchor) => void = () => undefined,
  ) {}

  /** A hub answer sent at `hubTime`, for a request sent at `sent` and answered at `received` (local clocks). */
  observe(hubTime: number, sent: ExchangeTimes, received: ExchangeTimes): void {
    this.offsetMs = Math.round(hubTime - (sent.wall + received.wall) / 2);
    const anchor = { bootId: this.clock.bootId, monoTime: Math.round((sent.mono + received.mono) / 2), hubTime, measuredAt: received.wall };
    const last = this.stored;
    if (last && anchor.monoTime - last.monoTime < ANCHOR_INTERVAL_MS * 1000) {
      const predicted = last.hubTime + (anchor.monoTime - last.monoTime) / 1000;
      if (Math.abs(predicted - hubTime) <= ANCHOR_TOLERANCE_MS) return;
    }
    this.stored = anchor;
    this.onAnchor(anchor);
  }

  now(): ExchangeTimes {
    return { wall: this.clock.wallNow(), mono: this.clock.monoNow() };
  }

  /** The hub's time now, as well as this terminal knows it (its own wall clock until the first exchange). */
  hubNow(): number {
    return this.clock.wallNow() + (this.offsetMs ?? 0);
  }

  /** hub clock − local wall clock, ms; undefined before the first exchange. */
  get offset(): number | undefined {
    return this.offsetMs;
  }
}
