/**
 * Today's presence counters (vào hôm nay / ra hôm nay / đang ở trong) for the gate service: a PresenceTally of the
 * checkpoint's local day, rebuilt from the register at the day boundary and whenever an entry stops counting (an undone
 * override, a "granted, not passed" admit). The register is the truth; the tally is only its running sum.
 */
import { PresenceTally, startOfLocalDay, type PassageCounters } from '../../core/index.js';
import type { EntryRegister } from '../storage/entry-register.js';

type TalliedEntry = Parameters<PresenceTally['record']>[0];

export class DailyPresence {
  private tally = new PresenceTally();
  private nextDayStart = 0;

  constructor(
    private readonly register: Pick<EntryRegister, 'talliedSince'>,
    private readonly timeZone: string,
    now: number,
  ) {
    this.reload(now);
  }

  /** Counts a committed entry; on the first entry of a new local day the tally starts again from the register. */
  record(entry: TalliedEntry, now: number): void {
    if (now >= this.nextDayStart) this.reload(now);
    else this.tally.record(entry);
  }

  counters(now: number): PassageCounters {
    if (now >= this.nextDayStart) this.reload(now);
    return this.tally.counters();
  }

  /** Rebuilds today's tally from the register (the day of `now` in the checkpoint's time zone). */
  reload(now: number): void {
    const dayStart = startOfLocalDay(now, this.timeZone);
    // 36 h after midnight is always inside the next local day, whatever the DST change; its start is the boundary.
    this.nextDayStart = startOfLocalDay(dayStart + 36 * 3_600_000, this.timeZone);
    this.tally = new PresenceTally();
    for (const entry of this.register.talliedSince(dayStart)) this.tally.record(entry);
  }
}
