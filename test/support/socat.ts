/**
 * A serial scanner made of socat: a pseudo-terminal (the "device node" the terminal opens, reached through a symlink
 * like /dev/serial/by-id/…) whose other end is this process, writing what the scanner would send. Killing socat is
 * unplugging the scanner: the terminal's read fails and the link dangles; starting it again on the same link is
 * plugging it back in. Tests that need socat FAIL (never skip) when it is missing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, lstatSync, readlinkSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

export const SOCAT_PATH = process.env.GATE_SOCAT ?? '/usr/bin/socat';
export const SOCAT_INSTALL_HINT = 'apt-get install -y socat';

export function requireSocat(): void {
  if (!existsSync(SOCAT_PATH)) {
    throw new Error(`socat not found at ${SOCAT_PATH}; the serial scanner tests run over socat PTY pairs.\nInstall it with:  ${SOCAT_INSTALL_HINT}   (or set GATE_SOCAT)`);
  }
}

export class SocatScanner {
  private child: ChildProcess | undefined;
  private stderr = '';
  private exited: Promise<void> = Promise.resolve();

  constructor(readonly link: string) {}

  /** Starts socat and resolves once the device node (the link) exists and points at a live PTY. */
  async plug(timeoutMs = 5000): Promise<void> {
    requireSocat();
    if (this.child) throw new Error('already plugged in');
    const previousTarget = this.target();
    const child = spawn(SOCAT_PATH, ['-d', '-d', `pty,raw,echo=0,link=${this.link}`, 'STDIO'], { stdio: ['pipe', 'ignore', 'pipe'] });
    this.child = child;
    this.stderr = '';
    child.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
    child.stdin!.on('error', () => undefined);
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    const deadline = Date.now() + timeoutMs;
    // The PTY is ready once socat logs "starting data transfer loop"; the link was (re)pointed before that.
    while (!this.stderr.includes('starting data transfer loop')) {
      if (child.exitCode !== null) throw new Error(`socat exited (${child.exitCode}):\n${this.stderr}`);
      if (Date.now() > deadline) throw new Error(`socat did not create ${this.link} within ${timeoutMs} ms (previous target ${previousTarget}):\n${this.stderr}`);
      await sleep(2);
    }
    if (!existsSync(this.link)) throw new Error(`socat is running but ${this.link} does not resolve:\n${this.stderr}`);
  }

  /** Sends bytes as the scanner would; resolves once socat has taken them. */
  async send(data: string | Uint8Array): Promise<void> {
    const stdin = this.child?.stdin;
    if (!stdin) throw new Error('not plugged in');
    await new Promise<void>((resolve, reject) => stdin.write(data, (error) => (error ? reject(error) : resolve())));
  }

  /** Unplugs: kills socat (SIGKILL by default, like a yanked cable) and waits until it is gone. */
  async unplug(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = undefined;
    child.kill(signal);
    await this.exited;
  }

  get plugged(): boolean {
    return this.child !== undefined;
  }

  private target(): string {
    try {
      return lstatSync(this.link).isSymbolicLink() ? readlinkSync(this.link) : '(not a link)';
    } catch {
      return '(none)';
    }
  }
}
