/**
 * Exactly-once entry upload, on SQLite and on PostgreSQL: the hub inserts idempotently by (terminal, seq) and
 * answers the highest contiguous seq; the terminal marks rows delivered only up to it, re-sends the rest, fills a
 * gap the hub reports (even one the hub "forgot" after acknowledging it), and keeps everything while the hub is
 * away, backing off without blocking the gate.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, it } from 'vitest';
import type { UploadedEntry } from '../../../core/contract/hub-protocol.js';
import { systemClock } from '../../../main/platform/clock.js';
import { HubClient } from '../../../main/sync/hub-client.js';
import { HubClock } from '../../../main/sync/hub-clock.js';
import { privateKeyFromPem } from '../../../main/sync/sync-crypto.js';
import { describeEachStorage, loseHubEntries, startTestHub, type TestHub } from '../../support/hub-fixture.js';
import { startTestTerminal, waitFor, type TestTerminal } from '../../support/hub-terminal.js';
import { validToken } from '../../support/tokens.js';

function clientOf(hub: TestHub, terminal: TestTerminal): HubClient {
  const identity = terminal.identity!;
  return new HubClient({
    baseUrl: hub.url,
    clock: new HubClock(systemClock()),
    timeoutMs: 5000,
    identity: { keyId: identity.keyId, signingKey: privateKeyFromPem(identity.signingPrivateKeyPem) },
  });
}

function rowsOf(terminal: TestTerminal): { id: string; seq: number; delivered_at: number | null }[] {
  return terminal.app.register.database.prepare('SELECT id, seq, delivered_at FROM entries ORDER BY seq').all() as { id: string; seq: number; delivered_at: number | null }[];
}

/** The terminal's own rows as the outbox would upload them (read straight from the register). */
function uploaded(terminal: TestTerminal, seqs: number[]): UploadedEntry[] {
  const byId = new Map(rowsOf(terminal).map((r) => [r.seq, r.id]));
  return seqs.map((seq) => ({
    id: byId.get(seq) ?? `missing-${seq}`,
    terminalId: terminal.identity!.terminalId,
    seq,
    checkpointId: terminal.config.checkpoint.id,
    direction: 'in',
    outcome: 'deny',
    reasons: ['PAYLOAD_UNREADABLE'],
    credentialKind: 'unknown',
    credentialId: null,
    subjectHmac: null,
    displayName: '',
    scanSource: 'simulated',
    wallTime: Date.now(),
    monoTime: 0,
    bootId: 'b',
    eventTime: Date.now(),
    timeSource: 'wall',
    overrideOf: null,
  }));
}

async function hubRows(hub: TestHub, terminalId: string) {
  return (await hub.store.entries.stats()).perTerminal.find((t) => t.terminalId === terminalId);
}

function scan(terminal: TestTerminal, n: number): string[] {
  return Array.from({ length: n }, (_, i) => terminal.app.gate.handleScan('simulated', i % 3 === 0 ? 'garbage' : validToken({ name: `Người ${i}` })).entryId);
}

describeEachStorage('entry upload', (kind) => {
  let hub: TestHub;
  beforeAll(async () => (hub = await startTestHub(kind)));
  afterAll(() => hub.dispose());

  it('is idempotent: the same batch twice is stored once, the ack does not change', async () => {
    const terminal = await startTestTerminal(hub, { hub: { flushDelayMs: 60_000 } });
    try {
      const client = clientOf(hub, terminal);
      const first = await client.uploadEntries({ terminalId: terminal.identity!.terminalId, entries: uploaded(terminal, [1, 2, 3]) });
      const again = await client.uploadEntries({ terminalId: terminal.identity!.terminalId, entries: uploaded(terminal, [1, 2, 3]) });
      assert.deepEqual([first.inserted, first.duplicates, first.contiguousSeq], [3, 0, 3]);
      assert.deepEqual([again.inserted, again.duplicates, again.contiguousSeq], [0, 3, 3]);
      const overlap = await client.uploadEntries({ terminalId: terminal.identity!.terminalId, entries: uploaded(terminal, [2, 3, 4, 4]) });
      assert.deepEqual([overlap.inserted, overlap.contiguousSeq], [1, 4], 'a seq repeated inside one batch counts once');
      const held = await hubRows(hub, terminal.identity!.terminalId);
      assert.deepEqual(held && [held.count, held.minSeq, held.maxSeq], [4, 1, 4]);
    } finally {
      await terminal.close();
    }
  });

  it('reports a gap: rows above it are held but the contiguous seq waits until the gap is filled', async () => {
    const terminal = await startTestTerminal(hub, { hub: { flushDelayMs: 60_000 } });
    try {
      const client = clientOf(hub, terminal);
      const id = terminal.identity!.terminalId;
      const ahead = await client.uploadEntries({ terminalId: id, entries: uploaded(terminal, [4, 5, 6]) });
      assert.deepEqual([ahead.inserted, ahead.contiguousSeq, ahead.highestSeq], [3, 0, 6]);
      const partly = await client.uploadEntries({ terminalId: id, entries: uploaded(terminal, [1, 2]) });
      assert.deepEqual([partly.contiguousSeq, partly.highestSeq], [2, 6]);
      const filled = await client.uploadEntries({ terminalId: id, entries: uploaded(terminal, [3]) });
      assert.deepEqual([filled.contiguousSeq, filled.highestSeq], [6, 6]);
      const held = await hubRows(hub, id);
      assert.equal(held?.count, 6);
    } finally {
      await terminal.close();
    }
  });

  it('drains the register through the sync worker: every row once, delivered only up to the ack', async () => {
    const terminal = await startTestTerminal(hub, { hub: { batchSize: 100, flushDelayMs: 60_000 } });
    try {
      const ids = scan(terminal, 750);
      assert.equal(terminal.sync.status().queued, 750);
      await terminal.sync.syncNow();
      const status = terminal.sync.status();
      assert.deepEqual([status.state, status.queued, status.lastError], ['online', 0, null]);
      const held = await hubRows(hub, terminal.identity!.terminalId);
      assert.deepEqual(held && [held.count, held.minSeq, held.maxSeq], [750, 1, 750]);
      assert.ok(rowsOf(terminal).every((r) => r.delivered_at !== null));
      assert.deepEqual(rowsOf(terminal).map((r) => r.id), ids);
    } finally {
      await terminal.close();
    }
  });

  it('re-sends what a hub restored from a backup no longer holds (gap detected from the ack)', async () => {
    const terminal = await startTestTerminal(hub, { hub: { batchSize: 40, flushDelayMs: 60_000 } });
    try {
      const id = terminal.identity!.terminalId;
      scan(terminal, 100);
      await terminal.sync.syncNow();
      assert.equal((await hubRows(hub, id))?.count, 100);
      await loseHubEntries(hub, id, 61); // the hub now holds 1..60 and says so
      scan(terminal, 5);
      await terminal.sync.syncNow();
      const held = await hubRows(hub, id);
      assert.deepEqual(held && [held.count, held.minSeq, held.maxSeq], [105, 1, 105]);
      assert.equal((await hub.store.terminals.terminal(id))?.contiguousSeq, 105);
      assert.equal(terminal.sync.status().queued, 0);
    } finally {
      await terminal.close();
    }
  });

  it('keeps entries while the hub is away (offline, backing off), and delivers them when it returns', async () => {
    const terminal = await startTestTerminal(hub, { hub: { flushDelayMs: 10, backoffBaseMs: 20, backoffCapSeconds: 0.1 } });
    try {
      await hub.close();
      const ids = scan(terminal, 30); // synchronous: a decision never waits for the hub
      await waitFor(() => terminal.sync.status().state === 'offline', 'the offline state');
      const offline = terminal.sync.status();
      assert.equal(offline.queued, 30);
      assert.equal(offline.lastError?.code, 'HUB_UNREACHABLE');
      hub = await hub.restart();
      await waitFor(() => terminal.sync.status().queued === 0, 'the queue to drain after the hub returned');
      const online = terminal.sync.status();
      assert.deepEqual([online.state, online.lastError], ['online', null]);
      assert.ok(online.lastSuccessAt !== null && online.lastSuccessAt >= offline.lastSuccessAt!);
      const held = await hubRows(hub, terminal.identity!.terminalId);
      assert.deepEqual(held && [held.count, held.maxSeq], [30, 30]);
      assert.equal(ids.length, 30);
    } finally {
      await terminal.close();
    }
  });
});
