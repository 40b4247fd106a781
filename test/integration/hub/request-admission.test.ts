/**
 * A signed request's store step (TerminalDirectory.admitRequest) and an upload's one transaction (ingestAdmitted), on
 * SQLite and PostgreSQL: requests admitted at once (on PostgreSQL they share one statement) keep every nonce single-use,
 * also the same nonce twice in one batch; an unknown key and a revoked terminal are told apart; a replayed or revoked
 * upload stores nothing; the contiguous seq is right with and without gaps (the walk is skipped only when certain), also
 * when two uploads of one terminal overlap.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, it } from 'vitest';
import type { ReceivedEntry } from '../../../hub/protocol.js';
import type { TerminalRecord } from '../../../hub/storage/hub-store.js';
import { CHECKPOINT, describeEachStorage, newTerminal, startTestHub, type TestHub } from '../../support/hub-fixture.js';

const NOW = Date.now();
const LATER = NOW + 300_000;

const entry = (terminal: TerminalRecord, seq: number): ReceivedEntry => ({
  seq, id: `${terminal.terminalId}-${seq}`, terminalId: terminal.terminalId, checkpointId: terminal.checkpointId, direction: 'in', outcome: 'admit',
  reasons: [], credentialKind: 'cccd', credentialId: null, subjectHmac: `hmac-${seq}`, displayName: 'Nguyễn Văn An', scanSource: 'camera',
  wallTime: NOW, monoTime: seq, bootId: 'boot', eventTime: NOW, timeSource: 'wall', overrideOf: null,
});

describeEachStorage('request admission', (kind) => {
  let hub: TestHub;
  const enrol = async (terminalId: string) => {
    const tokenId = `token-${terminalId}`;
    await hub.store.terminals.createEnrolmentToken({ tokenId, secretSha256: `sha-${tokenId}`, checkpointId: CHECKPOINT, createdAt: NOW, expiresAt: LATER });
    return (await hub.store.terminals.claimToken(tokenId, newTerminal(terminalId, 1), NOW))!;
  };
  beforeAll(async () => {
    hub = await startTestHub(kind);
  });
  afterAll(async () => {
    await hub.dispose();
  });

  it('admits each nonce once, also when the same nonce comes twice at once; tells unknown and revoked apart', async () => {
    const a = await enrol('adm-a');
    const b = await enrol('adm-b');
    const t = hub.store.terminals;
    const answers = await Promise.all([t.admitRequest(a.keyId, 'n1', LATER), t.admitRequest(a.keyId, 'n1', LATER), t.admitRequest(b.keyId, 'n1', LATER), t.admitRequest(a.keyId, 'n2', LATER), t.admitRequest('key-nobody', 'n1', LATER)]);
    assert.deepEqual(answers.slice(0, 2).map((x) => x?.fresh).sort(), [false, true], 'the same (key, nonce) twice at once: one admitted, one a replay');
    assert.deepEqual(answers.slice(2, 4), [{ revokedAt: null, fresh: true }, { revokedAt: null, fresh: true }], 'another key, another nonce: both new');
    assert.equal(answers[4], undefined, 'no terminal has this key');
    assert.deepEqual(await t.admitRequest(a.keyId, 'n1', LATER), { revokedAt: null, fresh: false }, 'later: still a replay');
    assert.equal(await t.revokeTerminal(b.terminalId, NOW + 1), true);
    assert.deepEqual(await t.admitRequest(b.keyId, 'n3', LATER), { revokedAt: NOW + 1, fresh: true }, 'the revocation is read with the nonce');
  });

  it('an upload stores its entries only when its nonce is new and the terminal not revoked', async () => {
    const c = await enrol('adm-c');
    const first = await hub.store.entries.ingestAdmitted(c, [entry(c, 1), entry(c, 2)], NOW, { keyId: c.keyId, nonce: 'u1', expiresAt: LATER });
    assert.deepEqual(first.result, { inserted: 2, duplicates: 0, contiguousSeq: 2, highestSeq: 2 });
    const replay = await hub.store.entries.ingestAdmitted(c, [entry(c, 3)], NOW, { keyId: c.keyId, nonce: 'u1', expiresAt: LATER });
    assert.deepEqual(replay, { admission: { revokedAt: null, fresh: false } }, 'a replay stores nothing');
    await hub.store.terminals.revokeTerminal(c.terminalId, NOW + 2);
    const revoked = await hub.store.entries.ingestAdmitted(c, [entry(c, 3)], NOW, { keyId: c.keyId, nonce: 'u2', expiresAt: LATER });
    assert.equal(revoked.result, undefined);
    assert.equal(revoked.admission?.revokedAt, NOW + 2);
    const stats = await hub.store.entries.stats();
    assert.deepEqual(stats.perTerminal.find((p) => p.terminalId === c.terminalId), { terminalId: c.terminalId, count: 2, minSeq: 1, maxSeq: 2 });
  });

  it('the contiguous seq stops at a gap and moves on once the gap is filled', async () => {
    const d = await enrol('adm-d');
    const up = async (seqs: number[], nonce: string) => (await hub.store.entries.ingestAdmitted(d, seqs.map((s) => entry(d, s)), NOW, { keyId: d.keyId, nonce, expiresAt: LATER })).result;
    assert.deepEqual(await up([1, 2, 3], 'g1'), { inserted: 3, duplicates: 0, contiguousSeq: 3, highestSeq: 3 });
    assert.deepEqual(await up([5, 6], 'g2'), { inserted: 2, duplicates: 0, contiguousSeq: 3, highestSeq: 6 });
    assert.deepEqual(await up([7], 'g3'), { inserted: 1, duplicates: 0, contiguousSeq: 3, highestSeq: 7 });
    assert.deepEqual(await up([4, 3], 'g4'), { inserted: 1, duplicates: 1, contiguousSeq: 7, highestSeq: 7 });
    assert.deepEqual(await up([8, 9], 'g5'), { inserted: 2, duplicates: 0, contiguousSeq: 9, highestSeq: 9 });
  });

  it('two uploads of one terminal at once (a retry on another replica) store each seq once and end contiguous', async () => {
    const e = await enrol('adm-e');
    const seqs = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => entry(e, from + i));
    const [x, y] = await Promise.all([
      hub.store.entries.ingestAdmitted(e, seqs(1, 50), NOW, { keyId: e.keyId, nonce: 'r1', expiresAt: LATER }),
      hub.store.entries.ingestAdmitted(e, seqs(26, 75), NOW, { keyId: e.keyId, nonce: 'r2', expiresAt: LATER }),
    ]);
    assert.equal(x.result!.inserted + y.result!.inserted, 75, 'the 25 seqs in both batches stored once');
    assert.equal(Math.max(x.result!.contiguousSeq, y.result!.contiguousSeq), 75, 'the later of the two sees the run complete');
    const stats = await hub.store.entries.stats();
    assert.deepEqual(stats.perTerminal.find((p) => p.terminalId === e.terminalId), { terminalId: e.terminalId, count: 75, minSeq: 1, maxSeq: 75 });
    const again = await hub.store.entries.ingestAdmitted(e, seqs(70, 76), NOW, { keyId: e.keyId, nonce: 'r3', expiresAt: LATER });
    assert.deepEqual(again.result, { inserted: 1, duplicates: 6, contiguousSeq: 76, highestSeq: 76 });
  });
});
