/**
 * What every device scanner publishes — reads (after de-bounce) and its status (connected / reconnecting / absent with
 * a detail an IT person can act on) — kept in one place so the serial and HID drivers only move bytes.
 */
import type { ScanSource, ScannerHealth, ScannerStatusView } from '../../core/index.js';
import { Listeners } from '../common/listeners.js';
import type { ScanRead } from './scanner.js';

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

export interface ScannerSignalOptions {
  /** Same payload again within this window is a double read (0 = off). */
  readonly debounceMs: number;
  /** Monotonic milliseconds; injectable for tests. */
  readonly now?: () => number;
}

export class ScannerSignals {
  private health: ScannerHealth = 'absent';
  private baseDetail: string | undefined;
  private published: ScannerStatusView | undefined;
  private lastNoise = '';
  private readonly reads = new Listeners<ScanRead>();
  private readonly statuses = new Listeners<ScannerStatusView>();
  private readonly duplicates: DuplicateReadFilter;
  private readonly now: () => number;
  private noise = 0;

  constructor(
    readonly id: string,
    readonly kind: string,
    private readonly source: ScanSource,
    options: ScannerSignalOptions,
  ) {
    this.duplicates = new DuplicateReadFilter(options.debounceMs);
    this.now = options.now ?? (() => performance.now());
  }

  /** Delivers a payload unless it is a double read; returns whether it was delivered. */
  deliver(payload: string): boolean {
    if (!this.duplicates.accept(payload, this.now())) return false;
    this.reads.emit({ scannerId: this.id, source: this.source, payload });
    return true;
  }

  /** Counts a frame that was line noise (shown in the status detail, never decided). */
  noiseFrame(reason: string): void {
    this.noise++;
    this.lastNoise = reason;
    this.publish();
  }

  setStatus(health: ScannerHealth, detail?: string): void {
    this.health = health;
    this.baseDetail = detail;
    this.publish();
  }

  status(): ScannerStatusView {
    const noise = this.noise > 0 && this.health === 'connected' ? `${this.noise} unreadable frame(s), last: ${this.lastNoise} — check baud rate and framing` : undefined;
    const detail = [this.baseDetail, noise].filter((d) => d !== undefined && d !== '').join('; ');
    return { id: this.id, kind: this.kind, health: this.health, ...(detail ? { detail } : {}) };
  }

  private publish(): void {
    const view = this.status();
    if (view.health === this.published?.health && view.detail === this.published.detail) return;
    this.published = view;
    this.statuses.emit(view);
  }

  onRead(listener: (read: ScanRead) => void): () => void {
    return this.reads.add(listener);
  }

  onStatus(listener: (status: ScannerStatusView) => void): () => void {
    return this.statuses.add(listener);
  }

  get duplicateReads(): number {
    return this.duplicates.duplicates;
  }

  get noiseFrames(): number {
    return this.noise;
  }
}
