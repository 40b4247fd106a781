/**
 * Enrolment and signed requests against a real hub, on SQLite and on PostgreSQL: a token enrols exactly one terminal
 * and only before it expires, for its own checkpoint; every later request must carry a valid signature of the
 * enrolled key, a fresh timestamp and a new nonce; a revoked terminal's next write is refused. Each refusal has its
 * own code and a sentence, and leaves nothing behind in the hub.
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { statSync } from 'node:fs';
import { afterAll, beforeAll, it } from 'vitest';
import { HUB_PATHS, type EntryBatch, type UploadedEntry } from '../../../core/contract/hub-protocol.js';
import { systemClock } from '../../../main/platform/clock.js';
import { enrolWithHub } from '../../../main/sync/enrolment-client.js';
import { identityPath, type TerminalIdentity } from '../../../main/sync/hub-identity.js';
import { HubClient } from '../../../main/sync/hub-client.js';
import { HubClock } from '../../../main/sync/hub-clock.js';
import { privateKeyFromPem } from '../../../main/sync/sync-crypto.js';
import { SyncError } from '../../../main/sync/sync-failure.js';
import { BUILDING, CHECKPOINT, CHECKPOINT_B, describeEachStorage, enrolmentToken, startTestHub, type TestHub } from '../../support/hub-fixture.js';
import { tempDir } from '../../support/paths.js';
import { prepareSigned, send } from '../../support/signed-request.js';

const MINUTE = 60_000;

function entry(terminalId: string, seq: number): UploadedEntry {
  return {
    id: `0190a000-0000-7000-8000-${String(seq).padStart(12, '0')}`,
    terminalId,
    seq,
    checkpointId: CHECKPOINT,
    direction: 'in',
    outcome: 'admit',
    reasons: ['DECLARATION_VALID'],
    credentialKind: 'declaration',
    credentialId: `token-${seq}`,
    subjectHmac: `subject-${seq}`,
    displayName: 'Nguyễn Văn An',
    scanSource: 'simulated',
    wallTime: Date.now(),
    monoTime: seq * 1000,
    bootId: 'boot-1',
    eventTime: Date.now(),
    timeSource: 'wall',
    overrideOf: null,
  };
}

function batch(identity: TerminalIdentity, seqs: number[]): EntryBatch {
  return { terminalId: identity.terminalId, entries: seqs.map((s) => entry(identity.terminalId, s)) };
}

async function enrol(hub: TestHub, token: string, checkpointId = CHECKPOINT, dataDir = tempDir('enrol')): Promise<TerminalIdentity> {
  return enrolWithHub({ hubUrl: hub.url, token, dataDir, localTerminalId: 'gate-test-01', checkpointId, firstSeq: 1, clock: systemClock() });
}

async function refusal(promise: Promise<unknown>): Promise<SyncError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof SyncError, `expected a SyncError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the hub to refuse');
}

describeEachStorage('enrolment and signed requests', (kind) => {
  let hub: TestHub;
  let clockOffset = 0;
  beforeAll(async () => {
    hub = await startTestHub(kind, { now: () => Date.now() + clockOffset });
  });
  afterAll(() => hub.dispose());

  it('enrols a terminal: its own keys, the checkpoint and building, the pinned hub key; identity stored 0600', async () => {
    const dataDir = tempDir('enrol');
    const identity = await enrol(hub, await enrolmentToken(hub), CHECKPOINT, dataDir);
    assert.match(identity.terminalId, /^gate-test-01\.[0-9a-f]{8}$/);
    assert.equal(identity.checkpointId, CHECKPOINT);
    assert.equal(identity.buildingId, BUILDING);
    assert.equal(identity.hubPublicKey, hub.keys.publicKeyRaw);
    assert.equal(statSync(identityPath(dataDir)).mode & 0o777, 0o600);
    const stored = await hub.store.terminals.terminal(identity.terminalId);
    assert.equal(stored?.keyId, identity.keyId);
    assert.equal(stored?.revokedAt, null);
  });

  it('refuses a used token (ENROLMENT_TOKEN_USED) and creates no second terminal', async () => {
    const token = await enrolmentToken(hub);
    const first = await enrol(hub, token);
    const error = await refusal(enrol(hub, token));
    assert.equal(error.hubCode, 'ENROLMENT_TOKEN_USED');
    assert.equal(error.status, 409);
    assert.match(error.message, /already used/);
    assert.ok(await hub.store.terminals.terminal(first.terminalId));
  });

  it('refuses an expired token (ENROLMENT_TOKEN_EXPIRED), malformed and unknown ones', async () => {
    const token = await enrolmentToken(hub, CHECKPOINT, 5);
    clockOffset = 6 * MINUTE;
    try {
      const expired = await refusal(enrol(hub, token));
      assert.equal(expired.hubCode, 'ENROLMENT_TOKEN_EXPIRED');
      assert.equal(expired.status, 410);
    } finally {
      clockOffset = 0;
    }
    assert.equal((await refusal(enrol(hub, 'not-a-token'))).hubCode, 'ENROLMENT_TOKEN_MALFORMED');
    const unknown = token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    assert.equal((await refusal(enrol(hub, unknown))).hubCode, 'ENROLMENT_TOKEN_UNKNOWN');
  });

  it("refuses a token of another checkpoint without consuming it (CHECKPOINT_MISMATCH)", async () => {
    const token = await enrolmentToken(hub, CHECKPOINT_B);
    assert.equal((await refusal(enrol(hub, token, CHECKPOINT))).hubCode, 'CHECKPOINT_MISMATCH');
    const identity = await enrol(hub, token, CHECKPOINT_B);
    assert.equal(identity.checkpointId, CHECKPOINT_B);
  });

  it('refuses unsigned, wrongly signed and tampered requests; nothing is inserted', async () => {
    const identity = await enrol(hub, await enrolmentToken(hub));
    const unsigned = await fetch(hub.url + HUB_PATHS.entries, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(batch(identity, [1])) });
    assert.equal(unsigned.status, 401);
    assert.equal(((await unsigned.json()) as { code: string }).code, 'SIGNATURE_MISSING');
    const stranger = generateKeyPairSync('ed25519').privateKey;
    const forged = await send(prepareSigned(hub.url, identity, 'POST', HUB_PATHS.entries, batch(identity, [1]), { key: stranger }));
    assert.deepEqual([forged.status, forged.body.code], [401, 'SIGNATURE_INVALID']);
    const tampered = prepareSigned(hub.url, identity, 'POST', HUB_PATHS.entries, batch(identity, [1]));
    const altered = await send({ ...tampered, body: tampered.body.replace('Nguyễn Văn An', 'Kẻ Giả Mạo') });
    assert.deepEqual([altered.status, altered.body.code], [400, 'BODY_DIGEST_MISMATCH']);
    const otherPath = prepareSigned(hub.url, identity, 'GET', `${HUB_PATHS.passages}?after=0`);
    const replayedElsewhere = await send({ ...otherPath, url: `${hub.url}${HUB_PATHS.passages}?after=5` });
    assert.equal(replayedElsewhere.body.code, 'SIGNATURE_INVALID', 'the query string is part of what is signed');
    assert.equal((await hub.store.terminals.terminal(identity.terminalId))?.contiguousSeq, 0);
    assert.equal((await hub.store.entries.stats()).perTerminal.find((t) => t.terminalId === identity.terminalId), undefined);
  });

  it('refuses a replayed request (REQUEST_REPLAYED), also after a hub restart', async () => {
    const identity = await enrol(hub, await enrolmentToken(hub));
    const request = prepareSigned(hub.url, identity, 'POST', HUB_PATHS.entries, batch(identity, [1, 2]));
    const first = await send(request);
    assert.equal(first.status, 200);
    assert.equal(first.body.contiguousSeq, 2);
    const replay = await send(request);
    assert.deepEqual([replay.status, replay.body.code], [401, 'REQUEST_REPLAYED']);
    hub = await hub.restart();
    const afterRestart = await send({ ...request, url: request.url.replace(/^http:\/\/[^/]+/, hub.url) });
    assert.equal(afterRestart.body.code, 'REQUEST_REPLAYED', 'nonces are kept in the store, not in memory');
  });

  it("refuses a stale timestamp (REQUEST_EXPIRED) with the hub's time; the client corrects its clock and retries", async () => {
    const identity = await enrol(hub, await enrolmentToken(hub));
    const stale = await send(prepareSigned(hub.url, identity, 'POST', HUB_PATHS.entries, batch(identity, [1]), { timestamp: Date.now() - 10 * MINUTE }));
    assert.deepEqual([stale.status, stale.body.code], [401, 'REQUEST_EXPIRED']);
    assert.ok(Math.abs(stale.body.hubTime! - Date.now()) < MINUTE);
    // A terminal whose wall clock is two hours behind (no RTC, no NTP yet) still gets its entries in.
    const base = systemClock();
    const behind = { wallNow: () => base.wallNow() - 2 * 60 * MINUTE, monoNow: base.monoNow, bootId: base.bootId };
    const clock = new HubClock(behind);
    const client = new HubClient({ baseUrl: hub.url, clock, timeoutMs: 5000, identity: { keyId: identity.keyId, signingKey: privateKeyFromPem(identity.signingPrivateKeyPem) } });
    const ack = await client.uploadEntries(batch(identity, [1, 2, 3]));
    assert.equal(ack.contiguousSeq, 3);
    assert.ok(Math.abs(clock.offset! - 2 * 60 * MINUTE) < MINUTE, `offset learnt from the refusal: ${clock.offset}`);
  });

  it('stops a revoked terminal at once: its next write is refused (TERMINAL_REVOKED) and not stored', async () => {
    const identity = await enrol(hub, await enrolmentToken(hub));
    const ok = await send(prepareSigned(hub.url, identity, 'POST', HUB_PATHS.entries, batch(identity, [1])));
    assert.equal(ok.status, 200);
    await hub.admin('POST', `/terminals/${encodeURIComponent(identity.terminalId)}/revoke`);
    const refused = await send(prepareSigned(hub.url, identity, 'POST', HUB_PATHS.entries, batch(identity, [2])));
    assert.deepEqual([refused.status, refused.body.code], [403, 'TERMINAL_REVOKED']);
    const bundle = await send(prepareSigned(hub.url, identity, 'GET', HUB_PATHS.bundle));
    assert.equal(bundle.body.code, 'TERMINAL_REVOKED', 'a revoked terminal gets no more data either');
    const held = (await hub.store.entries.stats()).perTerminal.find((t) => t.terminalId === identity.terminalId);
    assert.deepEqual(held && [held.count, held.maxSeq], [1, 1]);
  });
});
