/**
 * Group commit for declarations: requests that arrive while a write is in flight are written together in the next
 * one. Each caller's promise settles only when ITS batch is committed, so nothing is acknowledged before it is on
 * disk; under load, one transaction (one fsync, one lock of the building row) carries many declarations.
 */
export class GroupCommit<T> {
  private queue: { item: T; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private writing = false;

  constructor(
    private readonly write: (items: readonly T[]) => Promise<void>,
    private readonly maxBatch = 256,
  ) {}

  submit(item: T): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    while (this.queue.length > 0) {
      // Let the event loop read the requests already waiting on their sockets first: a synchronous store (SQLite)
      // would otherwise write each one alone, since nothing else runs while it writes.
      await new Promise<void>((resolve) => setImmediate(resolve));
      const batch = this.queue.splice(0, this.maxBatch);
      try {
        await this.write(batch.map((b) => b.item));
        for (const b of batch) b.resolve();
      } catch (error) {
        for (const b of batch) b.reject(error);
      }
    }
    this.writing = false;
  }
}
