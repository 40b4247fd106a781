/**
 * Enrolment plus what must follow it on this terminal's register, shared by `gate-terminal enrol` and the setup flow
 * on the device: entries from the lowest undelivered seq on go to the new hub identity (the outbox's acknowledgements
 * are reset to just below it) and data from a previous hub (bundle, lists, passages) is forgotten. Refused while
 * rows recorded under another terminal.id wait for upload: a new identity could never send them.
 */
import type { GateConfig } from '../config/load-config.js';
import type { HostClock } from '../platform/clock.js';
import type { SqliteDatabase } from '../storage/open-database.js';
import { enrolWithHub } from './enrolment-client.js';
import type { TerminalIdentity } from './hub-identity.js';
import { HubDataStore } from './hub-data-store.js';
import { Outbox } from './outbox.js';
import { SyncError } from './sync-failure.js';

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
  const stranded = outbox.stranded();
  if (stranded.length > 0) {
    const list = stranded.map((s) => `${s.count} under "${s.terminalId}"`).join(', ');
    const total = stranded.reduce((n, s) => n + s.count, 0);
    throw new SyncError(
      'QUEUE_NOT_DRAINED',
      `${total} entries are not uploaded yet (${list}): set terminal.id back to "${stranded[0]!.terminalId}", let the terminal sync until the queue is 0, then change it and enrol — ` +
        `${total} lượt ra vào chưa gửi lên máy chủ: đặt lại terminal.id "${stranded[0]!.terminalId}", chờ đồng bộ xong (hàng đợi 0), rồi mới đổi và đăng ký lại`,
    );
  }
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
