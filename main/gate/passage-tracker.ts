/**
 * Passage confirmation: after an admit pulses the relay, the turnstile / door sensor should report a passage within
 * `timeoutMs`. Admits are confirmed first-in first-out (two people admitted back to back pass in that order); an admit
 * whose timeout passes without a passage is "granted, not passed" — the person turned back, or never pushed the arm.
 * Entries and exits alike. A passage with no admit waiting is counted (a tailgater, or someone leaving through the
 * turnstile unscanned) and logged, never matched later.
 */
import { Listeners } from '../../hardware/common/listeners.js';
import type { PassageSensor } from '../../hardware/turnstile/passage-sensor.js';

export type PassageResult = 'passed' | 'not-passed';

export interface PassageTrackerOptions {
  readonly timeoutMs: number;
  /** Also reachable as a subscription (`onPassageResult`), which is how the gate listens. */
  readonly onResult?: (entryId: string, result: PassageResult) => void;
  readonly onUnexpectedPassage?: () => void;
}

interface Pending {
  readonly entryId: string;
  readonly timer: NodeJS.Timeout;
}

export class PassageTracker {
  private readonly pending: Pending[] = [];
  private readonly unsubscribe: () => void;
  private readonly results = new Listeners<{ readonly entryId: string; readonly result: PassageResult }>();
  unexpectedPassages = 0;

  constructor(
    sensor: PassageSensor,
    private readonly options: PassageTrackerOptions,
  ) {
    this.unsubscribe = sensor.onPassage(() => this.passage());
  }

  /** An admit has just released the relay for `entryId`. */
  expect(entryId: string): void {
    const timer = setTimeout(() => this.expire(entryId), this.options.timeoutMs);
    timer.unref();
    this.pending.push({ entryId, timer });
  }

  /** Subscribes to the results (the gate stores them on the entry); returns the unsubscribe. */
  onPassageResult(listener: (entryId: string, result: PassageResult) => void): () => void {
    return this.results.add(({ entryId, result }) => listener(entryId, result));
  }

  waiting(): readonly string[] {
    return this.pending.map((p) => p.entryId);
  }

  close(): void {
    this.unsubscribe();
    for (const p of this.pending.splice(0)) clearTimeout(p.timer);
  }

  private passage(): void {
    const first = this.pending.shift();
    if (!first) {
      this.unexpectedPassages++;
      this.options.onUnexpectedPassage?.();
      return;
    }
    clearTimeout(first.timer);
    this.report(first.entryId, 'passed');
  }

  private expire(entryId: string): void {
    const index = this.pending.findIndex((p) => p.entryId === entryId);
    if (index < 0) return;
    this.pending.splice(index, 1);
    this.report(entryId, 'not-passed');
  }

  private report(entryId: string, result: PassageResult): void {
    this.options.onResult?.(entryId, result);
    this.results.emit({ entryId, result });
  }
}
