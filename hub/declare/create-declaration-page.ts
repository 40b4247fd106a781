/**
 * Wires the declaration page into the hub (called by startHub when `declarationPage.enabled`): issuer keys, the
 * services, the check-in waiters (woken by check-ins on any replica), what every bundle gains (the issuer's public key and the page address), and a
 * minutely purge of expired declarations with their health answers.
 */
import type { HubConfig } from '../config/hub-config.js';
import type { HubLogger } from '../hub-logger.js';
import type { BundleIssuer } from '../protocol.js';
import type { HubStore } from '../storage/hub-store.js';
import { CheckinService } from './checkin-service.js';
import { CheckinWaiters } from './checkin-waiters.js';
import { loadDeclarationKeys } from './declaration-keys.js';
import type { DeclarationPageDependencies } from '../http/hub-dependencies.js';
import { bundleIssuersOf, readDeclarationKeySet } from './declaration-key-set.js';
import { DeclarationService } from './declaration-service.js';

const PURGE_INTERVAL_MS = 60_000;
const DAY_MS = 86_400_000;

export interface DeclarationPageWiring {
  readonly page: DeclarationPageDependencies;
  readonly bundleExtras: { readonly issuers: (now: number) => readonly BundleIssuer[]; readonly publicUrl?: string };
  close(): Promise<void>;
}

export async function createDeclarationPage(store: HubStore, config: HubConfig, logger: HubLogger, now: () => number, identityKey: Buffer): Promise<DeclarationPageWiring | undefined> {
  const settings = config.declarationPage;
  if (!settings.enabled) return undefined;
  if (settings.proofOfWork.disabledForBenchOnly) logger.warn('declaration-proof-of-work-disabled', { note: 'bench/test-only setting: never on a public hub' });
  const keys = loadDeclarationKeys({ dataDir: config.dataDir, name: settings.issuerName, identityKey, ...(settings.issuerKeyPath ? { issuerKeyPath: settings.issuerKeyPath } : {}) });
  // The issuer's key set (announced next key, previous keys until their tokens expired), read once at start.
  const keySet = readDeclarationKeySet(config.dataDir, keys.publicKeyRaw);
  const waiters = new CheckinWaiters();
  // Check-ins made through other hub replicas wake this one's long polls too (null: some may be missed, wake all).
  const stopListening = await store.listenForCheckins((checkpointId) => (checkpointId === null ? waiters.releaseAll() : waiters.notify(checkpointId)));
  // The guard's "declare here" QR: the page's own address, else the one the checkpoint posters use.
  const publicUrl = settings.publicUrl ?? config.publicBaseUrl;
  let closing = false;
  const purge = () =>
    void store.selfDeclarations
      .purge(now(), now() - config.retentionDays * DAY_MS)
      .then((report) => (report.declarations + report.checkins > 0 ? logger.info('declaration-purge', report) : undefined))
      .catch((error: unknown) => logger.error('declaration-purge-failed', { error }));
  purge();
  const timer = setInterval(purge, PURGE_INTERVAL_MS);
  timer.unref();
  return {
    page: {
      declarations: new DeclarationService(store, keys, settings),
      checkins: new CheckinService(store, keys, waiters),
      waiters,
      isClosing: () => closing,
    },
    bundleExtras: { issuers: (at) => bundleIssuersOf(settings.issuerName, keySet, at), ...(publicUrl ? { publicUrl } : {}) },
    async close() {
      closing = true;
      clearInterval(timer);
      waiters.releaseAll();
      await stopListening();
    },
  };
}
