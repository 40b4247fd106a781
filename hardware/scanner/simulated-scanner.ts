import type { ScannerHealth, ScannerStatusView } from '../../core/index.js';
import { Listeners } from '../common/listeners.js';
import type { ScanRead, Scanner } from './scanner.js';

/** A scanner without a device: tests and the guard screen's "simulate scan" box feed it payloads. */
export class SimulatedScanner implements Scanner {
  readonly kind = 'simulated';
  private health: ScannerHealth = 'absent';
  private readonly reads = new Listeners<ScanRead>();
  private readonly statuses = new Listeners<ScannerStatusView>();

  constructor(readonly id: string) {}

  start(): Promise<void> {
    this.setHealth('connected');
    return Promise.resolve();
  }

  stop(): Promise<void> {
    this.setHealth('absent');
    return Promise.resolve();
  }

  onRead(listener: (read: ScanRead) => void): () => void {
    return this.reads.add(listener);
  }

  onStatus(listener: (status: ScannerStatusView) => void): () => void {
    return this.statuses.add(listener);
  }

  status(): ScannerStatusView {
    return { id: this.id, kind: this.kind, health: this.health };
  }

  // Test controls

  /** Delivers a payload as if the device had read it; ignored (like a real unplugged device) unless started. */
  emitPayload(payload: string): boolean {
    if (this.health !== 'connected') return false;
    this.reads.emit({ scannerId: this.id, source: 'simulated', payload });
    return true;
  }

  setHealth(health: ScannerHealth): void {
    this.health = health;
    this.statuses.emit(this.status());
  }
}
