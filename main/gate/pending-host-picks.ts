/**
 * Scans reviewed with VISITOR_NEEDS_HOST, kept in memory only (never on disk: the register holds no payloads) so the
 * guard's host pick can decide the same scan again through core.decide. Each is held for the override window and
 * taken once; a restart forgets them (the guard then scans again). Bounded, so a queue of visitors cannot grow it.
 */
import { needsHostPick, type DecisionContext, type EntryView, type GateDecision } from '../../core/index.js';
import { GateUnavailableError } from './gate-unavailable-error.js';
import { OVERRIDE_WINDOW_MS } from './override-checks.js';

/** Decides the remembered scan (or paper declaration) again in the given context. */
export type Redecide = (context: DecisionContext) => GateDecision;

const MAX_PENDING = 64;

export class PendingHostPicks {
  private readonly pending = new Map<string, { redecide: Redecide; heldUntil: number }>();

  /** Remembers how to decide `entry` again, if it is a review the host picker can resolve. */
  remember(entry: EntryView, redecide: Redecide): void {
    if (!needsHostPick(entry.decision)) return;
    this.prune(entry.committedAt);
    if (this.pending.size >= MAX_PENDING) this.pending.delete(this.pending.keys().next().value!);
    this.pending.set(entry.entryId, { redecide, heldUntil: entry.committedAt + OVERRIDE_WINDOW_MS });
  }

  /** Takes the remembered scan of `entryId` (once); throws when it is gone (too old, taken, or the terminal restarted). */
  take(entryId: string, now: number): Redecide {
    this.prune(now);
    const held = this.pending.get(entryId);
    if (!held) throw new GateUnavailableError('HOST_PICK_EXPIRED', 'this scan is no longer held for a host pick (too old, or the terminal restarted); scan again');
    this.pending.delete(entryId);
    return held.redecide;
  }

  private prune(now: number): void {
    for (const [id, held] of this.pending) if (held.heldUntil < now) this.pending.delete(id);
  }
}
