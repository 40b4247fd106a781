/**
 * HID devices without hardware: the HidTransport interface plus test controls — plug a device in, play input reports
 * into it, pull it out — in the way node-serialport's MockBinding adds createPort / emitData to the real binding
 * interface. Tests feed recorded report streams through it; nothing else differs from node-hid.
 */
import type { HidConnection, HidDeviceInfo, HidTransport } from './hid-transport.js';

interface OpenDevice {
  readonly reports: ((report: Uint8Array) => void)[];
  readonly errors: ((error: Error) => void)[];
}

export class SimulatedHidTransport implements HidTransport {
  private readonly devices = new Map<string, HidDeviceInfo>();
  private readonly open_ = new Map<string, OpenDevice>();
  /** Paths whose open fails as for a device the user may not read. */
  readonly deniedPaths = new Set<string>();

  list(): Promise<HidDeviceInfo[]> {
    return Promise.resolve([...this.devices.values()]);
  }

  open(path: string): Promise<HidConnection> {
    if (!this.devices.has(path)) return Promise.reject(new Error(`cannot open HID device ${path}: no such device`));
    if (this.deniedPaths.has(path)) return Promise.reject(new Error(`cannot open HID device ${path}: permission denied`));
    if (this.open_.has(path)) return Promise.reject(new Error(`cannot open HID device ${path}: already open`));
    const device: OpenDevice = { reports: [], errors: [] };
    this.open_.set(path, device);
    return Promise.resolve({
      onReport: (listener) => void device.reports.push(listener),
      onError: (listener) => void device.errors.push(listener),
      close: () => {
        if (this.open_.get(path) === device) this.open_.delete(path);
        return Promise.resolve();
      },
    });
  }

  // Test controls

  plug(device: HidDeviceInfo): void {
    this.devices.set(device.path, device);
  }

  /** Removes the device; an open handle gets the read error hidraw gives for a vanished device. */
  unplug(path: string): void {
    this.devices.delete(path);
    const device = this.open_.get(path);
    this.open_.delete(path);
    for (const listener of device?.errors ?? []) listener(new Error('could not read from HID device'));
  }

  /** Delivers one input report to whoever has the device open; false when nobody does. */
  emitReport(path: string, report: Uint8Array | readonly number[]): boolean {
    const device = this.open_.get(path);
    if (!device) return false;
    const bytes = report instanceof Uint8Array ? report : Uint8Array.from(report);
    for (const listener of device.reports) listener(bytes);
    return true;
  }

  isOpen(path: string): boolean {
    return this.open_.has(path);
  }
}
