/**
 * The libgpiod GPIO driver: finds the gpiod tools, learns their generation (1.x or 2.x, see gpiod-tool-dialect.ts),
 * resolves line names, and hands out LibgpiodLines. Missing tools or an unknown line fail here, at start, with the fix.
 */
import { execFileSync } from 'node:child_process';
import { describeGpioLine, type GpioDriver, type GpioInputOptions, type GpioLine, type GpioLineConfig, type GpioOutputOptions } from './gpio-line.js';
import { parseGpiofind, parseToolsVersion, type GpiodToolsVersion, type ToolLine } from './gpiod-tool-dialect.js';
import { LibgpiodLine } from './libgpiod-line.js';

export interface LibgpiodGpioOptions {
  /** Chip for lines given by offset only (default gpiochip0). */
  readonly defaultChip?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly now?: () => number;
  readonly restartDelayMs?: number;
}

export class LibgpiodGpio implements GpioDriver {
  readonly kind = 'libgpiod';
  private toolsVersion: GpiodToolsVersion | undefined;

  constructor(private readonly options: LibgpiodGpioOptions = {}) {}

  output(line: GpioLineConfig, options: GpioOutputOptions): Promise<GpioLine> {
    return Promise.resolve().then(() => LibgpiodLine.output(describeGpioLine(line), this.resolve(line), this.context(), options));
  }

  input(line: GpioLineConfig, options: GpioInputOptions): Promise<GpioLine> {
    return Promise.resolve().then(() => LibgpiodLine.input(describeGpioLine(line), this.resolve(line), this.context(), options));
  }

  /** The gpiod tools' major version, asked once (`gpioset --version`). */
  version(): GpiodToolsVersion {
    if (this.toolsVersion !== undefined) return this.toolsVersion;
    let output: string;
    try {
      output = execFileSync('gpioset', ['--version'], { env: this.env(), encoding: 'utf8', timeout: 5000, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      throw new Error(
        missing
          ? 'gpioset not found: install the gpiod tools (apt-get install gpiod) or set hardware.gpio.driver to sysfs'
          : `gpioset --version failed: ${(error as Error).message}`,
        { cause: error },
      );
    }
    const version = parseToolsVersion(output);
    if (version === undefined) throw new Error(`unrecognised gpiod tools: ${output.split('\n')[0]}`);
    this.toolsVersion = version;
    return version;
  }

  private context() {
    return { version: this.version(), env: this.env(), now: this.options.now ?? (() => performance.now()), ...(this.options.restartDelayMs !== undefined ? { restartDelayMs: this.options.restartDelayMs } : {}) };
  }

  private env(): NodeJS.ProcessEnv {
    return this.options.env ?? process.env;
  }

  private resolve(line: GpioLineConfig): ToolLine & { activeLow?: boolean } {
    const activeLow = line.activeLow === true;
    if (line.offset !== undefined) return { chip: line.chip ?? this.options.defaultChip ?? 'gpiochip0', offset: line.offset, activeLow };
    if (!line.name) throw new Error('a GPIO line needs a name, or a chip and an offset');
    if (this.version() === 2) return { name: line.name, ...(line.chip ? { chip: line.chip } : {}), activeLow };
    let output: string;
    try {
      output = execFileSync('gpiofind', [line.name], { env: this.env(), encoding: 'utf8', timeout: 5000, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch {
      throw new Error(`no GPIO line named "${line.name}" (gpiofind found none); list the names with gpioinfo, or give chip and offset`);
    }
    const found = parseGpiofind(output);
    if (!found) throw new Error(`gpiofind ${line.name}: unexpected output "${output.trim()}"`);
    return { ...found, activeLow };
  }
}
