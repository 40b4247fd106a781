/**
 * The steps of one sync round, each on its own, for a session (hub-session.ts) and the terminal's stores:
 * upload the outbox, pull the bundle, pull the building's relayed passages, send the heartbeat. The worker decides
 * when they run (sync-schedule.ts) and keeps the status; the steps only talk to the hub and write what it answered.
 *
 * None blocks a decision: the database work between two awaits is one short statement or transaction on the
 * register's connection.
 */
import type { HostClock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import { verifyBundle, type BundleKeys } from './bundle-verifier.js';
import { trustedHubKeys } from './hub-trust.js';
import type { HubBackedContext } from './hub-backed-context.js';
import type { HubClock } from './hub-clock.js';
import type { HubDataStore } from './hub-data-store.js';
import type { Session } from './hub-session.js';
import type { Outbox } from './outbox.js';
import { SyncError } from './sync-failure.js';

/**
 * Relayed passages per request. The hub allows up to 5000; 1000 keeps one answer a few hundred KB and, above all,
 * the transaction that stores it short — it runs on the register's connection, between two scans.
 */
export const PASSAGE_PAGE_SIZE = 1000;
/**
 * Pages per round: up to 20,000 passages, a busy building's day. A longer backlog (a terminal back after days
 * offline) continues on the next poll, so one round never holds the hub or the register for long.
 */
export const MAX_PASSAGE_PAGES_PER_ROUND = 20;

export interface ExchangeDependencies {
  readonly outbox: Outbox;
  readonly hubData: HubDataStore;
  readonly context: HubBackedContext;
  readonly clock: HostClock;
  readonly hubClock: HubClock;
  readonly logger: Logger;
  readonly batchSize: number;
  readonly maxBatchBytes: number;
  readonly relayWindowMs: number;
  /** The worker is closing: stop before the next database write (the register is about to close). */
  readonly closed: () => boolean;
}

/**
 * Uploads until the outbox is empty; each batch is acknowledged before the next is read, and rows are marked
 * delivered only up to the hub's contiguous seq (a gap on the hub re-opens the rows after it).
 */
export async function uploadOutbox(session: Session, deps: ExchangeDependencies, onDelivered: (count: number) => void): Promise<void> {
  const { outbox } = deps;
  const terminalId = session.identity.terminalId;
  for (;;) {
    const batch = outbox.nextBatch(terminalId, deps.batchSize, deps.maxBatchBytes);
    if (batch.length === 0) return;
    const ack = await session.client.uploadEntries({ terminalId, entries: batch });
    if (deps.closed()) return;
    const { delivered, reopened } = outbox.acknowledge(ack.contiguousSeq, deps.clock.wallNow());
    if (reopened > 0) deps.logger.warn('hub-gap-resend', { contiguousSeq: ack.contiguousSeq, reopened });
    if (delivered === 0 && reopened === 0 && ack.contiguousSeq < batch[0]!.seq) {
      throw new SyncError(
        'HUB_GAP_UNRECOVERABLE',
        `the hub misses entries ${ack.contiguousSeq + 1}–${batch[0]!.seq - 1} of this terminal, which are no longer here; call IT`,
      );
    }
    onDelivered(delivered);
  }
}

/** What a bundle pull did: the status shows a refused bundle until one is applied again. */
export type BundlePull = { readonly kind: 'unchanged' } | { readonly kind: 'applied' } | { readonly kind: 'refused'; readonly error: SyncError };

/**
 * Asks for the bundle (ETag); a new one is verified, stored and put in force, an unchanged one confirms the data in
 * force. A bundle that fails verification is refused and the one in force is kept.
 */
export async function pullBundle(session: Session, deps: ExchangeDependencies): Promise<BundlePull> {
  const stored = deps.hubData.currentBundle();
  const answer = await session.client.fetchBundle(stored?.etag);
  const now = deps.clock.wallNow();
  if (!answer.modified) {
    deps.hubData.markConfirmed(now);
    return { kind: 'unchanged' };
  }
  try {
    const verified = verifyBundle(answer.bundle, session.identity, bundleKeysInForce(session, deps.hubData), stored?.version);
    deps.hubData.applyBundle(verified.content, answer.bundle, answer.etag, now, verified.hubKeys);
    deps.context.apply(verified);
    deps.logger.info('bundle-applied', { version: verified.content.version, declarations: verified.content.declarations.length });
    const versionCheck = deps.context.appVersionCheck();
    if (versionCheck.updateRequired) deps.logger.warn('app-update-required', { running: versionCheck.running, required: versionCheck.required });
    return { kind: 'applied' };
  } catch (error) {
    if (!(error instanceof SyncError)) throw error;
    deps.logger.error('bundle-refused', { code: error.code, keptVersion: stored?.version ?? null });
    return { kind: 'refused', error };
  }
}

/** Pulls the passages other terminals of the building relayed, page by page, and drops those past the relay window. */
export async function pullPassages(session: Session, deps: ExchangeDependencies): Promise<void> {
  const { hubData } = deps;
  for (let page = 0; page < MAX_PASSAGE_PAGES_PER_ROUND; page++) {
    const feed = await session.client.fetchPassages(hubData.passageCursor(), PASSAGE_PAGE_SIZE);
    hubData.addPassages(feed.passages, feed.cursor);
    if (feed.passages.length < PASSAGE_PAGE_SIZE) break;
  }
  hubData.purgePassages(deps.hubClock.hubNow() - deps.relayWindowMs);
}

/** After a restart: the last good bundle is verified again and put back in force before the first exchange. */
export function restoreBundle(currentSession: () => Session | undefined, deps: Pick<ExchangeDependencies, 'hubData' | 'context'>): void {
  const stored = deps.hubData.currentBundle();
  if (!stored) return;
  const session = currentSession();
  if (session) deps.context.apply(verifyBundle(stored.signed, session.identity, bundleKeysInForce(session, deps.hubData), undefined));
}

/** The session's keys with the hub keys trusted now (hub-trust.ts): learned from the last verified bundle, or pinned. */
function bundleKeysInForce(session: Session, hubData: HubDataStore): BundleKeys {
  return { trustedHubKeys: trustedHubKeys(session.keys.pinnedHubKey, hubData.learnedHubKeys()), agreementKey: session.keys.agreementKey };
}
