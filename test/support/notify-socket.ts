/**
 * A stand-in for systemd's NOTIFY_SOCKET: a unix datagram socket bound by a python3 child that prints every datagram
 * it receives as one line (Node cannot bind unix datagram sockets). Tests that need it FAIL when python3 is missing.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { tempDir } from './paths.js';

const LISTENER_PY = [
  'import socket, sys',
  's = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)',
  's.bind(sys.argv[1])',
  "print('LISTENING', flush=True)",
  'while True:',
  "    print(s.recv(4096).decode().replace('\\n', '|'), flush=True)",
].join('\n');

export interface NotifyMessage {
  readonly text: string;
  /** performance.now() when this process read it. */
  readonly at: number;
}

export class NotifySocket {
  readonly messages: NotifyMessage[] = [];

  private constructor(
    readonly path: string,
    private readonly child: ChildProcess,
  ) {}

  static async listen(): Promise<NotifySocket> {
    if (spawnSync('python3', ['--version']).status !== 0) throw new Error('python3 is missing; the sd_notify tests need it.\nInstall it with:  apt-get install -y python3');
    const path = join(tempDir('notify'), 'notify.sock');
    const child = spawn('python3', ['-u', '-c', LISTENER_PY, path], { stdio: ['ignore', 'pipe', 'inherit'] });
    const socket = new NotifySocket(path, child);
    await new Promise<void>((resolve, reject) => {
      const lines = createInterface({ input: child.stdout! });
      lines.on('line', (line) => {
        if (line === 'LISTENING') resolve();
        else socket.messages.push({ text: line, at: performance.now() });
      });
      child.once('exit', (code) => reject(new Error(`the notify listener exited (${code})`)));
    });
    return socket;
  }

  /** Resolves with the first message matching `test` received at or after `since`. */
  next(test: (text: string) => boolean, since = 0): Promise<NotifyMessage> {
    return this.nth(1, test, since);
  }

  /**
   * Resolves with the `n`th message matching `test` received at or after `since`. A wait on the messages, with no
   * time limit of its own (a loaded machine delivers them later; the test's timeout bounds the wait).
   */
  async nth(n: number, test: (text: string) => boolean, since = 0): Promise<NotifyMessage> {
    for (;;) {
      const found = this.messages.filter((m) => m.at >= since && test(m.text))[n - 1];
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  close(): void {
    this.child.kill();
  }
}
