/**
 * Enrolment plus what must follow it on this terminal's register, shared by `gate-terminal enrol` and the setup flow
 * on the device: entries from the lowest undelivered seq on go to the new hub identity (the outbox's acknowledgements
 * are reset to just below it) and data from a previous hub (bundle, lists, passages) is forgotten.
 */
import type { GateConfig } from '../config/load-config.js';
import type { HostClock } from '../platform/clock.js';
import type { SqliteDatabase } from '../storage/open-database.js';
import { enrolWithHub } from './enrolment-client.js';
import type { TerminalIdentity } from './hub-identity.js';
import { HubDataStore } from './hub-data-store.js';
import { Outbox } from './outbox.js';

export interface EnrolledTerminal {
  readonly identity: TerminalIdentity;
  readonly firstSeq: number;
}

export async function enrolAndResetOutbox(
  db: SqliteDatabase,
  config: GateConfig & { hub: NonNullable<GateConfig['hub']> },
  token: string,
  options: { readonly clock: HostClock; readonly force: boolean },
): Promise<EnrolledTerminal> {
  const outbox = new Outbox(db, config.terminal.id);
  const firstSeq = outbox.firstUndeliveredSeq();
  const identity = await enrolWithHub({
    hubUrl: config.hub.url,
    token,
    dataDir: config.storage.dataDir,
    localTerminalId: config.terminal.id,
    checkpointId: config.checkpoint.id,
    firstSeq,
    clock: options.clock,
    timeoutMs: config.hub.requestTimeoutSeconds * 1000,
    force: options.force,
  });
  outbox.resetAcknowledged(firstSeq - 1);
  new HubDataStore(db).forgetHubData();
  return { identity, firstSeq };
}
