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
  /**
   * Per checkpoint: "the store held no check-in above `cursor`" as read at notify version `version`. While the version
   * is unchanged, a poll at or above that cursor needs no query: with 10,000 terminals re-polling every 20 s this
   * spares the store two reads per poll (bench hub10k). Any notify bumps the version, so the fact lapses; a lost
   * LISTEN connection (releaseAll) forgets them all.
   */
  private readonly known = new Map<string, { readonly cursor: number; readonly version: number }>();

  /** Per checkpoint: its newest check-in's cursor as read from the store at notify version `version` (never a terminal's `after`). */
  private readonly newest = new Map<string, { readonly cursor: number; readonly version: number }>();

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

  /** Wakes every waiter (hub shutdown, lost LISTEN connection) and forgets what was known to be read. */
  releaseAll(): void {
    this.known.clear();
    this.newest.clear();
    for (const checkpointId of [...this.waiting.keys()]) this.notify(checkpointId);
  }

  private upToDate(checkpointId: string, from: number, version: number): boolean {
    const known = this.known.get(checkpointId);
    return known !== undefined && known.version === version && from >= known.cursor;
  }

  /** New check-ins after `after`; waits up to `waitMs` when there are none yet. after = -1 starts at the newest. */
  async feed(store: SelfDeclarationStore, checkpointId: string, after: number, waitMs: number, isClosing: () => boolean): Promise<{ checkins: RelayedCheckin[]; cursor: number }> {
    const first = this.version(checkpointId);
    // A first poll (after -1) needs the newest cursor: kept while nothing was notified since it was read from the store
    // (10,000 terminals starting at once: one query per checkpoint instead of one per terminal).
    const newest = this.newest.get(checkpointId);
    const from = after >= 0 ? after : newest?.version === first ? newest.cursor : await store.latestCheckinCursor(checkpointId);
    if (after < 0) {
      this.known.set(checkpointId, { cursor: from, version: first });
      this.newest.set(checkpointId, { cursor: from, version: first });
    }
    const deadline = Date.now() + Math.min(waitMs, MAX_WAIT_MS);
    for (;;) {
      // Read before the query: a check-in committed after it bumps the version (NOTIFY at commit, or in process).
      const seen = this.version(checkpointId);
      const read = after >= 0 && !this.upToDate(checkpointId, from, seen);
      const rows = read ? await store.checkinsSince(checkpointId, from, 200) : [];
      if (read && rows.length < 200) this.known.set(checkpointId, { cursor: rows.at(-1)?.cursor ?? from, version: seen });
      if (read && rows.length > 0 && rows.length < 200) this.newest.set(checkpointId, { cursor: rows.at(-1)!.cursor, version: seen });
      const left = deadline - Date.now();
      if (rows.length > 0 || left <= 0 || isClosing() || after < 0) {
        const checkins = rows.map((r) => ({ cursor: r.cursor, checkinId: r.checkinId, displayName: r.displayName, result: r.result, subjectHmac: r.subjectHmac, checkedInAt: r.checkedInAt }));
        return { checkins, cursor: checkins.at(-1)?.cursor ?? from };
      }
      await this.wait(checkpointId, left, seen);
    }
  }
}
