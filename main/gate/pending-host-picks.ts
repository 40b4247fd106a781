/**
 * Scans reviewed with VISITOR_NEEDS_HOST, kept in memory only (never on disk: the register holds no payloads) so the
 * guard's host pick can decide the same scan again through core.decide. Each is held for the override window and
 * taken once; a restart forgets them (the guard then scans again). Bounded, so a queue of visitors cannot grow it.
 */
import { HOST_PICKED_REASON, needsHostPick, visitorHostFor, type DecisionContext, type EntryView, type GateDecision, type HostListing } from '../../core/index.js';
import type { HostClock } from '../platform/clock.js';
import type { EntryRegister, EntryToCommit } from '../storage/entry-register.js';
import { GateUnavailableError } from './gate-unavailable-error.js';
import { OVERRIDE_WINDOW_MS, overridableEntry } from './override-checks.js';

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

  /**
   * Checks a pick and decides the held scan again through core with the host in the context (every other rule still
   * applies, at the time of the pick): the entry to commit, pointing at the review and carrying the host's id.
   * Throws GateUnavailableError (ENTRY_NOT_FOUND, ALREADY_OVERRIDDEN, OVERRIDE_TOO_LATE, HOST_NOT_NEEDED, HOST_NOT_FOUND,
   * HOST_PICK_EXPIRED) before anything is committed.
   */
  pickedEntry(pick: {
    entryId: string;
    hostId: string;
    now: number;
    register: EntryRegister;
    clock: HostClock;
    hosts: readonly HostListing[];
    context: DecisionContext;
  }): EntryToCommit {
    const original = overridableEntry(pick.register, pick.entryId, pick.now);
    if (!needsHostPick(original.view.decision)) throw new GateUnavailableError('HOST_NOT_NEEDED', 'only a review for a missing visitor host can be resolved with a host');
    const host = visitorHostFor(pick.hosts, pick.hostId);
    if (!host) throw new GateUnavailableError('HOST_NOT_FOUND', `host ${pick.hostId} is not on this department's synced list`);
    const redecide = this.take(pick.entryId, pick.now);
    const decision = redecide({ ...pick.context, direction: original.view.decision.direction, visitorHost: host });
    return {
      decision,
      scanSource: original.scanSource,
      subjectHmac: decision.person.subjectKey ?? original.subjectHmac,
      monoTime: pick.clock.monoNow(),
      bootId: pick.clock.bootId,
      override: { of: pick.entryId, reason: HOST_PICKED_REASON, note: '' },
      hostId: host.hostId,
    };
  }

  private prune(now: number): void {
    for (const [id, held] of this.pending) if (held.heldUntil < now) this.pending.delete(id);
  }
}
