/**
 * LibgpiodLine: a GPIO line on the character device, driven by Debian's gpiod tools (no native module).
 *
 * Output: a `gpioset` holds the line at its level (the kernel keeps a requested level only while someone holds it); a
 * change stops that holder, sets the new level with a one-shot gpioset (its exit status says the level is applied —
 * a holder killed by the next change might not have got that far) and starts a holder at it. Changes are applied in
 * order — a 120 ms beep is never merged away — and a backlog is trimmed to its last levels, so a slow machine lags a
 * blinking lamp by at most one period. The holder is a TiedProcess whose wrapper sets the safe level with a one-shot gpioset if
 * the host dies, so even a SIGKILLed host leaves the relay safe. `writeSync` (exit and crash handlers) kills the holder
 * and runs the one-shot gpioset with spawnSync: the level is applied when it returns.
 *
 * Input: a `gpiomon` (also tied) prints edges; they are de-bounced here.
 */
import { execFile, spawnSync } from 'node:child_process';
import { Listeners } from '../common/listeners.js';
import { EdgeDebouncer, electrical, type GpioEdge, type GpioInputOptions, type GpioLevel, type GpioLine, type GpioOutputOptions } from './gpio-line.js';
import { holdArgs, isBusyError, monitorArgs, parseMonitorLine, setOnceArgs, type GpiodToolsVersion, type ToolLine } from './gpiod-tool-dialect.js';
import { TiedProcess } from './tied-process.js';

export interface LibgpiodContext {
  readonly version: GpiodToolsVersion;
  readonly env: NodeJS.ProcessEnv;
  readonly now: () => number;
  /** Pause before restarting a gpiomon that died. */
  readonly restartDelayMs?: number;
}

type Mode = { readonly direction: 'output'; readonly options: GpioOutputOptions } | { readonly direction: 'input'; readonly options: GpioInputOptions };

/** How long a synchronous set keeps retrying a line that is still being released (EBUSY). */
const SYNC_BUDGET_MS = 1000;
const HOLD_ATTEMPTS = 40;
/** Level changes waiting for a holder beyond this many are dropped, oldest first. */
const MAX_BACKLOG = 3;
const RETRY_MS = 25;

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export class LibgpiodLine implements GpioLine {
  readonly direction: 'output' | 'input';
  private process: TiedProcess | undefined;
  private target: GpioLevel = 0;
  private work: Promise<void> = Promise.resolve();
  private readonly queue: GpioLevel[] = [];
  private heldLevel: GpioLevel | undefined;
  /** The level a holder is being started for right now. */
  private applying: GpioLevel | undefined;
  private closed = false;
  private restartTimer: NodeJS.Timeout | undefined;
  private readonly edges = new Listeners<GpioEdge>();
  private readonly errors = new Listeners<Error>();
  private readonly debouncer: EdgeDebouncer;

  private constructor(
    readonly label: string,
    private readonly line: ToolLine & { readonly activeLow?: boolean },
    private readonly context: LibgpiodContext,
    private readonly mode: Mode,
  ) {
    this.direction = mode.direction;
    this.debouncer = new EdgeDebouncer(mode.direction === 'input' ? mode.options.debounceMs : 0);
  }

  /** Requests the line as an output at `options.initial` (synchronously: the level is set when this returns). */
  static output(label: string, line: ToolLine & { readonly activeLow?: boolean }, context: LibgpiodContext, options: GpioOutputOptions): LibgpiodLine {
    const l = new LibgpiodLine(label, line, context, { direction: 'output', options });
    l.writeSync(options.initial);
    return l;
  }

  static input(label: string, line: ToolLine & { readonly activeLow?: boolean }, context: LibgpiodContext, options: GpioInputOptions): LibgpiodLine {
    const l = new LibgpiodLine(label, line, context, { direction: 'input', options });
    l.startMonitor();
    return l;
  }

  write(level: GpioLevel): void {
    const options = this.outputOptions();
    if (this.closed) return;
    this.target = level;
    const previous = this.queue.at(-1) ?? this.applying ?? (this.process ? this.heldLevel : undefined);
    if (previous === level) return;
    this.queue.push(level);
    if (this.queue.length > MAX_BACKLOG) this.queue.splice(0, this.queue.length - MAX_BACKLOG);
    if (this.applying === undefined && this.queue.length === 1) this.work = this.drain(options);
  }

  writeSync(level: GpioLevel): void {
    const options = this.outputOptions();
    this.target = level;
    this.queue.length = 0;
    this.applying = undefined;
    this.process?.killGroupSync();
    this.process = undefined;
    const args = setOnceArgs(this.context.version, this.line, electrical(level, this.line.activeLow), options.consumer);
    let stderr = '';
    for (const deadline = Date.now() + SYNC_BUDGET_MS; ; ) {
      const result = spawnSync('gpioset', args, { env: this.context.env, encoding: 'utf8', timeout: 5000 });
      if (result.status === 0) {
        // Keep holding the level afterwards (unless closing): a line nobody holds may drift.
        if (!this.closed) this.write(level);
        return;
      }
      stderr = result.error ? result.error.message : result.stderr;
      if (!isBusyError(stderr) || Date.now() > deadline) break;
      sleepSync(RETRY_MS);
    }
    throw new Error(`gpioset could not set ${this.label} to ${level}: ${stderr.trim() || 'no output'}`);
  }

  level(): GpioLevel | undefined {
    return this.direction === 'output' ? this.target : this.debouncer.level();
  }

  onEdge(listener: (edge: GpioEdge) => void): () => void {
    return this.edges.add(listener);
  }

  onError(listener: (error: Error) => void): () => void {
    return this.errors.add(listener);
  }

  close(): void {
    if (this.closed) return;
    clearTimeout(this.restartTimer);
    if (this.mode.direction === 'output') {
      this.closed = true;
      this.writeSync(this.mode.options.safe);
    } else {
      this.closed = true;
      this.process?.killGroupSync();
      this.process = undefined;
    }
  }

  /** Waits until the queued level changes have been handed to a holder (tests, self-test). */
  settled(): Promise<void> {
    return this.work;
  }

  private outputOptions(): GpioOutputOptions {
    if (this.mode.direction !== 'output') throw new Error(`${this.label} is an input`);
    return this.mode.options;
  }

  /** Applies the queued levels in order: stop the holder, set the level (confirmed), hold it. */
  private async drain(options: GpioOutputOptions): Promise<void> {
    await this.work;
    for (let level = this.queue.shift(); level !== undefined && !this.closed; level = this.queue.shift()) {
      this.applying = level;
      try {
        const previous = this.process;
        this.process = undefined;
        await previous?.stop();
        if (this.closed || this.applying !== level) continue;
        await this.setOnce(level, options);
        if (!this.closed && this.applying === level) this.spawnHolder(options, level, 1);
      } catch (error) {
        this.errors.emit(error as Error);
      }
    }
    this.applying = undefined;
  }

  /** One-shot gpioset, retried while the line is still being released; resolves once the level is set. */
  private async setOnce(level: GpioLevel, options: GpioOutputOptions): Promise<void> {
    const args = setOnceArgs(this.context.version, this.line, electrical(level, this.line.activeLow), options.consumer);
    const deadline = Date.now() + SYNC_BUDGET_MS;
    for (;;) {
      const stderr = await new Promise<string | undefined>((resolve) =>
        execFile('gpioset', args, { env: this.context.env, timeout: 5000 }, (error, _stdout, errText) => resolve(error ? errText || error.message : undefined)),
      );
      if (stderr === undefined) return;
      if (!isBusyError(stderr) || Date.now() > deadline) throw new Error(`gpioset could not set ${this.label} to ${level}: ${stderr.trim()}`);
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  }

  private spawnHolder(options: GpioOutputOptions, level: GpioLevel, attempt: number): void {
    const { version, env } = this.context;
    this.heldLevel = level;
    const holder = new TiedProcess({
      command: ['gpioset', ...holdArgs(version, this.line, electrical(level, this.line.activeLow), options.consumer)],
      afterParentGone: ['gpioset', ...setOnceArgs(version, this.line, electrical(options.safe, this.line.activeLow), options.consumer)],
      env,
    });
    this.process = holder;
    holder.onCommandExit((code, stderr) => {
      if (this.process !== holder) return;
      this.process = undefined;
      holder.killGroupSync();
      // The holder we just stopped may still be releasing the line: try again shortly.
      if (isBusyError(stderr) && attempt < HOLD_ATTEMPTS && !this.closed) {
        const retry = setTimeout(() => {
          if (!this.closed && !this.process) this.spawnHolder(options, level, attempt + 1);
        }, RETRY_MS);
        retry.unref();
        return;
      }
      this.errors.emit(new Error(`gpioset holding ${this.label} exited (${code}): ${stderr.trim() || 'no output'}`));
    });
  }

  private startMonitor(): void {
    if (this.mode.direction !== 'input' || this.closed) return;
    const { options } = this.mode;
    const { version, env } = this.context;
    const monitor = new TiedProcess({ command: ['gpiomon', ...monitorArgs(version, this.line, options.consumer, options.bias)], env });
    this.process = monitor;
    monitor.onStdoutLine((text) => {
      const edge = parseMonitorLine(version, text);
      if (!edge) return;
      const level = electrical(edge === 'rising' ? 1 : 0, this.line.activeLow);
      const accepted = this.debouncer.accept(level, this.context.now());
      if (accepted) this.edges.emit(accepted);
    });
    monitor.onCommandExit((code, stderr) => {
      if (this.process !== monitor || this.closed) return;
      this.process = undefined;
      monitor.killGroupSync();
      this.errors.emit(new Error(`gpiomon watching ${this.label} exited (${code}): ${stderr.trim() || 'no output'}; restarting`));
      this.restartTimer = setTimeout(() => this.startMonitor(), this.context.restartDelayMs ?? 1000);
      this.restartTimer.unref();
    });
  }
}
