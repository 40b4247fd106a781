/**
 * A helper process whose life is tied to ours — the way the gpiod tools are run. The command runs under a small
 * /bin/sh wrapper in its own process group; the wrapper reads our end of a pipe and, when that pipe closes because
 * this process died (even by SIGKILL, when no handler of ours runs), it stops the command and runs `afterParentGone`
 * (for an output: a one-shot gpioset of the safe level). So a relay can neither stay energised nor stay held busy
 * by an orphan after a crash.
 *
 * `killGroupSync` stops the command at once without running `afterParentGone` — for the synchronous safe-state path,
 * which then sets the level itself.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export const TIED_EXIT_MARKER = '@@gate-terminal-tied-exit';

export function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

function commandLine(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ');
}

/** The wrapper script; exported for the unit test that reads it. */
export function tiedScript(command: readonly string[], afterParentGone?: readonly string[]): string {
  const after = afterParentGone
    ? // The stopped command may still be releasing its line: retry the one-shot for up to a second.
      `for attempt in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do ${commandLine(afterParentGone)} && break; sleep 0.05; done`
    : ':';
  return [
    `{ ${commandLine(command)}; echo "${TIED_EXIT_MARKER} $?" >&2; } &`,
    'read -r _ignored || :',
    "trap '' TERM",
    'kill -TERM 0 2>/dev/null',
    'wait',
    after,
  ].join('\n');
}

export interface TiedProcessOptions {
  readonly command: readonly string[];
  readonly afterParentGone?: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
}

export class TiedProcess {
  private readonly child: ChildProcess;
  private stderrText = '';
  private exitCode: number | undefined;
  private killed = false;
  readonly exited: Promise<void>;

  constructor(options: TiedProcessOptions) {
    this.child = spawn('/bin/sh', ['-c', tiedScript(options.command, options.afterParentGone)], {
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: options.env ?? process.env,
    });
    this.child.stdin!.on('error', () => undefined);
    // Never keep the host alive for a helper: at exit our end of the pipe closes and the wrapper cleans up.
    this.keepHostAlive(false);
    this.exited = new Promise((resolve) => this.child.once('close', () => resolve()));
    createInterface({ input: this.child.stderr! }).on('line', (line) => {
      if (line.startsWith(TIED_EXIT_MARKER)) this.exitCode = Number(line.slice(TIED_EXIT_MARKER.length + 1));
      else this.stderrText = (this.stderrText + line + '\n').slice(-2000);
      this.commandExitListener?.(this.exitCode, this.stderrText);
    });
    this.child.once('error', (error) => {
      this.stderrText += error.message;
      this.exitCode ??= 127;
      this.commandExitListener?.(this.exitCode, this.stderrText);
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get stderr(): string {
    return this.stderrText;
  }

  private commandExitListener: ((code: number | undefined, stderr: string) => void) | undefined;

  /** Called with the command's exit status when it ends on its own (not when we stopped it). */
  onCommandExit(listener: (code: number, stderr: string) => void): void {
    this.commandExitListener = (code, stderr) => {
      if (code !== undefined && !this.killed) listener(code, stderr);
    };
  }

  onStdoutLine(listener: (line: string) => void): void {
    createInterface({ input: this.child.stdout! }).on('line', listener);
  }

  /** SIGKILLs the whole group now; the signal is delivered before this returns. `afterParentGone` does not run. */
  killGroupSync(): void {
    this.killed = true;
    const pid = this.child.pid;
    if (pid === undefined) return;
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }

  /** Stops the command (SIGTERM to the group) and waits until the wrapper is gone. `afterParentGone` does not run. */
  async stop(): Promise<void> {
    this.killed = true;
    this.keepHostAlive(true); // while someone awaits the wrapper's end
    const pid = this.child.pid;
    if (pid !== undefined && this.child.exitCode === null && this.child.signalCode === null) {
      try {
        process.kill(-pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    await this.exited;
  }

  private keepHostAlive(keep: boolean): void {
    if (keep) this.child.ref();
    else this.child.unref();
    for (const stream of [this.child.stdin, this.child.stdout, this.child.stderr]) {
      const handle = stream as unknown as { ref?: () => void; unref?: () => void };
      if (keep) handle.ref?.();
      else handle.unref?.();
    }
  }

  /** Closes our end of the pipe, as our death would: the wrapper stops the command and runs `afterParentGone`. */
  release(): void {
    this.child.stdin!.end();
  }
}
