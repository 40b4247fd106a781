/**
 * Command lines for Debian's gpiod tools, pure. Two generations are in the field: libgpiod 1.6 (Debian 12 bookworm,
 * Raspberry Pi OS bookworm) and libgpiod 2.x (Debian 13 trixie) — different options, line addressing and output.
 * Both are driven the same way: a long-lived `gpioset` holds an output at a level (the kernel keeps a level only while
 * a process holds the line), a one-shot `gpioset` sets a level and exits (safe state on exit), `gpiomon` prints edges.
 *
 * v1: gpioset [--mode=signal] CHIP OFFSET=V · gpiomon -b -F FMT CHIP OFFSET (%e: 1 rising, 0 falling) · gpiofind NAME
 * v2: gpioset [-c CHIP] [-C CONSUMER] [-t0] LINE=V · gpiomon [-c CHIP] -e both -F %E LINE (rising / falling)
 */
import type { GpioEdgeKind, GpioLevel } from './gpio-line.js';

export type GpiodToolsVersion = 1 | 2;

/** A line as the tools address it: v1 needs chip and offset; v2 also takes a name (chip optional). */
export interface ToolLine {
  readonly chip?: string;
  readonly offset?: number;
  readonly name?: string;
}

/** Major version from `gpioset --version` ("gpioset (libgpiod) v1.6.3"). */
export function parseToolsVersion(output: string): GpiodToolsVersion | undefined {
  const match = /\(libgpiod\)\s+v?(\d+)\./.exec(output);
  if (!match) return undefined;
  const major = Number(match[1]);
  return major === 1 ? 1 : major >= 2 ? 2 : undefined;
}

/** `gpiofind NAME` (v1) prints "gpiochip0 17". */
export function parseGpiofind(output: string): { chip: string; offset: number } | undefined {
  const match = /^(\S+)\s+(\d+)\s*$/.exec(output.trim());
  return match ? { chip: match[1]!, offset: Number(match[2]) } : undefined;
}

function v1Target(line: ToolLine): [string, string] {
  if (line.chip === undefined || line.offset === undefined) throw new Error(`libgpiod 1.x tools need a chip and an offset (resolve "${line.name}" with gpiofind first)`);
  return [line.chip, String(line.offset)];
}

function v2Target(line: ToolLine): { chipArgs: string[]; id: string } {
  const id = line.offset !== undefined ? String(line.offset) : line.name;
  if (id === undefined) throw new Error('a GPIO line needs a name or an offset');
  if (line.offset !== undefined && line.chip === undefined) throw new Error(`offset ${line.offset} needs a chip`);
  return { chipArgs: line.chip !== undefined ? ['-c', line.chip] : [], id };
}

/** Holds `line` at `level` until the process is signalled. */
export function holdArgs(version: GpiodToolsVersion, line: ToolLine, level: GpioLevel, consumer: string): string[] {
  if (version === 1) {
    const [chip, offset] = v1Target(line);
    return ['--mode=signal', chip, `${offset}=${level}`];
  }
  const { chipArgs, id } = v2Target(line);
  return [...chipArgs, '-C', consumer, `${id}=${level}`];
}

/** Sets `line` to `level` and exits (what the level is afterwards is up to the kernel: see docs/hardware.md). */
export function setOnceArgs(version: GpiodToolsVersion, line: ToolLine, level: GpioLevel, consumer: string): string[] {
  if (version === 1) {
    const [chip, offset] = v1Target(line);
    return [chip, `${offset}=${level}`];
  }
  const { chipArgs, id } = v2Target(line);
  return [...chipArgs, '-C', consumer, '-t0', `${id}=${level}`];
}

/** Prints one line per edge (both edges), as parseMonitorLine reads them. */
export function monitorArgs(version: GpiodToolsVersion, line: ToolLine, consumer: string, bias: string = 'as-is'): string[] {
  if (version === 1) {
    const [chip, offset] = v1Target(line);
    return ['-b', `--bias=${bias}`, '-F', '%e', chip, offset];
  }
  const { chipArgs, id } = v2Target(line);
  return [...chipArgs, '-C', consumer, `--bias=${bias}`, '-e', 'both', '-F', '%E', id];
}

/** An electrical edge from one output line of gpiomon (as started by monitorArgs); undefined for anything else. */
export function parseMonitorLine(version: GpiodToolsVersion, text: string): GpioEdgeKind | undefined {
  const word = text.trim();
  if (version === 1) return word === '1' ? 'rising' : word === '0' ? 'falling' : undefined;
  return word === 'rising' || word === 'falling' ? word : undefined;
}

/** The kernel refused the request because another process holds the line. */
export function isBusyError(stderr: string): boolean {
  return /resource busy|EBUSY/i.test(stderr);
}
