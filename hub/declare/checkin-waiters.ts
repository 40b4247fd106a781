/**
 * Long-poll support for the terminals' check-in feed: a terminal's request waits (up to its waitMs) until a phone
 * checks in at its checkpoint, then reads the new rows. In process; the store remains the source of truth.
 */
import type { RelayedCheckin } from '../protocol.js';
import type { SelfDeclarationStore } from '../storage/self-declarations.js';

export const MAX_WAIT_MS = 25_000;

export class CheckinWaiters {
  private readonly waiting = new Map<string, Set<() => void>>();
  /** Bumped on every notify: a waiter that read the store at version v does not sleep through a check-in after it. */
  private readonly versions = new Map<string, number>();

  private version(checkpointId: string): number {
    return this.versions.get(checkpointId) ?? 0;
  }

  notify(checkpointId: string): void {
    this.versions.set(checkpointId, this.version(checkpointId) + 1);
    const set = this.waiting.get(checkpointId);
    if (!set) return;
    this.waiting.delete(checkpointId);
    for (const wake of set) wake();
  }

  /** Resolves after a notify for the checkpoint since version `seen`, or after `ms`, whichever comes first. */
  wait(checkpointId: string, ms: number, seen: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.version(checkpointId) !== seen) {
        resolve();
        return;
      }
      let set = this.waiting.get(checkpointId);
      if (!set) this.waiting.set(checkpointId, (set = new Set()));
      const wake = () => {
        clearTimeout(timer);
        set.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      set.add(wake);
    });
  }

  /** Wakes every waiter (hub shutdown). */
  releaseAll(): void {
    for (const checkpointId of [...this.waiting.keys()]) this.notify(checkpointId);
  }

  /** New check-ins after `after`; waits up to `waitMs` when there are none yet. after = -1 starts at the newest. */
  async feed(store: SelfDeclarationStore, checkpointId: string, after: number, waitMs: number, isClosing: () => boolean): Promise<{ checkins: RelayedCheckin[]; cursor: number }> {
    const from = after < 0 ? await store.latestCheckinCursor(checkpointId) : after;
    const deadline = Date.now() + Math.min(waitMs, MAX_WAIT_MS);
    for (;;) {
      const seen = this.version(checkpointId);
      const rows = after < 0 ? [] : await store.checkinsSince(checkpointId, from, 200);
      const left = deadline - Date.now();
      if (rows.length > 0 || left <= 0 || isClosing() || after < 0) {
        const checkins = rows.map((r) => ({ cursor: r.cursor, checkinId: r.checkinId, displayName: r.displayName, result: r.result, subjectHmac: r.subjectHmac, checkedInAt: r.checkedInAt }));
        return { checkins, cursor: checkins.at(-1)?.cursor ?? from };
      }
      await this.wait(checkpointId, left, seen);
    }
  }
}
