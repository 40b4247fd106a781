/**
 * sd_notify for Node, which has no unix datagram sockets. A small long-lived relay child (python3, reading one
 * assignment per line on stdin and sending each as a datagram to $NOTIFY_SOCKET) rather than `systemd-notify` per
 * message: systemd attributes a notification to a unit through the sender's cgroup, and a `systemd-notify` that has
 * already exited when PID 1 reads its datagram is dropped ("Cannot find unit for notify message") — a lost READY=1
 * means a start time-out and a restart loop. The relay lives as long as the app, in the unit's cgroup, so the units
 * say NotifyAccess=all (the relay, like Electron under cage, is not the main process). python3 is a dependency of
 * the .deb. Without python3 the notifier falls back to `systemd-notify` per message and logs why.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import type { Logger } from '../platform/logger.js';
import type { Notifier } from './watchdog-heartbeat.js';

/** The relay: '@' names an abstract socket (Linux), as in sd_notify(3). */
export const NOTIFY_RELAY_PY = [
  'import os, socket, sys',
  "a = os.environ['NOTIFY_SOCKET']",
  "a = '\\0' + a[1:] if a.startswith('@') else a",
  's = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)',
  'for line in sys.stdin:',
  "    line = line.rstrip('\\n')",
  '    if line:',
  '        try: s.sendto(line.encode(), a)',
  '        except OSError as e: print(e, file=sys.stderr, flush=True)',
].join('\n');

/**
 * The watchdog interval for this process in ms, or undefined when systemd asked for none. WATCHDOG_PID names the
 * main process: this one (browser host) or its parent (Electron under cage, whose main process is cage).
 */
export function watchdogMsFromEnv(env: NodeJS.ProcessEnv, pid: number, ppid: number): number | undefined {
  const usec = Number(env.WATCHDOG_USEC);
  if (!env.WATCHDOG_USEC || !Number.isFinite(usec) || usec <= 0) return undefined;
  if (env.WATCHDOG_PID && ![String(pid), String(ppid)].includes(env.WATCHDOG_PID)) return undefined;
  return usec / 1000;
}

export function createSdNotifier(env: NodeJS.ProcessEnv, logger: Logger, python = 'python3'): Notifier | undefined {
  const socketPath = env.NOTIFY_SOCKET;
  if (!socketPath) return undefined;
  const childEnv = { ...process.env, ...env, NOTIFY_SOCKET: socketPath };
  const viaSystemdNotify = (assignment: string) => spawnSync('systemd-notify', [assignment], { env: childEnv, stdio: 'ignore', timeout: 5000 });
  // Until the relay has started (or failed to), assignments wait here: a READY=1 must not be lost.
  let pending: string[] | undefined = [];
  let mode: 'starting' | 'relay' | 'fallback' | 'closed' = 'starting';
  const relay: ChildProcess = spawn(python, ['-u', '-c', NOTIFY_RELAY_PY], { env: childEnv, stdio: ['pipe', 'ignore', 'pipe'] });
  relay.once('spawn', () => {
    if (mode !== 'starting') return;
    mode = 'relay';
    for (const a of pending ?? []) relay.stdin!.write(a + '\n');
    pending = undefined;
  });
  relay.once('error', (error) => {
    logger.warn('sd-notify-relay-unavailable', { error, fallback: 'systemd-notify per message (may lose messages; install python3)' });
    const queued = pending ?? [];
    pending = undefined;
    if (mode === 'closed') return;
    mode = 'fallback';
    for (const a of queued) viaSystemdNotify(a);
  });
  relay.stderr!.on('data', (chunk: Buffer) => logger.warn('sd-notify-send-failed', { detail: chunk.toString().trim() }));
  relay.stdin!.on('error', () => undefined);
  return {
    send(assignment) {
      if (assignment.includes('\n')) throw new Error('one sd_notify assignment per call');
      if (mode === 'starting') pending!.push(assignment);
      else if (mode === 'relay') relay.stdin!.write(assignment + '\n');
      else if (mode === 'fallback') viaSystemdNotify(assignment);
    },
    close() {
      if (mode === 'relay' || mode === 'starting') relay.stdin!.end();
      mode = 'closed';
    },
  };
}
