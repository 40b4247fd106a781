/**
 * The hub-backed decision source (main/gate/decision-source.ts): the bundle in force (./hub-backed-context.ts) plus
 * the terminal's own lists, with staleness judged at each decision from the hub's last confirmation and the decision's
 * `now` — never from whether anybody read the sync status.
 */
import type { DeclarationSet, KnownDeclaration, RecentPassage } from '../../core/index.js';
import type { DecisionContextSource, DecisionInputs } from '../gate/decision-source.js';
import type { HubBackedContext } from './hub-backed-context.js';
import type { HubDataStore } from './hub-data-store.js';

/** What a terminal does when its hub data is older than allowed: only warn, or also refuse ID-card lookups. */
export type StaleDataPolicy = 'warn' | 'refuse-lookups';

/** The sync side's one fact the decision needs (SyncWorker.lastConfirmedSync). */
export interface SyncConfirmation {
  /**
   * When the hub last confirmed this terminal's data (ms since the epoch): null when it never did; undefined while the
   * terminal has no enrolled session (no hub data to be stale, the setup screen is up).
   */
  lastConfirmedSync(): number | null | undefined;
}

/**
 * The one staleness rule, shared by decisions and the sync status: stale when enrolled and the hub never confirmed the
 * data or confirmed it more than `maxDataAgeMs` before `now` (exactly `maxDataAgeMs` old is still fresh).
 */
export function hubDataStale(confirmedAt: number | null | undefined, now: number, maxDataAgeMs: number): boolean {
  if (confirmedAt === undefined) return false;
  return confirmedAt === null || now - confirmedAt > maxDataAgeMs;
}

export interface HubDecisionSourceOptions {
  readonly maxDataAgeMs: number;
  readonly onStaleData: StaleDataPolicy;
}

export class HubDecisionSource implements DecisionContextSource {
  private readonly lookup: (subjectRef: string) => KnownDeclaration | undefined;
  private readonly lastBuildingEntry: (subjectKey: string) => RecentPassage | undefined;

  constructor(
    private readonly bundle: HubBackedContext,
    /** The terminal's declaration table (the hub's declarations are synced into it). */
    declarations: DeclarationSet,
    data: HubDataStore,
    private readonly sync: SyncConfirmation,
    private readonly options: HubDecisionSourceOptions,
  ) {
    this.lookup = (subjectRef) => declarations.lookup(subjectRef);
    this.lastBuildingEntry = (subjectKey) => data.lastBuildingEntry(subjectKey);
  }

  contextAt(now: number): DecisionInputs {
    const stale = hubDataStale(this.sync.lastConfirmedSync(), now, this.options.maxDataAgeMs);
    const { bundle } = this;
    return {
      policy: bundle.policy(),
      trust: bundle.trust,
      crypto: bundle.crypto,
      // Lookups refused as stale only when the checkpoint's policy says so; otherwise old data still answers.
      declarations: { lookup: this.lookup, stale: stale && this.options.onStaleData === 'refuse-lookups' },
      revocations: bundle.revocations,
      passages: bundle.passages,
      // Stale whatever onStaleData says: a missing entry in old data proves nothing, so core reviews instead of denying.
      buildingEntries: { lastBuildingEntry: this.lastBuildingEntry, stale },
      hosts: { hosts: bundle.hosts(), stale },
    };
  }
}
