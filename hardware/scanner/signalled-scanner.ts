/**
 * The half of a real scanner that is the same for every transport: reads, de-bounced duplicates and status all go
 * through one ScannerSignals, and the Scanner interface's listener and status methods are just that object's.
 * Transports (serial, HID) extend this and supply start/stop and what moves the bytes; the simulated scanner is a
 * serial scanner on a simulated line (simulated-scanner.ts), so its reads take this path too.
 */
import type { ScannerStatusView } from '../../core/index.js';
import type { ScanRead, Scanner } from './scanner.js';
import { ScannerSignals } from './scanner-signals.js';

export interface SignalledScannerOptions {
  readonly id: string;
  readonly debounceMs: number;
  /** Monotonic ms (framing gaps, de-bounce); injectable for tests. */
  readonly now?: () => number;
}

export abstract class SignalledScanner implements Scanner {
  abstract readonly kind: string;
  protected readonly signals: ScannerSignals;
  protected readonly now: () => number;

  protected constructor(options: SignalledScannerOptions, kind: string, transport: 'serial' | 'hid' | 'simulated') {
    this.now = options.now ?? (() => performance.now());
    this.signals = new ScannerSignals(options.id, kind, transport, { debounceMs: options.debounceMs, now: this.now });
  }

  abstract get id(): string;
  abstract start(): Promise<void>;
  abstract stop(): Promise<void>;

  onRead(listener: (read: ScanRead) => void): () => void {
    return this.signals.onRead(listener);
  }

  onStatus(listener: (status: ScannerStatusView) => void): () => void {
    return this.signals.onStatus(listener);
  }

  status(): ScannerStatusView {
    return this.signals.status();
  }

  /** Reads swallowed by the de-bounce window so far (self-test and status detail). */
  get duplicateReads(): number {
    return this.signals.duplicateReads;
  }
}
