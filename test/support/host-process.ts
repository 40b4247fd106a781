/**
 * Starts the real host (`node dist/cli.mjs start`) on a free port with its own data directory, and talks to it over
 * the same WebSocket contract the renderer uses.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import WebSocket from 'ws';
import { TEST_CONTROLS_ENV, type GateCalls, type GateEventMessage, type GateMethod, type GateTestCalls, type GateTestMethod, type ServerMessage } from '../../core/index.js';
import { CLI, ensureBuilt, tempDir, TEST_ISSUER_PUBLIC } from './paths.js';

export interface HostOptions {
  readonly dataDir?: string;
  readonly direction?: 'in' | 'out' | 'both';
  readonly safePosition?: 'locked' | 'released';
  readonly clockSync?: 'auto' | 'assume-synchronised';
  readonly extraConfig?: Record<string, unknown>;
  /** Added to the host's environment (e.g. NOTIFY_SOCKET, WATCHDOG_USEC). */
  readonly env?: NodeJS.ProcessEnv;
}

export interface RunningHost {
  readonly url: string;
  readonly dataDir: string;
  readonly configPath: string;
  readonly child: ChildProcess;
  readonly stderr: () => string;
  /** Resolves with the exit code / signal. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(): Promise<void>;
}

export function writeTestConfig(dataDir: string, options: HostOptions = {}): string {
  const config = {
    terminal: { id: 'gate-test-01' },
    checkpoint: { id: 'cp-test', name: 'Cổng thử nghiệm', direction: options.direction ?? 'both', timeZone: 'Asia/Ho_Chi_Minh' },
    trust: { issuers: [{ name: 'TEST issuer', publicKeyFile: TEST_ISSUER_PUBLIC, test: true }] },
    hardware: { turnstile: { kind: 'simulated', pulseMs: 1500, safePosition: options.safePosition ?? 'locked' } },
    storage: { dataDir },
    host: { port: 0, mode: 'browser' },
    display: { resultHoldSeconds: 30 },
    clock: { sync: options.clockSync ?? 'assume-synchronised' },
    ...options.extraConfig,
  };
  const path = join(dataDir, 'terminal.json');
  writeFileSync(path, JSON.stringify(config, null, 2));
  return path;
}

export async function startHost(options: HostOptions = {}): Promise<RunningHost> {
  ensureBuilt();
  const dataDir = options.dataDir ?? tempDir('host');
  const configPath = writeTestConfig(dataDir, options);
  const child = spawn(process.execPath, [CLI, 'start', '--config', configPath], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, [TEST_CONTROLS_ENV]: '1', ...options.env } });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  // Ready when it prints its URL, failed when it exits first; no time limit of its own (the test's timeout bounds it).
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      if (line.startsWith('GATE_TERMINAL_URL=')) resolve(line.slice('GATE_TERMINAL_URL='.length));
    });
    void exited.then(({ code, signal }) => reject(new Error(`host exited (${code ?? signal}) before printing its URL\n${stderr}`)));
  });
  return {
    url,
    dataDir,
    configPath,
    child,
    stderr: () => stderr,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The production contract and the test controls (core/contract/test-contract.ts), as a test client sees them. */
type TestableCalls = GateCalls & GateTestCalls;

/** A Node client of the contract over the browser host's WebSocket. */
export class ContractClient {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  readonly events: GateEventMessage[] = [];

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as ServerMessage;
      if (message.type === 'event') {
        this.events.push({ name: message.name, data: message.data } as GateEventMessage);
        return;
      }
      const p = this.pending.get(message.id);
      if (!p) return;
      this.pending.delete(message.id);
      if (message.type === 'result') p.resolve(message.result);
      else p.reject(Object.assign(new Error(`${message.error.code}: ${message.error.message}`), { code: message.error.code }));
    });
    ws.on('close', () => {
      for (const p of this.pending.values()) p.reject(new Error('connection closed'));
      this.pending.clear();
    });
  }

  static async connect(url: string, options: { origin?: string } = {}): Promise<ContractClient> {
    const ws = new WebSocket(url.replace(/^http/, 'ws').replace(/\/$/, '') + '/bridge', options.origin ? { origin: options.origin } : {});
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    });
    return new ContractClient(ws);
  }

  /** A call of the contract, or of its test-only extension (answered only by a host started in test mode). */
  call<M extends GateMethod | GateTestMethod>(method: M, params: TestableCalls[M]['params']): Promise<TestableCalls[M]['result']> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.ws.send(JSON.stringify({ type: 'call', id, method, params }));
    });
  }

  close(): void {
    this.ws.close();
  }
}
