/**
 * Scanner: anything that turns a QR/barcode read into text (serial, raw HID, simulated; the keyboard wedge and the
 * camera live in the renderer and reach the host through the contract instead).
 */
import type { ScanSource, ScannerHealth, ScannerStatusView } from '../../core/index.js';

export interface ScanRead {
  readonly scannerId: string;
  readonly source: ScanSource;
  readonly payload: string;
}

export interface Scanner {
  readonly id: string;
  readonly kind: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  onRead(listener: (read: ScanRead) => void): () => void;
  status(): ScannerStatusView;
  onStatus(listener: (status: ScannerStatusView) => void): () => void;
}

export type { ScannerHealth };
