/**
 * Passage confirmation: after an admit pulses the relay, the turnstile / door sensor should report a passage within
 * `timeoutMs`. Admits are confirmed first-in first-out (two people admitted back to back pass in that order); an admit
 * whose timeout passes without a passage is "granted, not passed" — the person turned back, or never pushed the arm.
 * Entries and exits alike. A passage with no admit waiting is counted (a tailgater, or someone leaving through the
 * turnstile unscanned) and logged, never matched later.
 */
import type { PassageSensor } from '../../hardware/turnstile/passage-sensor.js';

export type PassageResult = 'passed' | 'not-passed';

export interface PassageTrackerOptions {
  readonly timeoutMs: number;
  readonly onResult: (entryId: string, result: PassageResult) => void;
  readonly onUnexpectedPassage?: () => void;
}

interface Pending {
  readonly entryId: string;
  readonly timer: NodeJS.Timeout;
}

export class PassageTracker {
  private readonly pending: Pending[] = [];
  private readonly unsubscribe: () => void;
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
    this.options.onResult(first.entryId, 'passed');
  }

  private expire(entryId: string): void {
    const index = this.pending.findIndex((p) => p.entryId === entryId);
    if (index < 0) return;
    this.pending.splice(index, 1);
    this.options.onResult(entryId, 'not-passed');
  }
}
