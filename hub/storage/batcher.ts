/**
 * Group execution for small statements many requests make at once (bench hub10k: every signed request remembers its
 * nonce; the declaration page's group commit): requests that arrive while one batch is in flight go together in the
 * next one, one statement for all of them, and each caller gets its own answer when its batch is done. Nothing is
 * answered before its batch committed.
 */
export class Batcher<T, R> {
  private queue: { item: T; resolve: (result: R) => void; reject: (error: unknown) => void }[] = [];
  private running = false;

  /** `run` answers one result per item, in order. */
  constructor(
    private readonly run: (items: readonly T[]) => Promise<readonly R[]>,
    private readonly maxBatch = 500,
  ) {}

  submit(item: T): Promise<R> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    while (this.queue.length > 0) {
      // Lets the requests already read from their sockets join this batch: a synchronous store (SQLite) would
      // otherwise run each one alone, since nothing else runs while it writes.
      await new Promise<void>((resolve) => setImmediate(resolve));
      const batch = this.queue.splice(0, this.maxBatch);
      try {
        const results = await this.run(batch.map((b) => b.item));
        batch.forEach((b, i) => b.resolve(results[i]!));
      } catch (error) {
        for (const b of batch) b.reject(error);
      }
    }
    this.running = false;
  }
}
