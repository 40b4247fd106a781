/**
 * The sync worker's real timers, apart from what it decides (sync-schedule.ts) and what it exchanges
 * (sync-exchange.ts). All timers are unref'd: sync never keeps the process alive.
 *
 * RoundTimer runs one round at a time: a round asked for while one runs is remembered (`takeRerun`) instead of
 * overlapping it, and closing waits for the round in flight — its database work must end before the register closes.
 * StatusThrottle pushes the status at most once per interval while entries are being uploaded, so a drain of
 * thousands of rows does not flood the guard screen.
 */

export class RoundTimer {
  private timer: NodeJS.Timeout | undefined;
  private timerAt = 0;
  private running: Promise<void> | undefined;
  private again = false;
  private closedFlag = false;

  constructor(private readonly round: () => Promise<void>) {}

  get closed(): boolean {
    return this.closedFlag;
  }

  /** Sets the round timer; `onlyIfEarlier` keeps a timer that fires sooner (a new entry never delays a round). */
  schedule(delayMs: number, onlyIfEarlier = false): void {
    if (this.closedFlag) return;
    const at = performance.now() + delayMs;
    if (onlyIfEarlier && this.timer !== undefined && this.timerAt <= at) return;
    clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => void this.tick(), delayMs);
    this.timer.unref();
  }

  /**
   * Waits for a round in flight, then runs one now in place of the pending timer and resolves when it is done;
   * `before` runs just before it starts (after the wait, so the round in flight cannot undo it).
   */
  async runNow(before: () => void = () => undefined): Promise<void> {
    await this.running;
    clearTimeout(this.timer);
    this.timer = undefined;
    before();
    await this.tick();
  }

  /** Whether a round was asked for while the current one ran (and forgets it). */
  takeRerun(): boolean {
    const rerun = this.again;
    this.again = false;
    return rerun;
  }

  /** Stops the timer and waits for a round in flight. */
  async close(): Promise<void> {
    this.closedFlag = true;
    clearTimeout(this.timer);
    await this.running;
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
}

export class StatusThrottle {
  private timer: NodeJS.Timeout | undefined;
  private lastAt = 0;
  private closed = false;

  constructor(
    private readonly intervalMs: number,
    private readonly push: () => void,
  ) {}

  /** Pushes within the interval after the last push (one timer however often it is called). */
  soon(): void {
    if (this.timer || this.closed) return;
    const wait = Math.max(0, this.intervalMs - (performance.now() - this.lastAt));
    this.timer = setTimeout(() => this.now(), wait);
    this.timer.unref();
  }

  /** Pushes at once (a round ended), replacing a pending push. */
  now(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.lastAt = performance.now();
    if (!this.closed) this.push();
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
  }
}
