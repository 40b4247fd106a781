/**
 * Fake gpiod tools on PATH (test/support/fake-gpiod/: POSIX sh, as fast to start as the real C tools) over a
 * simulated set of chips. They speak the libgpiod 1.6 or 2.x command line, record every level they set, refuse a line
 * another live process holds (EBUSY, as the kernel does) and play input edges the test appends.
 */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ROOT, tempDir } from './paths.js';

export const FAKE_GPIOD_BIN = join(ROOT, 'test', 'support', 'fake-gpiod');

export interface GpioToolRecord {
  readonly at: bigint;
  readonly pid: number;
  readonly tool: string;
  readonly event: string;
  readonly chip: string;
  readonly offset: number;
  readonly value: string;
  readonly detail: string;
}

export interface FakeGpioTools {
  readonly dir: string;
  /** Environment for anything that runs the tools (the driver, a child process, the CLI). */
  readonly env: NodeJS.ProcessEnv;
  records(): GpioToolRecord[];
  /** Levels set on a line, in order, with how ("hold" = a holder process, "once" = a one-shot gpioset). */
  sets(chip: string, offset: number): { value: number; how: string; pid: number }[];
  lastValue(chip: string, offset: number): number | undefined;
  /** Appends an edge for the gpiomon watching that line. */
  emitEdge(chip: string, offset: number, edge: 'rising' | 'falling'): void;
  waitFor<T>(what: string, check: () => T | undefined, timeoutMs?: number): Promise<T>;
  /** Resolves once a gpiomon is watching the line. */
  monitoring(chip: string, offset: number): Promise<void>;
}

export function fakeGpioTools(options: { version?: 1 | 2; chips?: Record<string, number>; names?: Record<string, [string, number]> } = {}): FakeGpioTools {
  const dir = tempDir('fake-gpio');
  const chips = options.chips ?? { gpiochip0: 54 };
  writeFileSync(join(dir, 'chips'), Object.entries(chips).map(([name, count]) => `${name} ${count}\n`).join(''));
  writeFileSync(join(dir, 'names'), Object.entries(options.names ?? {}).map(([name, [chip, offset]]) => `${name} ${chip} ${offset}\n`).join(''));
  writeFileSync(join(dir, 'log'), '');
  const env = { ...process.env, PATH: `${FAKE_GPIOD_BIN}:${process.env.PATH ?? '/usr/bin:/bin'}`, FAKE_GPIO_DIR: dir, FAKE_GPIOD_VERSION: String(options.version ?? 2) };
  const records = (): GpioToolRecord[] =>
    readFileSync(join(dir, 'log'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [at, pid, tool, event, chip, offset, value, detail] = line.split(' ');
        return { at: BigInt(at!), pid: Number(pid), tool: tool!, event: event!, chip: chip!, offset: Number(offset), value: value!, detail: detail ?? '' };
      });
  const sets = (chip: string, offset: number) =>
    records()
      .filter((r) => r.tool === 'gpioset' && r.event === 'set' && r.chip === chip && r.offset === offset)
      .map((r) => ({ value: Number(r.value), how: r.detail, pid: r.pid }));
  const waitFor = async <T>(what: string, check: () => T | undefined, timeoutMs = 5000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = check();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; tool log:\n${readFileSync(join(dir, 'log'), 'utf8')}`);
      await sleep(5);
    }
  };
  return {
    dir,
    env,
    records,
    sets,
    lastValue: (chip, offset) => sets(chip, offset).at(-1)?.value,
    emitEdge(chip, offset, edge) {
      const file = join(dir, `edges-${chip}-${offset}`);
      if (!existsSync(file)) throw new Error(`nobody monitors ${chip} ${offset}`);
      appendFileSync(file, `${edge}\n`);
    },
    waitFor,
    monitoring: (chip, offset) =>
      waitFor(`gpiomon on ${chip} ${offset}`, () => (records().some((r) => r.tool === 'gpiomon' && r.event === 'monitor' && r.chip === chip && r.offset === offset) ? true : undefined)).then(() => undefined),
  };
}
