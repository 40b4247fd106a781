/**
 * The byte transport under SerialScanner: open a port, hear its bytes, hear it go away. The real one wraps
 * node-serialport, imported lazily so a terminal without serial scanners never loads the native binding; tests may
 * pass any serialport binding (node-serialport's MockBinding follows the same interface) or another transport.
 */
import { existsSync } from 'node:fs';
import type { SerialPort } from 'serialport';

/** A serialport binding: the platform's (bindings-cpp) or any other implementing the same interface (MockBinding). */
export type SerialBinding = typeof SerialPort.binding;

export interface SerialLineSettings {
  readonly baudRate: number;
  readonly dataBits: 5 | 6 | 7 | 8;
  readonly parity: 'none' | 'even' | 'odd' | 'mark' | 'space';
  readonly stopBits: 1 | 1.5 | 2;
  readonly rtscts: boolean;
}

export interface SerialCloseInfo {
  /** True when the device went away (unplugged, PTY closed), false when we closed it. */
  readonly disconnected: boolean;
  readonly message?: string;
}

export interface SerialConnection {
  onData(listener: (chunk: Uint8Array) => void): void;
  onClose(listener: (info: SerialCloseInfo) => void): void;
  close(): Promise<void>;
}

export interface SerialPortListing {
  readonly path: string;
  readonly manufacturer?: string;
  readonly serialNumber?: string;
  readonly vendorId?: string;
  readonly productId?: string;
  readonly pnpId?: string;
}

export interface SerialTransport {
  /**
   * Whether the device node is there now (the scanner polls it: an absent scanner until it is plugged in, and a
   * connected one because a hung-up tty may never report its disconnect).
   */
  present(path: string): boolean;
  open(path: string, settings: SerialLineSettings): Promise<SerialConnection>;
  list(): Promise<SerialPortListing[]>;
}

/** An error whose `code` (EACCES, ENOENT, EBUSY, …) the scanner turns into advice for the installer. */
export type SerialOpenError = Error & { code?: string };

/** node-serialport, loaded on first use. `binding` defaults to the platform binding (bindings-cpp). */
export function nodeSerialTransport(binding?: SerialBinding): SerialTransport {
  const load = async () => {
    const { SerialPortStream } = await import('@serialport/stream');
    return { SerialPortStream, binding: binding ?? (await import('serialport')).SerialPort.binding };
  };
  return {
    present: (path) => existsSync(path),
    async open(path, settings) {
      const { SerialPortStream, binding: b } = await load();
      const port = new SerialPortStream({ binding: b, path, ...settings, autoOpen: false });
      await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
      return {
        onData: (listener) => void port.on('data', (chunk: Buffer) => listener(chunk)),
        onClose: (listener) =>
          void port.once('close', (error?: Error & { disconnected?: boolean }) =>
            listener({ disconnected: error?.disconnected === true, ...(error ? { message: error.message } : {}) }),
          ),
        close: () =>
          new Promise<void>((resolve) => {
            if (!port.isOpen) return resolve();
            port.close(() => resolve());
          }),
      };
    },
    async list() {
      const { binding: b } = await load();
      const ports = await b.list();
      return ports.map((p) => ({
        path: p.path,
        ...(p.manufacturer ? { manufacturer: p.manufacturer } : {}),
        ...(p.serialNumber ? { serialNumber: p.serialNumber } : {}),
        ...(p.vendorId ? { vendorId: p.vendorId.toLowerCase() } : {}),
        ...(p.productId ? { productId: p.productId.toLowerCase() } : {}),
        ...(p.pnpId ? { pnpId: p.pnpId } : {}),
      }));
    },
  };
}
