/**
 * Where the gate's decision inputs come from: one source, asked once per decision with the decision's own time.
 *
 * Contract: `contextAt(now)` answers with what is in force at `now` — policy, trust, subject key, declarations,
 * revocations, passages, building entries and the department's hosts — and every staleness flag in it is judged
 * against that same `now`. Nothing else (a status read, a timer) changes what a decision sees. Two implementations:
 * `LocalDecisionSource` below (no hub: the config's and the register's data, never stale) and the hub-backed one
 * (main/sync/hub-decision-source.ts: the bundle in force, stale when the hub last confirmed it too long ago).
 */
import type { DecisionContext, HostList } from '../../core/index.js';

/** The decision inputs a source provides; the gate adds direction, time zone, `now` and the clock flag. */
export type DecisionInputs = Pick<DecisionContext, 'policy' | 'trust' | 'crypto' | 'declarations' | 'revocations' | 'passages' | 'buildingEntries'> & {
  /** The department's hosts for the guard's host picker, stale with the rest of the synced data. */
  readonly hosts: HostList;
};

export interface DecisionContextSource {
  /** The inputs in force at `now` (ms since the epoch), staleness judged against `now`. */
  contextAt(now: number): DecisionInputs;
}

/** What a terminal without a hub decides from: the config's policy and trust, its own key, register and lists. */
export type LocalInputs = Pick<DecisionContext, 'policy' | 'trust' | 'crypto' | 'declarations' | 'revocations' | 'passages'>;

export const NO_HOSTS: HostList = { hosts: [], stale: false };

/**
 * A terminal without a hub: the same inputs at every instant. No building entries (a chained department checkpoint
 * without a hub cannot confirm any, so core reviews) and no hosts.
 */
export class LocalDecisionSource implements DecisionContextSource {
  private readonly inputs: DecisionInputs;

  constructor(local: LocalInputs) {
    this.inputs = { ...local, hosts: NO_HOSTS };
  }

  /** The same inputs whatever `_now`: nothing local ages. */
  contextAt(_now: number): DecisionInputs {
    return this.inputs;
  }
}
