/**
 * GPIO without a board: SimulatedGpioLine keeps what a real line would do (levels written, edges seen) plus test
 * controls, and SimulatedGpio hands them out by label so tests and the self-test can look at any line.
 */
import { Listeners } from '../common/listeners.js';
import {
  describeGpioLine,
  EdgeDebouncer,
  type GpioDriver,
  type GpioEdge,
  type GpioInputOptions,
  type GpioLevel,
  type GpioLine,
  type GpioLineConfig,
  type GpioOutputOptions,
} from './gpio-line.js';

export interface RecordedWrite {
  readonly level: GpioLevel;
  readonly sync: boolean;
  readonly at: number;
}

export class SimulatedGpioLine implements GpioLine {
  private current: GpioLevel | undefined;
  private readonly edges = new Listeners<GpioEdge>();
  private readonly errors = new Listeners<Error>();
  private readonly debouncer: EdgeDebouncer;
  readonly writes: RecordedWrite[] = [];
  closed = false;

  constructor(
    readonly label: string,
    readonly direction: 'output' | 'input',
    private readonly options: { readonly initial?: GpioLevel; readonly safe?: GpioLevel; readonly debounceMs?: number; readonly now?: () => number } = {},
  ) {
    this.debouncer = new EdgeDebouncer(options.debounceMs ?? 0);
    if (direction === 'output') this.record(options.initial ?? 0, true);
  }

  write(level: GpioLevel): void {
    this.requireOutput();
    this.record(level, false);
  }

  writeSync(level: GpioLevel): void {
    this.requireOutput();
    this.record(level, true);
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
    if (this.direction === 'output') this.record(this.options.safe ?? 0, true);
    this.closed = true;
  }

  // Test controls

  /** An input's electrical change, as a sensor would make it (after de-bounce it may or may not become an edge). */
  drive(level: GpioLevel, at: number = (this.options.now ?? (() => performance.now()))()): void {
    if (this.direction !== 'input' || this.closed) return;
    const edge = this.debouncer.accept(level, at);
    if (edge) this.edges.emit(edge);
  }

  fail(error: Error): void {
    this.errors.emit(error);
  }

  /** Levels written, in order, as a compact string: "0 1 0". */
  history(): string {
    return this.writes.map((w) => w.level).join(' ');
  }

  private record(level: GpioLevel, sync: boolean): void {
    if (this.closed) return;
    this.current = level;
    this.writes.push({ level, sync, at: (this.options.now ?? (() => performance.now()))() });
    if (this.writes.length > 10_000) this.writes.splice(0, this.writes.length - 10_000);
  }

  private requireOutput(): void {
    if (this.direction !== 'output') throw new Error(`${this.label} is an input`);
  }
}

export class SimulatedGpio implements GpioDriver {
  readonly kind = 'simulated';
  readonly lines = new Map<string, SimulatedGpioLine>();

  output(line: GpioLineConfig, options: GpioOutputOptions): Promise<GpioLine> {
    return Promise.resolve(this.add(new SimulatedGpioLine(describeGpioLine(line), 'output', { initial: options.initial, safe: options.safe })));
  }

  input(line: GpioLineConfig, options: GpioInputOptions): Promise<GpioLine> {
    return Promise.resolve(this.add(new SimulatedGpioLine(describeGpioLine(line), 'input', { debounceMs: options.debounceMs })));
  }

  line(label: string): SimulatedGpioLine {
    const line = this.lines.get(label);
    if (!line) throw new Error(`no simulated GPIO line ${label}; have ${[...this.lines.keys()].join(', ')}`);
    return line;
  }

  private add(line: SimulatedGpioLine): SimulatedGpioLine {
    this.lines.set(line.label, line);
    return line;
  }
}
