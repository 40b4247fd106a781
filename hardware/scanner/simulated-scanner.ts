/**
 * A scanner without a device, for tests and terminals configured without scanner hardware. It is a SerialScanner
 * on a SimulatedSerialTransport: a simulated read is sent down the line as the bytes a real scanner sends (the
 * payload and CR LF), so it goes through the same framer, noise handling, de-bounce and status as a real read — a
 * payload with control characters is counted as noise, the same code twice within the de-bounce window is one read,
 * and an unplugged simulated device reconnects like a real one.
 *
 * One difference from a serial scanner's defaults, on purpose: any printable text is decided (`decideUnrecognised`,
 * no minimum length), because tests and demos scan arbitrary codes; and the status shows no line settings, there
 * being no line for an installer to check.
 */
import { DEFAULT_FRAMER_OPTIONS } from './payload-framer.js';
import { SerialScanner } from './serial-scanner.js';
import { SimulatedSerialTransport } from './simulated-serial-transport.js';

export interface SimulatedScannerOptions {
  /** Same payload again within this window is a double read (0 = off), as for the real scanners. */
  readonly debounceMs: number;
  /** How often an unplugged simulated device is looked for again. Default 1000 ms. */
  readonly reconnectIntervalMs?: number;
  /** Monotonic ms (framing gaps, de-bounce); injectable for tests. */
  readonly now?: () => number;
}

const SIMULATED_LINE = { baudRate: 115200, dataBits: 8, parity: 'none', stopBits: 1, rtscts: false } as const;

export class SimulatedScanner extends SerialScanner {
  /** The simulated line under the scanner: tests unplug, plug and send raw bytes through it. */
  readonly device: SimulatedSerialTransport;
  readonly path: string;

  constructor(id: string, options: SimulatedScannerOptions) {
    const line = new SimulatedSerialTransport();
    const path = `simulated:${id}`;
    line.plug(path);
    super(
      {
        id,
        path,
        line: SIMULATED_LINE,
        framing: DEFAULT_FRAMER_OPTIONS,
        text: { decideUnrecognised: true, minLength: 1 },
        debounceMs: options.debounceMs,
        reconnectIntervalMs: options.reconnectIntervalMs ?? 1000,
        transport: line,
        ...(options.now ? { now: options.now } : {}),
      },
      { kind: 'simulated', source: 'simulated' },
    );
    this.device = line;
    this.path = path;
  }

  // Test controls

  /**
   * Sends a payload as a scanner does (the text, then CR LF) and returns whether the simulated device was open to
   * hear it (false before start and while unplugged, like a real device nobody reads). Whether it became a read is
   * the real path's decision: `onRead` listeners hear it unless it was noise or a double read.
   */
  emitPayload(payload: string): boolean {
    return this.device.emitData(this.path, `${payload}\r\n`);
  }

  /** Pulls the simulated device out (status `reconnecting`) or puts it back (reconnected within the interval). */
  unplug(): void {
    this.device.unplug(this.path);
  }

  plug(): void {
    this.device.plug(this.path);
  }

  protected override connectedDetail(): undefined {
    return undefined;
  }
}
