/**
 * Today's passage counters for one checkpoint, folded from committed entries in order.
 * "Inside now" counts people whose last admitted passage today was inbound; entries that name nobody do not count.
 * Pure state: the host feeds it from the register at start (and at midnight) and then entry by entry.
 */
import type { Outcome } from '../decision.js';
import type { Direction } from '../scan.js';

export interface PassageCounters {
  readonly enteredToday: number;
  readonly leftToday: number;
  readonly insideNow: number;
}

export interface TalliedEntry {
  readonly subjectKey: string | null;
  readonly direction: Direction;
  readonly outcome: Outcome;
}

export class PresenceTally {
  private entered = 0;
  private left = 0;
  private readonly lastDirection = new Map<string, Direction>();
  private inside = 0;

  record(entry: TalliedEntry): void {
    if (entry.outcome !== 'admit') return;
    if (entry.direction === 'in') this.entered++;
    else this.left++;
    if (entry.subjectKey === null) return;
    const previous = this.lastDirection.get(entry.subjectKey);
    if (previous === entry.direction) return;
    this.lastDirection.set(entry.subjectKey, entry.direction);
    if (entry.direction === 'in') this.inside++;
    else if (previous === 'in') this.inside--;
  }

  counters(): PassageCounters {
    return { enteredToday: this.entered, leftToday: this.left, insideNow: this.inside };
  }
}
