/**
 * The terminal's heartbeat to the hub (the admin fleet page): app version, hardware, queue depth, bundle in force
 * and the age of its data. Sent with each polling round (after the pulls, before the upload: the queue depth is what
 * was waiting). Informational: a lost heartbeat, or a hub that does not know the route yet (older version), costs a
 * log line, never the round.
 */
import type { SyncStatusView } from '../../core/index.js';
import type { TerminalHeartbeat } from '../../core/contract/hub-protocol.js';
import type { Logger } from '../platform/logger.js';
import type { HubClient } from './hub-client.js';
import { SyncError } from './sync-failure.js';

/** What the terminal itself knows beside the sync state; the composition root supplies it (no report, no heartbeat). */
export type TerminalReport = Pick<TerminalHeartbeat, 'appVersion' | 'hardware'>;

export function heartbeatOf(report: TerminalReport, terminalId: string, queuedEntries: number, status: SyncStatusView, now: number): TerminalHeartbeat {
  return {
    ...report,
    terminalId,
    queuedEntries,
    bundleVersion: status.dataVersion,
    dataAgeMs: status.dataConfirmedAt === null ? null : Math.max(0, now - status.dataConfirmedAt),
  };
}

export async function sendHeartbeat(client: HubClient, heartbeat: TerminalHeartbeat, logger: Logger): Promise<void> {
  try {
    await client.sendHeartbeat(heartbeat);
  } catch (error) {
    if (!(error instanceof SyncError)) throw error;
    logger.warn('heartbeat-failed', { code: error.hubCode ?? error.code });
  }
}
