/**
 * SysfsGpioLine: the legacy /sys/class/gpio interface through `onoff` (kept for images whose kernels or tools lack
 * the character device or libgpiod). Deprecated by the kernel; prefer LibgpiodLine.
 *
 * Numbering: sysfs wants a global GPIO number = the chip's base + the offset. Since kernel 6.6 bases are allocated
 * from 512 upwards (a Raspberry Pi 4's GPIO17 is 529, not 17), and the Pi 5's RP1 chip has its own base (571 on its
 * 6.6 kernels). Never hard-code numbers: configure chip + offset and the base is read from
 * /sys/class/gpio/gpiochip*\/{base,label,ngpio} at start.
 *
 * Unlike the libgpiod driver, an exported sysfs line keeps its level when the process dies: a SIGKILLed host cannot
 * return a sysfs relay to its safe level (exit, crash and signals are still covered; see docs/hardware.md).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Listeners } from '../common/listeners.js';
import { describeGpioLine, EdgeDebouncer, electrical, type GpioDriver, type GpioEdge, type GpioInputOptions, type GpioLevel, type GpioLine, type GpioLineConfig, type GpioOutputOptions } from './gpio-line.js';

export interface SysfsChip {
  readonly dir: string;
  readonly base: number;
  readonly ngpio: number;
  readonly label: string;
}

export function readSysfsChips(root: string): SysfsChip[] {
  let names: string[];
  try {
    names = readdirSync(root).filter((n) => /^gpiochip\d+$/.test(n));
  } catch {
    throw new Error(`${root} does not exist: this kernel has no GPIO sysfs interface (CONFIG_GPIO_SYSFS); use hardware.gpio.driver: libgpiod`);
  }
  return names.map((dir) => {
    const read = (file: string) => readFileSync(join(root, dir, file), 'utf8').trim();
    return { dir, base: Number(read('base')), ngpio: Number(read('ngpio')), label: read('label') };
  });
}

/** Global sysfs number of chip + offset; `chip` is the chip's label (pinctrl-bcm2711, pinctrl-rp1) or its sysfs name. */
export function sysfsNumber(chips: readonly SysfsChip[], line: GpioLineConfig): number {
  if (line.offset === undefined) throw new Error(`the sysfs GPIO driver cannot look up line names ("${line.name}"): give chip and offset`);
  const candidates = line.chip === undefined ? chips : chips.filter((c) => c.label === line.chip || c.dir === line.chip);
  if (candidates.length !== 1) {
    const known = chips.map((c) => `${c.label} (${c.dir}, base ${c.base}, ${c.ngpio} lines)`).join('; ') || 'none';
    throw new Error(`GPIO chip ${line.chip ?? '(unspecified)'} is ${candidates.length === 0 ? 'not' : 'ambiguous'} in sysfs; chips: ${known}`);
  }
  const chip = candidates[0]!;
  if (line.offset >= chip.ngpio) throw new Error(`offset ${line.offset} is beyond ${chip.label}'s ${chip.ngpio} lines`);
  return chip.base + line.offset;
}

/** The part of onoff's Gpio class used here. */
export interface OnoffGpio {
  writeSync(value: 0 | 1): void;
  write(value: 0 | 1): Promise<void>;
  readSync(): 0 | 1;
  watch(callback: (error: Error | null | undefined, value: 0 | 1) => void): void;
  unexport(): void;
}
export type OnoffGpioConstructor = new (gpio: number, direction: 'in' | 'out' | 'high' | 'low', edge?: 'none' | 'both') => OnoffGpio;

export class SysfsGpioLine implements GpioLine {
  private current: GpioLevel | undefined;
  private closed = false;
  private readonly edges = new Listeners<GpioEdge>();
  private readonly errors = new Listeners<Error>();
  private readonly debouncer: EdgeDebouncer;

  constructor(
    readonly label: string,
    readonly direction: 'output' | 'input',
    private readonly gpio: OnoffGpio,
    private readonly options: { readonly activeLow?: boolean; readonly safe?: GpioLevel; readonly initial?: GpioLevel; readonly debounceMs?: number; readonly now: () => number },
  ) {
    this.debouncer = new EdgeDebouncer(options.debounceMs ?? 0);
    if (direction === 'output') this.current = options.initial ?? 0;
    else gpio.watch((error, value) => (error ? this.errors.emit(error) : this.seen(value)));
  }

  write(level: GpioLevel): void {
    this.requireOutput();
    if (this.closed) return;
    this.current = level;
    this.gpio.write(electrical(level, this.options.activeLow)).catch((error: unknown) => this.errors.emit(error as Error));
  }

  writeSync(level: GpioLevel): void {
    this.requireOutput();
    this.current = level;
    this.gpio.writeSync(electrical(level, this.options.activeLow));
  }

  level(): GpioLevel | undefined {
    return this.direction === 'output' ? this.current : this.debouncer.level();
  }

  onEdge(listener: (edge: GpioEdge) => void): () => void {
    return this.edges.add(listener);
  }

  onError(listener: (error: Error) => void): () => void {
    return this.errors.add(listener);
  }

  close(): void {
    if (this.closed) return;
    if (this.direction === 'output') this.writeSync(this.options.safe ?? 0);
    this.closed = true;
    this.gpio.unexport();
  }

  private seen(value: 0 | 1): void {
    const edge = this.debouncer.accept(electrical(value, this.options.activeLow), this.options.now());
    if (edge) this.edges.emit(edge);
  }

  private requireOutput(): void {
    if (this.direction !== 'output') throw new Error(`${this.label} is an input`);
  }
}

export interface SysfsGpioOptions {
  readonly sysfsRoot?: string;
  /** Loads onoff's Gpio class; tests inject a fake. */
  readonly loadGpio?: () => Promise<OnoffGpioConstructor>;
  readonly now?: () => number;
}

export class SysfsGpio implements GpioDriver {
  readonly kind = 'sysfs';
  private readonly root: string;

  constructor(private readonly options: SysfsGpioOptions = {}) {
    this.root = options.sysfsRoot ?? '/sys/class/gpio';
  }

  async output(line: GpioLineConfig, options: GpioOutputOptions): Promise<GpioLine> {
    const Gpio = await this.load();
    const initial = electrical(options.initial, line.activeLow);
    const gpio = this.open(() => new Gpio(sysfsNumber(readSysfsChips(this.root), line), initial === 1 ? 'high' : 'low'), line);
    return new SysfsGpioLine(describeGpioLine(line), 'output', gpio, { activeLow: line.activeLow, safe: options.safe, initial: options.initial, now: this.now() });
  }

  async input(line: GpioLineConfig, options: GpioInputOptions): Promise<GpioLine> {
    const Gpio = await this.load();
    const gpio = this.open(() => new Gpio(sysfsNumber(readSysfsChips(this.root), line), 'in', 'both'), line);
    return new SysfsGpioLine(describeGpioLine(line), 'input', gpio, { activeLow: line.activeLow, debounceMs: options.debounceMs, now: this.now() });
  }

  private now(): () => number {
    return this.options.now ?? (() => performance.now());
  }

  private async load(): Promise<OnoffGpioConstructor> {
    if (this.options.loadGpio) return this.options.loadGpio();
    const onoff = await import('onoff');
    return onoff.Gpio as unknown as OnoffGpioConstructor;
  }

  private open(create: () => OnoffGpio, line: GpioLineConfig): OnoffGpio {
    try {
      return create();
    } catch (error) {
      const denied = (error as NodeJS.ErrnoException).code === 'EACCES';
      throw new Error(`cannot export GPIO ${describeGpioLine(line)} through sysfs: ${(error as Error).message}${denied ? ' — add the user to the "gpio" group (docs/hardware.md)' : ''}`, { cause: error });
    }
  }
}
