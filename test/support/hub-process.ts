/**
 * The hub as a real process (`gate-terminal hub --config F`), on a fixed port so it can be SIGKILLed and restarted
 * where terminals (or a proxy) expect it; and a terminal host process enrolled with it.
 */
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { CHECKPOINT } from './hub-fixture.js';
import { writeHubTerminalConfig, type TestTerminalOptions } from './hub-terminal.js';
import { CLI, ensureBuilt, ROOT } from './paths.js';

export function ensureHubBuilt(): void {
  ensureBuilt();
  if (!existsSync(join(ROOT, 'dist', 'hub-cli.mjs'))) execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export function writeHubProcessConfig(dataDir: string, port: number, storage: Record<string, unknown> = { kind: 'sqlite', path: join(dataDir, 'hub.sqlite') }): string {
  const path = join(dataDir, 'hub.json');
  writeFileSync(
    path,
    JSON.stringify({
      listen: { host: '127.0.0.1', port },
      dataDir,
      storage,
      buildings: [{ id: 'toa-nha-thu', name: 'Tòa nhà thử', checkpoints: [{ id: CHECKPOINT, name: 'Cổng thử nghiệm', policy: { antiPassbackWindowMs: 0 } }] }],
    }),
  );
  return path;
}

export interface HubProcess {
  readonly child: ChildProcess;
  readonly url: string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr(): string;
  /** Everything the hub printed on stdout so far (its start message included). */
  stdout(): string;
}

/**
 * Starts the hub and resolves once it says it listens (its GATE_HUB_URL= line), or rejects if it exits first. No time
 * limit of its own: a loaded machine (or a bench config with thousands of checkpoints) only makes the start slower,
 * and the test's timeout bounds the wait. `options.nodeArgs`: options for node itself (bench hub10k's probe: `--import …/hub-probe.mjs`).
 */
export async function spawnHub(configPath: string, options: { readonly nodeArgs?: readonly string[] } = {}): Promise<HubProcess> {
  ensureHubBuilt();
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), CLI, 'hub', '--config', configPath], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let stdout = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout = (stdout + chunk.toString()).slice(-20_000)));
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-20_000)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('GATE_HUB_URL=')) resolve(line.slice('GATE_HUB_URL='.length));
    });
    void exited.then(({ code, signal }) => reject(new Error(`hub exited (${code ?? signal}) before it was ready\n${stderr}`)));
  });
  return { child, url, exited, stderr: () => stderr, stdout: () => stdout };
}

export async function killHard(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await exited;
}

/**
 * `gate-terminal enrol` for a terminal data dir (writes its config first); returns the hub's terminal id.
 * Asynchronous: a proxy in this process must keep serving while the command talks through it.
 */
export async function enrolTerminalProcess(dataDir: string, hubUrl: string, token: string, options: TestTerminalOptions = {}): Promise<{ configPath: string; terminalId: string }> {
  ensureHubBuilt();
  const configPath = writeHubTerminalConfig(dataDir, hubUrl, options);
  const { stdout: out } = await promisify(execFile)(process.execPath, [CLI, 'enrol', '--config', configPath, '--token', token], { encoding: 'utf8' });
  const terminalId = /HUB_TERMINAL_ID=(\S+)/.exec(out)?.[1];
  if (!terminalId) throw new Error(`enrol printed no terminal id:\n${out}`);
  return { configPath, terminalId };
}
