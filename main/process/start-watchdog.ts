/**
 * Wires the watchdog heartbeat for a host (browser host or Electron main) from systemd's environment: nothing
 * without NOTIFY_SOCKET (a developer's `npm start`), READY=1 only without WATCHDOG_USEC, the full heartbeat with it.
 */
import type { Logger } from '../platform/logger.js';
import { createSdNotifier, watchdogMsFromEnv } from './sd-notify.js';
import { WatchdogHeartbeat } from './watchdog-heartbeat.js';

export interface HostWatchdog {
  rendererBeat(): void;
  stop(): void;
}

export interface HostWatchdogOptions {
  readonly logger: Logger;
  /** Why the gate is not healthy, or null; e.g. the register cannot be read. */
  readonly gateCheck: () => string | null;
  readonly env?: NodeJS.ProcessEnv;
}

const NOTHING: HostWatchdog = { rendererBeat: () => undefined, stop: () => undefined };

export function startHostWatchdog(options: HostWatchdogOptions): HostWatchdog {
  const env = options.env ?? process.env;
  const notifier = createSdNotifier(env, options.logger);
  if (!notifier) return NOTHING;
  const watchdogMs = watchdogMsFromEnv(env, process.pid, process.ppid);
  if (watchdogMs === undefined) {
    notifier.send('READY=1');
    return { rendererBeat: () => undefined, stop: () => notifier.close() };
  }
  const heartbeat = new WatchdogHeartbeat({
    notifier,
    watchdogMs,
    gateCheck: options.gateCheck,
    timers: { now: () => performance.now(), setInterval: (fn, ms) => setInterval(fn, ms).unref(), clearInterval: (h) => clearInterval(h as NodeJS.Timeout) },
    onWithheld: (reason) => options.logger.error('watchdog-withheld', { reason }),
  });
  heartbeat.start();
  options.logger.info('watchdog-started', { watchdogMs });
  return { rendererBeat: () => heartbeat.rendererBeat(), stop: () => heartbeat.stop() };
}

/** The gate check both hosts use: the register answers a read (a write problem is the gate's own alarm). */
export function registerReadable(register: { recent(limit: number): unknown }): () => string | null {
  return () => {
    try {
      register.recent(1);
      return null;
    } catch (error) {
      return `the register cannot be read: ${(error as Error).message}`;
    }
  };
}
