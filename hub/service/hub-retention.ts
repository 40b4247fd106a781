/**
 * Retention on the hub: entries older than the configured period (default 28 days) are purged at start and hourly,
 * with expired nonces, enrolment tokens and declarations. Every purge is logged (log line + purge_log table).
 */
import type { HubLogger } from '../hub-logger.js';
import type { HubStore, PurgeReport } from '../storage/hub-store.js';

export const DAY_MS = 86_400_000;

export async function runHubRetention(store: HubStore, options: { now: number; retentionDays: number; logger: HubLogger }): Promise<PurgeReport> {
  const cutoff = options.now - options.retentionDays * DAY_MS;
  const report = await store.purge(cutoff, options.now);
  options.logger.info('retention-purge', { cutoff, retentionDays: options.retentionDays, ...report });
  return report;
}

export function startHubRetention(store: HubStore, options: { retentionDays: number; logger: HubLogger; now: () => number; intervalMs?: number }): () => void {
  const run = () =>
    void runHubRetention(store, { now: options.now(), retentionDays: options.retentionDays, logger: options.logger }).catch((error: unknown) =>
      options.logger.error('retention-purge-failed', { error }),
    );
  run();
  const timer = setInterval(run, options.intervalMs ?? 3_600_000);
  timer.unref();
  return () => clearInterval(timer);
}
