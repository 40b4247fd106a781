/**
 * The transport under the HID scanners: list devices, open one, hear its input reports and its removal. The real one
 * wraps node-hid (hidraw on Linux), imported lazily; SimulatedHidTransport implements the same interface with test
 * controls, as node-serialport's MockBinding does for serial ports.
 */

export interface HidDeviceInfo {
  readonly path: string;
  readonly vendorId: number;
  readonly productId: number;
  readonly usagePage?: number;
  readonly usage?: number;
  readonly interface?: number;
  readonly product?: string;
  readonly manufacturer?: string;
  readonly serialNumber?: string;
}

export interface HidConnection {
  onReport(listener: (report: Uint8Array) => void): void;
  /** A read error: on Linux this is how an unplugged device announces itself. */
  onError(listener: (error: Error) => void): void;
  close(): Promise<void>;
}

export interface HidTransport {
  list(): Promise<HidDeviceInfo[]>;
  open(path: string): Promise<HidConnection>;
}

/** Which device a scanner is: any given field must match. */
export interface HidMatch {
  readonly vendorId?: number;
  readonly productId?: number;
  readonly usagePage?: number;
  readonly usage?: number;
  readonly serialNumber?: string;
  readonly path?: string;
}

export const hex4 = (n: number) => `0x${n.toString(16).padStart(4, '0')}`;

export function matchesHid(device: HidDeviceInfo, match: HidMatch): boolean {
  return (
    (match.vendorId === undefined || device.vendorId === match.vendorId) &&
    (match.productId === undefined || device.productId === match.productId) &&
    (match.usagePage === undefined || device.usagePage === match.usagePage) &&
    (match.usage === undefined || device.usage === match.usage) &&
    (match.serialNumber === undefined || device.serialNumber === match.serialNumber) &&
    (match.path === undefined || device.path === match.path)
  );
}

export function describeHidMatch(match: HidMatch): string {
  const parts = [
    match.vendorId !== undefined && `vendor ${hex4(match.vendorId)}`,
    match.productId !== undefined && `product ${hex4(match.productId)}`,
    match.usagePage !== undefined && `usage page ${hex4(match.usagePage)}`,
    match.usage !== undefined && `usage ${hex4(match.usage)}`,
    match.serialNumber !== undefined && `serial ${match.serialNumber}`,
    match.path !== undefined && `path ${match.path}`,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : 'any device';
}

export function describeHidDevice(d: HidDeviceInfo): string {
  const name = [d.manufacturer, d.product].filter(Boolean).join(' ') || 'HID device';
  return `${name} (${hex4(d.vendorId)}:${hex4(d.productId)}${d.usagePage !== undefined ? `, usage page ${hex4(d.usagePage)}` : ''}) at ${d.path}`;
}

interface NodeHidDevice {
  path?: string;
  vendorId: number;
  productId: number;
  usagePage?: number;
  usage?: number;
  interface: number;
  product?: string;
  manufacturer?: string;
  serialNumber?: string;
}

/** node-hid on hidraw. A failed open names the path and the usual cause (permissions: docs/hardware.md). */
export function nodeHidTransport(): HidTransport {
  const load = () => import('node-hid');
  return {
    async list() {
      const hid = await load();
      const devices = (await hid.devicesAsync()) as NodeHidDevice[];
      return devices
        .filter((d) => d.path)
        .map((d) => ({
          path: d.path!,
          vendorId: d.vendorId,
          productId: d.productId,
          interface: d.interface,
          ...(d.usagePage !== undefined ? { usagePage: d.usagePage } : {}),
          ...(d.usage !== undefined ? { usage: d.usage } : {}),
          ...(d.product ? { product: d.product } : {}),
          ...(d.manufacturer ? { manufacturer: d.manufacturer } : {}),
          ...(d.serialNumber ? { serialNumber: d.serialNumber } : {}),
        }));
    },
    async open(path) {
      const hid = await load();
      let device: Awaited<ReturnType<typeof hid.HIDAsync.open>>;
      try {
        device = await hid.HIDAsync.open(path);
      } catch (error) {
        throw new Error(
          `cannot open HID device ${path}: ${(error as Error).message} — is it plugged in, and may this user read it? ` +
            '(install packaging/udev/60-gate-terminal.rules and join the plugdev group; docs/hardware.md)',
          { cause: error },
        );
      }
      return {
        onReport: (listener) => void device.on('data', (data: Buffer) => listener(data)),
        onError: (listener) => void device.on('error', (error: Error) => listener(error)),
        close: async () => {
          device.removeAllListeners('data');
          await device.close().catch(() => undefined);
        },
      };
    },
  };
}
