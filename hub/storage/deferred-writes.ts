/**
 * Advisory writes many requests make (a terminal's last heartbeat, its reported app version): kept by key in memory,
 * the latest value per key winning, and written for all keys in one statement `delayMs` after the first of them — not
 * a transaction per request (10,000 terminals: ~170 a second). Flushes run one after another, never two at once.
 * A failed write loses that batch: the values are advisory and re-sent by the terminals.
 */
export class DeferredWrites<V> {
  private pending = new Map<string, V>();
  private flushing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;

  /** `write` gets one batch; `onError`, when given, takes a failed batch's error and the flush resolves. */
  constructor(
    private readonly write: (batch: ReadonlyMap<string, V>) => Promise<unknown>,
    private readonly delayMs: number,
    private readonly onError?: (error: unknown, batch: ReadonlyMap<string, V>) => void,
  ) {}

  set(key: string, value: V): void {
    this.pending.set(key, value);
    this.timer ??= setTimeout(() => void this.flush().catch(() => undefined), this.delayMs).unref();
  }

  /** Writes what is pending now, after any flush in progress; rejects when that write fails and no onError was given. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    if (batch.size === 0) return this.flushing;
    this.pending = new Map();
    const written = this.flushing
      .catch(() => undefined)
      .then(() => this.write(batch))
      .then(() => undefined);
    const onError = this.onError;
    this.flushing = onError ? written.catch((error: unknown) => onError(error, batch)) : written;
    return this.flushing;
  }
}
