/**
 * Wires hub sync into a gate app (called by the composition root when the config has a `hub` section). Built in the
 * decision-source step: the bundle in force, the hub-backed decision source, the outbox over the register and the
 * worker, with no timer running. Started in the sync step, once the gate exists: entries and status on the gate's
 * event channel, phone check-ins to the gate, the heartbeat's report from the hardware.
 */
import type { GateEventMessage, PhoneCheckinView, SyncStatusView } from '../../core/index.js';
import type { GateConfig } from '../config/load-config.js';
import type { DecisionContextSource, LocalInputs } from '../gate/decision-source.js';
import type { HostClock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import type { SqliteDatabase } from '../storage/open-database.js';
import type { RelayedCheckin } from '../../core/contract/hub-protocol.js';
import { CheckinFeedPoller } from './checkin-feed.js';
import { CheckinStore } from './checkin-store.js';
import { DeclareHereQr } from './declare-here-qr.js';
import { HubBackedContext } from './hub-backed-context.js';
import { HubDataStore } from './hub-data-store.js';
import { HubDecisionSource } from './hub-decision-source.js';
import type { TerminalReport } from './heartbeat.js';
import { Outbox } from './outbox.js';
import { SyncWorker, type HubSyncSettings } from './sync-worker.js';

/** What exists only once the gate does: given to `start`. */
export interface HubSyncStart {
  readonly events: { add(listener: (event: GateEventMessage) => void): () => unknown; emit(event: GateEventMessage): void };
  /** Shows a phone check-in (the gate) and returns it as the list keeps it. */
  readonly onCheckin: (checkin: RelayedCheckin, recent: boolean) => PhoneCheckinView;
  /** App version and hardware for the hub's fleet page (sent with every bundle poll); none = no heartbeat. */
  readonly report?: () => TerminalReport;
}

export interface HubSync {
  /** The bundle in force, its staleness judged at each decision's time (./hub-decision-source.ts). */
  readonly source: DecisionContextSource;
  readonly worker: SyncWorker;
  /** Starts the worker and feeds it the gate's entries; sync status goes out on the gate's event channel. */
  start(wiring: HubSyncStart): void;
  status(): SyncStatusView;
  /** The latest phone check-ins at this checkpoint, newest first. */
  phoneCheckins(): readonly PhoneCheckinView[];
  close(): Promise<void>;
}

/** The register's database, what the terminal decides from without a hub (config, own key, lists), clock, logger. */
export interface HubSyncDependencies extends LocalInputs {
  readonly db: SqliteDatabase;
  readonly clock: HostClock;
  readonly logger: Logger;
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
  const context = new HubBackedContext(deps, hubData, deps.logger);
  const outbox = new Outbox(deps.db, config.terminal.id);
  // Bound by start(): nothing is emitted, shown or reported before the gate exists (no timer runs before start).
  let started: HubSyncStart | undefined;
  const emit = (status: SyncStatusView) => started?.events.emit({ name: 'sync', data: status });
  const withDeclareHere = (status: SyncStatusView): SyncStatusView => ({ ...status, declareHere: declareHere.viewFor(context.declarationPageUrl) });
  const declareHere = new DeclareHereQr(() => emit(withDeclareHere(worker.status())));
  const settings = syncSettingsOf(config.hub);
  const worker = new SyncWorker({
    settings,
    dataDir: config.storage.dataDir,
    localTerminalId: config.terminal.id,
    outbox,
    hubData,
    context,
    clock: deps.clock,
    logger: deps.logger,
    onStatus: (status) => emit(withDeclareHere(status)),
    report: () => started?.report?.(),
  });
  const source = new HubDecisionSource(context, deps.declarations, hubData, worker, { maxDataAgeMs: settings.maxDataAgeMs, onStaleData: config.hub.onStaleData });
  const checkins = new CheckinFeedPoller({
    // No client until started, so no check-in arrives before the gate can show it.
    client: () => (started ? worker.hubClient() : undefined),
    store: new CheckinStore(deps.db),
    onCheckin: (checkin, recent) => started!.onCheckin(checkin, recent),
    logger: deps.logger,
    waitMs: 20_000,
    retryMs: Math.max(200, Math.min(5000, config.hub.backoffCapSeconds * 1000)),
  });
  let unsubscribe: () => unknown = () => undefined;
  return {
    source,
    worker,
    start(wiring) {
      started = wiring;
      unsubscribe = wiring.events.add((event) => {
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
