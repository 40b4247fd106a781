/** Hand-made entry batches a test terminal uploads (signed), and the display names a hub stored, in receipt order. */
import type { UploadedEntry } from '../../core/contract/hub-protocol.js';
import { HUB_PATHS } from '../../hub/protocol.js';
import type { TestHub } from './hub-fixture.js';
import type { TestTerminal } from './hub-terminal.js';
import { prepareSigned, send } from './signed-request.js';

export function entryOf(terminal: TestTerminal, seq: number, fields: Partial<UploadedEntry> = {}): UploadedEntry {
  const now = Date.now();
  return {
    id: `e-${terminal.identity!.terminalId}-${seq}`, terminalId: terminal.identity!.terminalId, seq, checkpointId: terminal.identity!.checkpointId,
    direction: 'in', outcome: 'deny', reasons: ['PAYLOAD_UNREADABLE'], credentialKind: 'unknown', credentialId: null, subjectHmac: null,
    displayName: '', scanSource: 'simulated', wallTime: now, monoTime: 0, bootId: 'b', eventTime: now, timeSource: 'wall', overrideOf: null, ...fields,
  };
}

export async function upload(hub: TestHub, terminal: TestTerminal, entries: readonly UploadedEntry[]) {
  return send(prepareSigned(hub.url, terminal.identity!, 'POST', HUB_PATHS.entries, { terminalId: terminal.identity!.terminalId, entries }));
}

export async function storedNames(hub: TestHub, checkpointId: string): Promise<string[]> {
  const rows = await hub.store.entryQueries.listEntries({ checkpointId, from: 0, to: Number.MAX_SAFE_INTEGER, limit: 1000 });
  return rows.sort((a, b) => a.receiptId - b.receiptId).map((r) => r.displayName);
}

