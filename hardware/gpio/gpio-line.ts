/**
 * GpioLine: one GPIO line, as the lights, buzzer, relay and door sensor use it. Drivers: LibgpiodLine (Debian's gpiod
 * tools on the GPIO character device — the supported way), SysfsGpioLine (legacy /sys/class/gpio via onoff) and
 * SimulatedGpioLine. Levels are logical: 1 = active (lamp lit, relay energised); a line wired active-low is inverted
 * by the driver, so nothing above this interface cares how the board is wired.
 */

export type GpioLevel = 0 | 1;
export type GpioEdgeKind = 'rising' | 'falling';

export interface GpioEdge {
  /** Logical edge: `rising` = the line became active. */
  readonly edge: GpioEdgeKind;
  readonly level: GpioLevel;
  /** Monotonic ms at which the host saw it. */
  readonly at: number;
}

/** Where a line is: a line name (from the device tree, e.g. GPIO17), or a chip and an offset on it. */
export interface GpioLineAddress {
  readonly name?: string;
  readonly chip?: string;
  readonly offset?: number;
}

export interface GpioLineConfig extends GpioLineAddress {
  readonly activeLow?: boolean;
}

export interface GpioLine {
  /** For messages: "gpiochip0 17" or "RELAY (gpiochip0 5)". */
  readonly label: string;
  readonly direction: 'output' | 'input';
  /** Output: drives the logical level. Returns at once; a failure is reported to `onError` listeners. */
  write(level: GpioLevel): void;
  /** Output: drives the level and returns only once it is applied — for exit and crash handlers. */
  writeSync(level: GpioLevel): void;
  /** Last level written (output) or seen (input; undefined before the first edge). */
  level(): GpioLevel | undefined;
  /** Input: de-bounced logical edges. */
  onEdge(listener: (edge: GpioEdge) => void): () => void;
  onError(listener: (error: Error) => void): () => void;
  /** Releases the line; an output is left at its safe level. Synchronous and idempotent. */
  close(): void;
}

export interface GpioOutputOptions {
  readonly initial: GpioLevel;
  /** The level the line returns to when it is closed, and (where the driver can) when this process dies. */
  readonly safe: GpioLevel;
  readonly consumer: string;
}

export interface GpioInputOptions {
  /** Edges closer together than this are contact bounce. */
  readonly debounceMs: number;
  readonly consumer: string;
  readonly bias?: 'as-is' | 'pull-up' | 'pull-down' | 'disable';
}

export interface GpioDriver {
  readonly kind: 'libgpiod' | 'sysfs' | 'simulated';
  output(line: GpioLineConfig, options: GpioOutputOptions): Promise<GpioLine>;
  input(line: GpioLineConfig, options: GpioInputOptions): Promise<GpioLine>;
}

export function describeGpioLine(line: GpioLineAddress): string {
  const where = line.offset !== undefined ? `${line.chip ?? 'gpiochip0'} ${line.offset}` : undefined;
  if (line.name && where) return `${line.name} (${where})`;
  return line.name ?? where ?? '(no line)';
}

/** Logical ↔ electrical level of a line wired active-low (or not). */
export function electrical(level: GpioLevel, activeLow: boolean | undefined): GpioLevel {
  return (activeLow ? 1 - level : level) as GpioLevel;
}

/**
 * Software de-bounce shared by the input drivers: a level change closer than `debounceMs` to the last accepted one
 * is bounce, and a "change" to the level already reported is no change.
 */
export class EdgeDebouncer {
  private current: GpioLevel | undefined;
  private lastAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly debounceMs: number) {}

  accept(level: GpioLevel, at: number): GpioEdge | undefined {
    if (level === this.current || at - this.lastAt < this.debounceMs) return undefined;
    this.current = level;
    this.lastAt = at;
    return { edge: level === 1 ? 'rising' : 'falling', level, at };
  }

  level(): GpioLevel | undefined {
    return this.current;
  }
}
