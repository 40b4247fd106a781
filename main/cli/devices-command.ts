/**
 * `gate-terminal devices`: what an installer needs to write the `hardware` section — serial ports and HID devices with
 * their USB ids (and the stable /dev/serial/by-id name), a config snippet for each likely scanner, the GPIO chips and
 * the gpiod tools found. Read-only: opens nothing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { parseToolsVersion } from '../../hardware/gpio/gpiod-tool-dialect.js';
import { readSysfsChips, type SysfsChip } from '../../hardware/gpio/sysfs-gpio-line.js';
import { hex4, nodeHidTransport, type HidDeviceInfo, type HidTransport } from '../../hardware/scanner/hid-transport.js';
import { nodeSerialTransport, type SerialPortListing, type SerialTransport } from '../../hardware/scanner/serial-transport.js';

export interface DeviceInventory {
  readonly serial: readonly SerialPortListing[];
  /** Device node → its /dev/serial/by-id link. */
  readonly serialById: ReadonlyMap<string, string>;
  readonly hid: readonly HidDeviceInfo[];
  readonly gpioChips: readonly string[];
  readonly sysfsChips: readonly SysfsChip[];
  /** `gpioset --version` major, or undefined when the tools are not installed. */
  readonly gpiodTools: 1 | 2 | undefined;
  readonly problems: readonly string[];
}

const HID_POS_PAGE = 0x8c;

function hidRole(d: HidDeviceInfo): 'pos' | 'keyboard' | undefined {
  if (d.usagePage === HID_POS_PAGE) return 'pos';
  if (d.usagePage === 0x01 && d.usage === 0x06) return 'keyboard';
  return undefined;
}

export function formatDeviceReport(inv: DeviceInventory): string {
  const out: string[] = [];
  let n = 0;
  out.push(`Serial ports (${inv.serial.length}):`);
  for (const p of inv.serial) {
    const byId = inv.serialById.get(p.path);
    const ids = p.vendorId ? ` usb ${p.vendorId}:${p.productId ?? '????'}` : '';
    out.push(`  ${p.path}${ids}${p.manufacturer ? `  ${p.manufacturer}` : ''}${p.serialNumber ? `  serial ${p.serialNumber}` : ''}${byId ? `\n    stable name: ${byId}` : ''}`);
    if (p.vendorId) out.push(`    hardware.scanners: - { kind: serial, id: scanner-${++n}, path: ${byId ?? p.path}, baudRate: 9600 }   # baud as set on the scanner`);
  }
  out.push('', `HID devices (${inv.hid.length}):`);
  for (const d of inv.hid) {
    const role = hidRole(d);
    const what = role === 'pos' ? '  ← HID-POS scanner' : role === 'keyboard' ? '  ← keyboard (a scanner in keyboard mode?)' : '';
    out.push(`  ${d.path}  ${hex4(d.vendorId)}:${hex4(d.productId)}  usage page ${d.usagePage !== undefined ? hex4(d.usagePage) : '?'} usage ${d.usage !== undefined ? hex4(d.usage) : '?'}  ${[d.manufacturer, d.product].filter(Boolean).join(' ')}${what}`);
    if (role) {
      out.push(`    hardware.scanners: - { kind: hid, id: scanner-${++n}, protocol: ${role}, match: { vendorId: ${hex4(d.vendorId)}, productId: ${hex4(d.productId)} } }`);
      if (role === 'keyboard') out.push('    (keyboard mode also types into the screen: prefer switching the scanner to HID-POS, or see docs/hardware.md)');
    }
  }
  out.push('', `GPIO: ${inv.gpioChips.length > 0 ? inv.gpioChips.join(', ') : 'no /dev/gpiochip*'}; gpiod tools: ${inv.gpiodTools ? `libgpiod ${inv.gpiodTools}.x (line names: gpioinfo)` : 'not installed (apt-get install gpiod)'}`);
  for (const c of inv.sysfsChips) out.push(`  sysfs ${c.dir}: ${c.label}, ${c.ngpio} lines, base ${c.base} (sysfs number = ${c.base} + offset)`);
  if (inv.problems.length > 0) out.push('', 'Could not list:', ...inv.problems.map((p) => `  ${p}`));
  return out.join('\n') + '\n';
}

export interface InventorySources {
  readonly serial?: SerialTransport;
  readonly hid?: HidTransport;
  readonly devDir?: string;
  readonly sysfsGpio?: string;
}

export async function takeInventory(sources: InventorySources = {}): Promise<DeviceInventory> {
  const problems: string[] = [];
  const attempt = async <T>(what: string, run: () => Promise<T> | T, fallback: T): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      problems.push(`${what}: ${(error as Error).message}`);
      return fallback;
    }
  };
  const dev = sources.devDir ?? '/dev';
  const byIdDir = join(dev, 'serial', 'by-id');
  const serialById = new Map<string, string>();
  if (existsSync(byIdDir)) for (const name of readdirSync(byIdDir)) serialById.set(realpathSync(join(byIdDir, name)), join(byIdDir, name));
  let gpiodTools: 1 | 2 | undefined;
  try {
    gpiodTools = parseToolsVersion(execFileSync('gpioset', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  } catch {
    gpiodTools = undefined; // not installed: reported as such
  }
  const sysfsRoot = sources.sysfsGpio ?? '/sys/class/gpio';
  return {
    serial: await attempt('serial ports', () => (sources.serial ?? nodeSerialTransport()).list(), []),
    serialById,
    hid: await attempt('HID devices', () => (sources.hid ?? nodeHidTransport()).list(), []),
    gpioChips: existsSync(dev) ? readdirSync(dev).filter((n) => /^gpiochip\d+$/.test(n)).map((n) => join(dev, n)) : [],
    sysfsChips: existsSync(sysfsRoot) ? await attempt('GPIO sysfs', () => readSysfsChips(sysfsRoot), []) : [],
    gpiodTools,
    problems,
  };
}

export async function commandDevices(): Promise<number> {
  process.stdout.write(formatDeviceReport(await takeInventory()));
  return 0;
}
