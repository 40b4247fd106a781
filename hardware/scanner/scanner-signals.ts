/**
 * What every device scanner publishes — reads (after de-bounce) and its status (connected / reconnecting / absent with
 * a detail an IT person can act on) — kept in one place so the serial and HID drivers only move bytes.
 */
import type { ScanSource, ScannerHealth, ScannerStatusView } from '../../core/index.js';
import { Listeners } from '../common/listeners.js';
import { DuplicateReadFilter } from './duplicate-read-filter.js';
import type { ScanRead } from './scanner.js';

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
