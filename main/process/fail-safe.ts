/**
 * Puts every relay into its configured safe position when the process ends for any reason we can observe: normal
 * exit, SIGTERM/SIGINT/SIGHUP, an uncaught exception or an unhandled rejection. Power loss is covered by wiring: the
 * relay's de-energised contact must equal the configured safe position (docs/hardware.md).
 */
import type { TurnstileRelay } from '../../hardware/turnstile/turnstile-relay.js';
import type { Logger } from '../platform/logger.js';

export interface FailSafeOptions {
  /** Called after the relays are safe on a signal; the default exits with 128 + signal number semantics (0 for us). */
  readonly onSignal?: (signal: NodeJS.Signals) => void;
}

export function installFailSafe(relays: readonly TurnstileRelay[], logger: Logger, options: FailSafeOptions = {}): () => void {
  const toSafe = () => {
    for (const relay of relays) {
      try {
        relay.toSafePosition();
      } catch (error) {
        logger.error('relay-safe-position-failed', { error });
      }
    }
  };
  const onExit = () => toSafe();
  const onSignal = (signal: NodeJS.Signals) => {
    logger.info('signal', { signal });
    toSafe();
    if (options.onSignal) options.onSignal(signal);
    else process.exit(0);
  };
  const onFatal = (error: unknown) => {
    logger.error('fatal', { error: error instanceof Error ? error : new Error(String(error)) });
    toSafe();
    process.exit(70);
  };
  process.on('exit', onExit);
  const signals: NodeJS.Signals[] = ['SIGTERM', 'SIGINT', 'SIGHUP'];
  for (const s of signals) process.on(s, onSignal);
  process.on('uncaughtException', onFatal);
  process.on('unhandledRejection', onFatal);
  return () => {
    process.off('exit', onExit);
    for (const s of signals) process.off(s, onSignal);
    process.off('uncaughtException', onFatal);
    process.off('unhandledRejection', onFatal);
  };
}
