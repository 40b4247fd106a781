/**
 * A Debian rootfs booted with systemd as PID 1 under systemd-nspawn, and commands run inside it with nsenter.
 * The flags are the ones that boot on the CI machines (issue 14): without `--register=no --keep-unit` nspawn fails
 * with "Failed to open system bus", `-U` fails, and --private-network leaves the container only its loopback.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { CLEAN_ENV } from './debian-rootfs.js';

export interface ExecResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The process's start time in clock ticks since boot (/proc/PID/stat field 22): with the PID, one process ever. */
function startTime(pid: number): string {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]!;
}

/** PIDs whose parent is `pid`, from /proc. */
function children(pid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) out.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

export class Container {
  private constructor(
    readonly root: string,
    private readonly nspawn: ChildProcess,
    readonly pid1: number,
    private readonly console: () => string,
    private readonly pid1Start = startTime(pid1),
  ) {}

  /** Boots `root`; resolves once the container's systemd (PID 1 inside) exists. */
  static async boot(root: string): Promise<Container> {
    const args = ['-D', root, '-b', '--register=no', '--keep-unit', '--private-network', '--console=read-only'];
    const nspawn = spawn('systemd-nspawn', args, { env: { ...CLEAN_ENV }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    nspawn.stdout!.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-20_000)));
    nspawn.stderr!.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-20_000)));
    for (let i = 0; i < 300; i++) {
      if (nspawn.exitCode !== null) throw new Error(`systemd-nspawn exited (${nspawn.exitCode}):\n${output}`);
      // nspawn's child is the container's PID 1 (its comm is systemd once exec'd).
      const pid1 = children(nspawn.pid!).find((pid) => readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'systemd');
      if (pid1 !== undefined) return new Container(root, nspawn, pid1, () => output);
      await sleep(100);
    }
    nspawn.kill('SIGKILL');
    throw new Error(`the container's systemd did not start within 30 s:\n${output}`);
  }

  /** Runs `args` in all of the container's namespaces (as root unless wrapped in runuser). */
  exec(args: string[], options: { input?: string; timeoutMs?: number } = {}): ExecResult {
    const result = spawnSync('nsenter', ['-t', String(this.pid1), '-a', ...args], {
      env: { ...CLEAN_ENV },
      encoding: 'utf8',
      input: options.input,
      timeout: options.timeoutMs ?? 120_000,
      maxBuffer: 16 << 20,
    });
    return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
  }

  /** Like exec, but throws with the output unless the command exits 0; returns stdout. */
  ok(args: string[], options: { input?: string; timeoutMs?: number } = {}): string {
    const result = this.exec(args, options);
    if (result.status !== 0) throw new Error(`in the container: ${args.join(' ')} → ${result.status}\n${result.stdout}\n${result.stderr}`);
    return result.stdout;
  }

  /** `systemctl show UNIT -p P` values. */
  show(unit: string, ...properties: string[]): Record<string, string> {
    const text = this.ok(['systemctl', 'show', unit, ...properties.map((p) => `--property=${p}`)]);
    return Object.fromEntries(text.trim().split('\n').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
  }

  /** Polls `check` every 250 ms until it returns a value (not undefined) or `limitMs` passes. */
  async until<T>(what: string, limitMs: number, check: () => T | undefined): Promise<T> {
    const started = Date.now();
    let last: unknown;
    while (Date.now() - started < limitMs) {
      try {
        const value = check();
        if (value !== undefined) return value;
      } catch (error) {
        last = error;
      }
      await sleep(250);
    }
    throw new Error(`${what}: not within ${limitMs / 1000} s${last ? ` (last error: ${String(last)})` : ''}`);
  }

  /**
   * Powers the container off (SIGTERM to nspawn halts it cleanly), SIGKILL after 30 s; then SIGKILLs the container's
   * PID 1 if it outlived nspawn, which ends every process of its PID namespace. An emulated (qemu) systemd halts too
   * slowly for the 30 s, and killing nspawn alone left it and journald running, orphaned, after the arm64 test.
   */
  async stop(): Promise<void> {
    if (this.nspawn.exitCode === null && this.nspawn.signalCode === null) {
      const exited = new Promise((resolve) => this.nspawn.once('exit', resolve));
      this.nspawn.kill('SIGTERM');
      const timer = setTimeout(() => this.nspawn.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    }
    try {
      // Only while that PID is still this container's PID 1 (same start time), never a reused PID.
      if (startTime(this.pid1) === this.pid1Start) process.kill(this.pid1, 'SIGKILL');
    } catch {
      // already gone: the clean halt
    }
  }

  consoleOutput(): string {
    return this.console();
  }
}
