/**
 * When did serial bytes really arrive? The host only sees them when its event loop reads them: during a stall (a
 * long synchronous task, an fsync on an SD card) the kernel holds them and the idle gap measured at read time would
 * cut a token in two. StallWatch ticks every few milliseconds while a frame is pending; a tick much later than
 * scheduled is a stall. Bytes read just after a stall may have arrived as early as its start, so they are dated then
 * (the gap is never overestimated), and an idle deadline that falls in or just after a stall is checked again once
 * the reads queued during the stall have come through. A real gap during a stall may so join two frames; in line
 * mode their terminator still separates them.
 */
export class StallWatch {
  private lastTick = 0;
  private stallStart = Number.NEGATIVE_INFINITY;
  private stallEnd = Number.NEGATIVE_INFINITY;
  private ticker: NodeJS.Timeout | undefined;

  constructor(
    private readonly now: () => number,
    /** How long after a stall an idle decision waits for the reads queued during it. */
    readonly graceMs: number,
    private readonly tickMs = 5,
    private readonly stallMs = 20,
  ) {}

  /** Ticks while a frame is pending (idempotent). */
  watch(): void {
    if (this.ticker) return;
    this.lastTick = this.now();
    this.ticker = setInterval(() => this.tick(), this.tickMs);
    this.ticker.unref();
  }

  stop(): void {
    clearInterval(this.ticker);
    this.ticker = undefined;
  }

  /** The earliest time bytes read now may have arrived. */
  arrivalOf(now: number): number {
    this.tick();
    return now - this.stallEnd < this.graceMs ? this.stallStart : now;
  }

  /** True when an idle gap measured now cannot be trusted yet (a stall ended less than `graceMs` ago). */
  recentlyStalled(now: number): boolean {
    this.tick();
    return now - this.stallEnd < this.graceMs;
  }

  private tick(): void {
    if (!this.ticker) return;
    const now = this.now();
    if (now - this.lastTick > this.stallMs) {
      this.stallStart = this.lastTick;
      this.stallEnd = now;
    }
    this.lastTick = now;
  }
}
