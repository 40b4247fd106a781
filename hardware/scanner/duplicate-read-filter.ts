/**
 * De-bounce of double reads. Presentation scanners re-read a code that stays in front of them, and hand scanners
 * sometimes send one read twice; either would become a second register entry (and an "already inside" review).
 * The same payload seen again within `windowMs` of its previous sighting is swallowed; the window slides with every
 * sighting, so a phone held in front of the scanner is read once, not once per window. Pure: time is passed in.
 */
export class DuplicateReadFilter {
  private lastPayload: string | undefined;
  private lastSeenAt = Number.NEGATIVE_INFINITY;
  private swallowed = 0;

  constructor(private readonly windowMs: number) {}

  /** True when the read should be delivered. A window of 0 delivers everything. */
  accept(payload: string, now: number): boolean {
    const repeat = this.windowMs > 0 && payload === this.lastPayload && now - this.lastSeenAt < this.windowMs;
    this.lastPayload = payload;
    this.lastSeenAt = now;
    if (repeat) this.swallowed++;
    return !repeat;
  }

  /** Reads swallowed so far (shown in the scanner's status detail and the self-test). */
  get duplicates(): number {
    return this.swallowed;
  }
}
