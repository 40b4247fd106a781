/**
 * The GPIO relay reaches its safe position however the host ends: normal exit, SIGTERM, SIGINT, an uncaught
 * exception, an unhandled rejection — synchronously, from the handlers — and even SIGKILL, when no handler runs and
 * the gpioset wrapper sets the safe level on its own. Checked on what the fake gpioset recorded last, for a
 * fail-secure strike on an active-low relay board and for a fail-safe maglock.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { buildSync } from 'esbuild';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, test } from 'vitest';
import { fakeGpioTools, type FakeGpioTools } from '../support/fake-gpio-tools.js';
import { ROOT, TEST_ISSUER_PUBLIC, tempDir } from '../support/paths.js';

/**
 * The child runs as an esbuild bundle (~0.2 s to start instead of ~1 s through tsx), kept under node_modules/.cache so
 * that its bare imports resolve to the repository's node_modules.
 */
function bundledChild(entry: string): string {
  const dir = join(ROOT, 'node_modules', '.cache', 'gate-terminal-test');
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, `${basename(entry, '.ts')}-${process.pid}.mjs`);
  buildSync({ entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning', define: { __GATE_VERSION__: '"test"' } });
  return outfile;
}

const CHILD = bundledChild(join(ROOT, 'test', 'support', 'relay-fail-safe-child.ts'));
afterAll(() => rmSync(CHILD, { force: true }));
type Ending = 'exit' | 'throw' | 'reject' | 'SIGTERM' | 'SIGINT' | 'SIGKILL';

interface Door {
  readonly safePosition: 'locked' | 'released';
  /** What the host is doing when it ends: releasing a fail-secure door, or holding a fail-safe door locked. */
  readonly doing: 'pulse' | 'arm';
  readonly activeLow: boolean;
  /** Electrical level of the safe (de-energised) position on the relay line. */
  readonly safeLevel: 0 | 1;
}

const DOORS: readonly Door[] = [
  { safePosition: 'locked', doing: 'pulse', activeLow: true, safeLevel: 1 },
  { safePosition: 'released', doing: 'arm', activeLow: false, safeLevel: 0 },
];
const RELAY_OFFSET = 26;

function writeConfig(door: Door): string {
  const dir = tempDir('fail-safe');
  const file = join(dir, 'terminal.json');
  writeFileSync(
    file,
    JSON.stringify({
      terminal: { id: 'gate-fs' },
      checkpoint: { id: 'cp', name: 'Cửa', direction: 'in' },
      trust: { issuers: [{ name: 'test', publicKeyFile: TEST_ISSUER_PUBLIC, test: true }] },
      hardware: { turnstile: { kind: 'gpio', line: { chip: 'gpiochip0', offset: RELAY_OFFSET, activeLow: door.activeLow }, safePosition: door.safePosition } },
      storage: { dataDir: dir },
    }),
  );
  return file;
}

async function endHost(door: Door, ending: Ending): Promise<{ tools: FakeGpioTools; code: number | null; signal: NodeJS.Signals | null }> {
  const tools = fakeGpioTools({ version: 2 });
  const child = spawn(process.execPath, [CHILD, writeConfig(door), door.doing], { cwd: ROOT, env: tools.env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  try {
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).once('line', resolve);
      void exited.then(() => reject(new Error(`child exited early:\n${stderr}`)));
    });
    assert.equal(line, `READY ${door.doing === 'pulse' ? 'released' : 'locked'}`);
    // The relay is energised (a holder at the active level) before the host goes.
    const energised = (1 - door.safeLevel) as 0 | 1;
    await tools.waitFor('relay energised', () => (tools.sets('gpiochip0', RELAY_OFFSET).some((s) => s.how === 'hold' && s.value === energised) ? true : undefined));
    if (ending.startsWith('SIG')) child.kill(ending as NodeJS.Signals);
    else child.stdin.write(`${ending}\n`);
    return { tools, ...(await exited) };
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

for (const door of DOORS) {
  test(`${door.safePosition} door (${door.activeLow ? 'active-low' : 'active-high'} relay): safe at start and after every way the host can end`, async () => {
    const endings: Ending[] = ['exit', 'throw', 'reject', 'SIGTERM', 'SIGINT', 'SIGKILL'];
    const results = await Promise.all(endings.map((ending) => endHost(door, ending).then((r) => ({ ending, ...r }))));
    for (const { ending, tools, code, signal } of results) {
      const sets = tools.sets('gpiochip0', RELAY_OFFSET);
      assert.deepEqual(sets[0] && { value: sets[0].value, how: sets[0].how }, { value: door.safeLevel, how: 'once' }, `${ending}: safe level first, at start`);
      if (ending === 'SIGKILL') {
        assert.equal(signal, 'SIGKILL');
        // No handler ran: the tied gpioset wrapper noticed and set the safe level by itself.
        await tools.waitFor('the wrapper to set the safe level', () => (tools.sets('gpiochip0', RELAY_OFFSET).at(-1)?.how === 'once' ? true : undefined));
      } else {
        assert.equal(code, { exit: 3, throw: 70, reject: 70, SIGTERM: 0, SIGINT: 0 }[ending], `${ending}: exit code`);
      }
      const last = tools.sets('gpiochip0', RELAY_OFFSET).at(-1)!;
      assert.deepEqual({ value: last.value, how: last.how }, { value: door.safeLevel, how: 'once' }, `${ending}: the last level set is the safe one`);
    }
  });
}
