/**
 * The terminal-facing hub API as a boundary (issue 17), on SQLite and on PostgreSQL, over real HTTP:
 * - an enrolled terminal uploads entries of its own checkpoint only (another checkpoint, of any organisation, or one
 *   that does not exist: the batch is refused with ENTRY_CHECKPOINT_MISMATCH and nothing is stored);
 * - U+0000, lone surrogates and a 1 MB name are stored the same by both stores (normalised at the boundary), and the
 *   rows behind them arrive;
 * - bodies: an unsigned one is refused before it is read, a signed one above the entry limit gets 413, enrolment
 *   takes 16 KB at most.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, it } from 'vitest';
import { HUB_PATHS } from '../../../hub/protocol.js';
import { CHECKPOINT, CHECKPOINT_B, describeEachStorage, startTestHub, type TestHub } from '../../support/hub-fixture.js';
import { startTestTerminal, type TestTerminal } from '../../support/hub-terminal.js';
import { entryOf, storedNames, upload } from '../../support/terminal-upload.js';

describeEachStorage('terminal-facing hub boundary', (kind) => {
  let hub: TestHub;
  let terminal: TestTerminal;
  beforeAll(async () => {
    hub = await startTestHub(kind);
    terminal = await startTestTerminal(hub, { hub: { flushDelayMs: 60_000 } });
  });
  afterAll(async () => {
    await terminal.close();
    await hub.dispose();
  });

  it("refuses entries of any checkpoint other than the terminal's own; stores none of the batch", async () => {
    for (const other of [CHECKPOINT_B, 'khong-ton-tai']) {
      const answer = await upload(hub, terminal, [entryOf(terminal, 1), entryOf(terminal, 2, { checkpointId: other })]);
      assert.equal(answer.status, 403, other);
      assert.equal(answer.body.code, 'ENTRY_CHECKPOINT_MISMATCH');
      assert.match(answer.body.message!, new RegExp(`enrolled at checkpoint ${CHECKPOINT}`));
    }
    assert.equal((await hub.store.entries.stats()).total, 0);
    assert.equal((await upload(hub, terminal, [entryOf(terminal, 1, { displayName: 'Người thật' })])).status, 200);
    assert.deepEqual(await storedNames(hub, CHECKPOINT_B), []);
  });

  it('stores NUL, lone surrogates and a 1 MB name the same way on both stores, and the rows behind them arrive', async () => {
    const hostile = [
      entryOf(terminal, 2, { displayName: 'Nguyễn\u0000Văn A', credentialId: 'id\u0000x' }),
      entryOf(terminal, 3, { displayName: 'lẻ \uD800 và \uDFFF', reasons: ['PAYLOAD_UNREADABLE'] }),
      entryOf(terminal, 4, { displayName: 'Ă'.repeat(1024 * 1024) }),
      entryOf(terminal, 5, { displayName: '😀'.repeat(300) }),
    ];
    const answer = await upload(hub, terminal, hostile);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.equal(answer.body.contiguousSeq, 5);
    const after = await upload(hub, terminal, [entryOf(terminal, 6, { displayName: 'Sau đó' })]);
    assert.equal(after.body.contiguousSeq, 6, 'the next batch is not blocked');
    assert.deepEqual(await storedNames(hub, CHECKPOINT), ['Người thật', 'Nguyễn\uFFFDVăn A', 'lẻ \uFFFD và \uFFFD', 'Ă'.repeat(200), '😀'.repeat(200), 'Sau đó']);
  });

  it('refuses an unsigned body before reading it, a signed one above 4 MB with 413, and enrolment bodies above 16 KB', async () => {
    const big = JSON.stringify({ terminalId: 'x', entries: [{ displayName: 'a'.repeat(5 * 1024 * 1024) }] });
    const unsigned = await fetch(hub.url + HUB_PATHS.entries, { method: 'POST', headers: { 'content-type': 'application/json' }, body: big });
    assert.equal(unsigned.status, 401);
    assert.equal(((await unsigned.json()) as { code: string }).code, 'SIGNATURE_MISSING');
    const signed = await upload(hub, terminal, [entryOf(terminal, 7, { displayName: 'a'.repeat(5 * 1024 * 1024) })]);
    assert.equal(signed.status, 413);
    const enrol = await fetch(hub.url + HUB_PATHS.enrol, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: 'a'.repeat(20_000) }) });
    assert.equal(enrol.status, 413);
    assert.equal((await upload(hub, terminal, [entryOf(terminal, 7)])).body.contiguousSeq, 7, 'the terminal goes on');
  });
});
