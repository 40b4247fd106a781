/**
 * Puts every relay into its configured safe position when the process ends for any reason we can observe: normal
 * exit, SIGTERM/SIGINT/SIGHUP, an uncaught exception or an unhandled rejection. Power loss is covered by wiring: the
 * relay's de-energised contact must equal the configured safe position (docs/hardware.md).
 */
import type { TurnstileRelay } from '../../hardware/turnstile/turnstile-relay.js';
import type { Logger } from '../platform/logger.js';

export interface FailSafeOptions {
  /** Called after the relays are safe on a signal; the default exits with status 0. */
  readonly onSignal?: (signal: NodeJS.Signals) => void;
  readonly exit?: (code: number) => void;
}

export const FATAL_EXIT_CODE = 70;
const SIGNALS: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT', 'SIGHUP'];

export interface FailSafeHandlers {
  onExit(): void;
  onSignal(signal: NodeJS.Signals): void;
  onFatal(error: unknown): void;
}

export function failSafeHandlers(relays: readonly TurnstileRelay[], logger: Logger, options: FailSafeOptions = {}): FailSafeHandlers {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const toSafe = () => {
    for (const relay of relays) {
      try {
        relay.toSafePosition();
      } catch (error) {
        logger.error('relay-safe-position-failed', { error });
      }
    }
  };
  return {
    onExit: toSafe,
    onSignal(signal) {
      logger.info('signal', { signal });
      toSafe();
      if (options.onSignal) options.onSignal(signal);
      else exit(0);
    },
    onFatal(error) {
      logger.error('fatal', { error: error instanceof Error ? error : new Error(String(error)) });
      toSafe();
      exit(FATAL_EXIT_CODE);
    },
  };
}

export function installFailSafe(relays: readonly TurnstileRelay[], logger: Logger, options: FailSafeOptions = {}): () => void {
  const h = failSafeHandlers(relays, logger, options);
  const onExit = () => h.onExit();
  const onSignal = (signal: NodeJS.Signals) => h.onSignal(signal);
  const onFatal = (error: unknown) => h.onFatal(error);
  process.on('exit', onExit);
  for (const s of SIGNALS) process.on(s, onSignal);
  process.on('uncaughtException', onFatal);
  process.on('unhandledRejection', onFatal);
  return () => {
    process.off('exit', onExit);
    for (const s of SIGNALS) process.off(s, onSignal);
    process.off('uncaughtException', onFatal);
    process.off('unhandledRejection', onFatal);
  };
}
