/**
 * Wires hub sync into a gate app (called by the composition root when the config has a `hub` section): the live
 * decision-context views, the outbox over the register, the worker, and its status pushed to the guard screen.
 */
import type { CheckpointPolicy, CryptoPort, GateEventMessage, PassageView, PhoneCheckinView, RevocationSet, SyncStatusView, TrustStore } from '../../core/index.js';
import type { GateConfig } from '../config/load-config.js';
import type { GateSettings } from '../gate/gate-dependencies.js';
import type { HostClock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import type { SqliteDatabase } from '../storage/open-database.js';
import type { RelayedCheckin } from '../../core/contract/hub-protocol.js';
import { CheckinFeedPoller } from './checkin-feed.js';
import { CheckinStore } from './checkin-store.js';
import { DeclareHereQr } from './declare-here-qr.js';
import { HubBackedContext } from './hub-backed-context.js';
import { HubDataStore } from './hub-data-store.js';
import { Outbox } from './outbox.js';
import { SyncWorker, type HubSyncSettings, type SyncWorkerDependencies } from './sync-worker.js';

export interface HubSync {
  readonly context: HubBackedContext;
  readonly worker: SyncWorker;
  /** Gate settings whose policy is the bundle's once one is in force (read by the gate on every scan). */
  liveSettings(settings: GateSettings): GateSettings;
  /**
   * Starts the worker and feeds it the gate's entries; sync status goes out on the gate's event channel; phone
   * check-ins go to `onCheckin` (the gate shows them and returns them as the list keeps them).
   */
  start(
    events: { add(listener: (event: GateEventMessage) => void): () => unknown; emit(event: GateEventMessage): void },
    onCheckin: (checkin: RelayedCheckin, recent: boolean) => PhoneCheckinView,
  ): void;
  status(): SyncStatusView;
  /** The latest phone check-ins at this checkpoint, newest first. */
  phoneCheckins(): readonly PhoneCheckinView[];
  close(): Promise<void>;
}

export interface HubSyncDependencies {
  readonly db: SqliteDatabase;
  readonly policy: CheckpointPolicy;
  readonly crypto: CryptoPort;
  readonly trust: TrustStore;
  readonly revocations: RevocationSet;
  readonly passages: PassageView;
  readonly clock: HostClock;
  readonly logger: Logger;
  /** App version and hardware for the hub's fleet page (sent with every bundle poll). */
  readonly report?: SyncWorkerDependencies['report'];
}

export function syncSettingsOf(hub: NonNullable<GateConfig['hub']>): HubSyncSettings {
  return {
    batchSize: hub.batchSize,
    maxBatchBytes: 1024 * 1024,
    flushDelayMs: hub.flushDelayMs,
    pollIntervalMs: hub.pollIntervalSeconds * 1000,
    backoff: { baseMs: hub.backoffBaseMs, capMs: hub.backoffCapSeconds * 1000 },
    requestTimeoutMs: hub.requestTimeoutSeconds * 1000,
    maxDataAgeMs: hub.maxDataAgeHours * 3_600_000,
    relayWindowMs: 24 * 3_600_000,
    identityPollMs: 5000,
  };
}

export function createHubSync(config: GateConfig & { hub: NonNullable<GateConfig['hub']> }, deps: HubSyncDependencies): HubSync {
  const hubData = new HubDataStore(deps.db);
  const context = new HubBackedContext(deps, hubData, config.hub.onStaleData, deps.logger);
  const outbox = new Outbox(deps.db, config.terminal.id);
  let emit: (status: SyncStatusView) => void = () => undefined;
  let showCheckin: ((checkin: RelayedCheckin, recent: boolean) => PhoneCheckinView) | undefined;
  const withDeclareHere = (status: SyncStatusView): SyncStatusView => ({ ...status, declareHere: declareHere.viewFor(context.declarationPageUrl) });
  const declareHere = new DeclareHereQr(() => emit(withDeclareHere(worker.status())));
  const worker = new SyncWorker({
    settings: syncSettingsOf(config.hub),
    dataDir: config.storage.dataDir,
    localTerminalId: config.terminal.id,
    outbox,
    hubData,
    context,
    clock: deps.clock,
    logger: deps.logger,
    onStatus: (status) => emit(withDeclareHere(status)),
    ...(deps.report ? { report: deps.report } : {}),
  });
  const checkins = new CheckinFeedPoller({
    // No client until started, so no check-in arrives before the gate can show it.
    client: () => (showCheckin ? worker.hubClient() : undefined),
    store: new CheckinStore(deps.db),
    onCheckin: (checkin, recent) => showCheckin!(checkin, recent),
    logger: deps.logger,
    waitMs: 20_000,
    retryMs: Math.max(200, Math.min(5000, config.hub.backoffCapSeconds * 1000)),
  });
  let unsubscribe: () => unknown = () => undefined;
  return {
    context,
    worker,
    liveSettings: (settings) => ({
      ...settings,
      get policy() {
        return context.policy();
      },
    }),
    start(events, onCheckin) {
      emit = (status) => events.emit({ name: 'sync', data: status });
      showCheckin = onCheckin;
      unsubscribe = events.add((event) => {
        if (event.name === 'entry') worker.notifyEntry();
      });
      worker.start();
      checkins.start();
    },
    status: () => withDeclareHere(worker.status()),
    phoneCheckins: () => checkins.recent(),
    async close() {
      unsubscribe();
      await checkins.close();
      return worker.close();
    },
  };
}
