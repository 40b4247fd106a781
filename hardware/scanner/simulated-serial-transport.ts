/**
 * Serial ports without hardware: the SerialTransport interface plus test controls — plug a device node in, send
 * bytes down the line, pull it out — in the way node-serialport's MockBinding adds createPort / emitData to the real
 * binding interface. Whatever reads through it (SerialScanner, so the simulated scanner too) runs the real framing,
 * noise handling, de-bounce and reconnect code; only the bytes' origin differs from a tty.
 */
import type { SerialCloseInfo, SerialConnection, SerialLineSettings, SerialOpenError, SerialPortListing, SerialTransport } from './serial-transport.js';

interface OpenPort {
  readonly data: ((chunk: Uint8Array) => void)[];
  readonly closes: ((info: SerialCloseInfo) => void)[];
  readonly settings: SerialLineSettings;
}

function openError(path: string, code: string, message: string): SerialOpenError {
  return Object.assign(new Error(`Error: ${message}, cannot open ${path}`), { code });
}

export class SimulatedSerialTransport implements SerialTransport {
  private readonly plugged = new Set<string>();
  private readonly ports = new Map<string, OpenPort>();
  private readonly encoder = new TextEncoder();
  /** Paths whose open fails as for a device node the user may not read (not in the dialout group). */
  readonly deniedPaths = new Set<string>();

  present(path: string): boolean {
    return this.plugged.has(path);
  }

  list(): Promise<SerialPortListing[]> {
    return Promise.resolve([...this.plugged].map((path) => ({ path })));
  }

  open(path: string, settings: SerialLineSettings): Promise<SerialConnection> {
    if (!this.plugged.has(path)) return Promise.reject(openError(path, 'ENOENT', 'No such file or directory'));
    if (this.deniedPaths.has(path)) return Promise.reject(openError(path, 'EACCES', 'Permission denied'));
    if (this.ports.has(path)) return Promise.reject(openError(path, 'EBUSY', 'Resource temporarily unavailable Cannot lock port'));
    const port: OpenPort = { data: [], closes: [], settings };
    this.ports.set(path, port);
    return Promise.resolve({
      onData: (listener) => void port.data.push(listener),
      onClose: (listener) => void port.closes.push(listener),
      close: () => {
        if (this.ports.get(path) === port) {
          this.ports.delete(path);
          for (const listener of port.closes) listener({ disconnected: false });
        }
        return Promise.resolve();
      },
    });
  }

  // Test controls

  plug(path: string): void {
    this.plugged.add(path);
  }

  /** Removes the device node; an open port is closed as a disconnect, as serialport reports an unplugged device. */
  unplug(path: string): void {
    this.plugged.delete(path);
    const port = this.ports.get(path);
    this.ports.delete(path);
    for (const listener of port?.closes ?? []) listener({ disconnected: true, message: 'device disconnected' });
  }

  /**
   * Sends bytes (a string as UTF-8) to whoever has the port open, synchronously, as one chunk; false when nobody
   * has it open (the bytes are lost, as on a real line nobody reads).
   */
  emitData(path: string, data: Uint8Array | string): boolean {
    const port = this.ports.get(path);
    if (!port) return false;
    const chunk = typeof data === 'string' ? this.encoder.encode(data) : data;
    for (const listener of port.data) listener(chunk);
    return true;
  }

  isOpen(path: string): boolean {
    return this.ports.has(path);
  }

  /** The line settings the port was opened with (tests check what the scanner asked for). */
  settingsOf(path: string): SerialLineSettings | undefined {
    return this.ports.get(path)?.settings;
  }
}
