/** A SerialScanner on a socat PTY, with its reads and status changes collected, for the serial tests. */
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ScannerHealth, ScannerStatusView } from '../../core/index.js';
import { DEFAULT_FRAMER_OPTIONS, type FramerOptions } from '../../hardware/scanner/payload-framer.js';
import type { FrameTextOptions } from '../../hardware/scanner/frame-text.js';
import { SerialScanner } from '../../hardware/scanner/serial-scanner.js';
import type { Scanner } from '../../hardware/scanner/scanner.js';
import { tempDir } from './paths.js';
import { SocatScanner } from './socat.js';

export const TEST_LINE = { baudRate: 115200, dataBits: 8, parity: 'none', stopBits: 1, rtscts: false } as const;

export interface Watched {
  readonly reads: string[];
  readonly statuses: ScannerStatusView[];
  /** Resolves when `count` reads have arrived in total (rejects after `timeoutMs`). */
  waitForReads(count: number, timeoutMs?: number): Promise<string[]>;
  waitForHealth(health: ScannerHealth, timeoutMs?: number): Promise<ScannerStatusView>;
}

export function watch(scanner: Scanner): Watched {
  const reads: string[] = [];
  const statuses: ScannerStatusView[] = [scanner.status()];
  scanner.onRead((r) => reads.push(r.payload));
  scanner.onStatus((s) => statuses.push(s));
  const until = async <T>(what: string, check: () => T | undefined, timeoutMs: number): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = check();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; reads ${JSON.stringify(reads)}, status ${JSON.stringify(scanner.status())}`);
      await sleep(2);
    }
  };
  return {
    reads,
    statuses,
    waitForReads: (count, timeoutMs = 3000) => until(`${count} reads`, () => (reads.length >= count ? [...reads] : undefined), timeoutMs),
    waitForHealth: (health, timeoutMs = 3000) => until(`health ${health}`, () => (scanner.status().health === health ? scanner.status() : undefined), timeoutMs),
  };
}

export interface SerialRig {
  readonly device: SocatScanner;
  readonly scanner: SerialScanner;
  readonly watched: Watched;
  close(): Promise<void>;
}

export async function serialRig(options: { framing?: Partial<FramerOptions>; text?: FrameTextOptions; debounceMs?: number; plugged?: boolean } = {}): Promise<SerialRig> {
  const link = join(tempDir('serial'), 'ttyScanner');
  const device = new SocatScanner(link);
  if (options.plugged !== false) await device.plug();
  const scanner = new SerialScanner({
    id: 'door-scanner',
    path: link,
    line: TEST_LINE,
    framing: { ...DEFAULT_FRAMER_OPTIONS, ...options.framing },
    text: options.text ?? {},
    debounceMs: options.debounceMs ?? 0,
    reconnectIntervalMs: 20,
  });
  const watched = watch(scanner);
  await scanner.start();
  return {
    device,
    scanner,
    watched,
    async close() {
      await scanner.stop();
      await device.unplug();
    },
  };
}
