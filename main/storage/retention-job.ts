/**
 * Retention: entries older than the configured period (default 28 days) are deleted automatically, at start and then
 * hourly. With a hub configured only delivered rows go (undelivered ones wait for the hub, never silently lost).
 */
import type { Logger } from '../platform/logger.js';
import type { DeclarationStore } from './declaration-store.js';
import type { EntryRegister } from './entry-register.js';

export const DAY_MS = 86_400_000;

export function runRetention(
  register: EntryRegister,
  options: { now: number; retentionDays: number; hubConfigured: boolean; declarations?: DeclarationStore },
): number {
  options.declarations?.purgeExpired(options.now);
  return register.purgeOlderThan(options.now - options.retentionDays * DAY_MS, { onlyDelivered: options.hubConfigured });
}

export function startRetentionJob(
  register: EntryRegister,
  options: { retentionDays: number; hubConfigured: boolean; wallNow: () => number; logger: Logger; intervalMs?: number; declarations?: DeclarationStore },
): () => void {
  const run = () => {
    try {
      const purged = runRetention(register, { now: options.wallNow(), ...options });
      if (purged > 0) options.logger.info('retention-purge', { purged, retentionDays: options.retentionDays });
    } catch (error) {
      options.logger.error('retention-purge-failed', { error });
    }
  };
  run();
  const timer = setInterval(run, options.intervalMs ?? 3_600_000);
  timer.unref();
  return () => clearInterval(timer);
}
