/**
 * The hub's public declaration page on SQLite and PostgreSQL, through HTTP and a real gate app: a declaration is
 * issued as a KBYT1 token the terminal trusts through its bundle and admits; the CCCD lookup finds it in the synced
 * set; form errors are named in both languages; the proof of work, rate limits, replayed and forged check-ins and
 * replaced declarations are refused; expired declarations and their health answers are purged.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, it } from 'vitest';
import { SEE_GUARD_TEXT } from '../../../core/index.js';
import { tamperedToken } from '../../support/tokens.js';
import { CHECKPOINT, CHECKPOINT_B, describeEachStorage, startTestHub, type TestHub } from '../../support/hub-fixture.js';
import { startTestTerminal, type TestTerminal } from '../../support/hub-terminal.js';
import { checkIn, declare, PERSON, postJson, solvedChallenge } from '../../support/declaration-client.js';

const CCCD_QR = `${PERSON.idNumber}|012345678|Nguyễn Thị Bình|01011990|Nữ|Số 2 Tràng Tiền, Hoàn Kiếm, Hà Nội|01052021`;

describeEachStorage('declaration page', (kind) => {
  let hub: TestHub;
  let terminal: TestTerminal;
  let offset = 0;
  beforeAll(async () => {
    hub = await startTestHub(kind, { policy: { antiPassbackWindowMs: 0 }, now: () => Date.now() + offset, extra: { declarationPage: { rateLimits: { perIdPerHour: 3, perIpPerMinute: 1000 } } } });
    terminal = await startTestTerminal(hub);
  });
  afterAll(async () => {
    await terminal?.close();
    await hub?.dispose();
  });
  const decide = (payload: string) => {
    const { outcome, reasons } = terminal.app.gate.handleScan('simulated', payload).decision;
    return { outcome, reason: reasons[0] };
  };

  it('serves the page with a strict CSP, and the poster route with the checkpoint preselected', async () => {
    const root = await fetch(hub.url + '/');
    assert.equal(root.status, 200);
    assert.match(root.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    assert.match(await root.text(), /Khai báo y tế/);
    const poster = await (await fetch(`${hub.url}/c/${CHECKPOINT}`)).text();
    assert.match(poster, /data-checkpoint="cp-test"/);
    assert.match(poster, /Cổng thử nghiệm/);
    assert.equal((await fetch(`${hub.url}/c/no-such-door`)).status, 404);
  });

  it('issues a token the terminal admits, and the CCCD lookup finds the declaration in the synced set', async () => {
    await terminal.sync.syncNow();
    assert.deepEqual(decide(CCCD_QR), { outcome: 'deny', reason: 'DECLARATION_NOT_FOUND' });
    const issued = await declare(hub.url);
    assert.equal(issued.status, 200, JSON.stringify(issued.body));
    assert.match(issued.body.token, /^KBYT1:[0-9A-Z $%*+\-./:]+$/);
    assert.equal(issued.body.result, 'clear');
    await terminal.sync.syncNow();
    assert.deepEqual(decide(issued.body.token), { outcome: 'admit', reason: 'DECLARATION_VALID' });
    assert.deepEqual(decide(CCCD_QR), { outcome: 'admit', reason: 'DECLARATION_ON_FILE' });
  });

  it('applies the rules: a contact means isolate, a symptom means a medical check', async () => {
    const contact = await declare(hub.url, { idNumber: '001190099999', contact: 'yes' });
    assert.equal(contact.body.result, 'isolate');
    const symptom = await declare(hub.url, { idNumber: '001190099998', symptoms: 'yes' });
    assert.equal(symptom.body.result, 'medical-check');
    await terminal.sync.syncNow();
    assert.deepEqual(decide(contact.body.token), { outcome: 'deny', reason: 'DECLARATION_MUST_ISOLATE' });
  });

  it('names every bad field in Vietnamese and English', async () => {
    const bad = await declare(hub.url, { idNumber: '12345', phone: '12345', birthYear: '1800', fullName: '' });
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body.problems!.map((p) => p.field).sort(), ['birthYear', 'fullName', 'idNumber', 'phone']);
    assert.match(bad.body.problems!.find((p) => p.field === 'idNumber')!.vi, /CCCD có 12 chữ số/);
    assert.match(bad.body.problems!.find((p) => p.field === 'idNumber')!.en, /12 digits/);
    for (const [idKind, idNumber] of [['cmnd', '123456789'], ['passport', 'C1234567']]) {
      assert.equal((await declare(hub.url, { idKind, idNumber })).status, 200, `${idKind} ${idNumber}`);
    }
  });

  it('refuses a missing, forged or reused proof of work', async () => {
    const unsolved = await postJson(`${hub.url}/api/declarations`, { ...PERSON, idNumber: '001190055555' });
    assert.equal(unsolved.status, 403);
    const solved = await solvedChallenge(hub.url);
    const forged = await postJson(`${hub.url}/api/declarations`, { ...PERSON, idNumber: '001190055555', challenge: solved.challenge.replace(/^\d+/, '0'), nonce: '0' });
    assert.deepEqual([forged.status, forged.body.code], [403, 'PROOF_OF_WORK_FORGED']);
    assert.equal((await postJson(`${hub.url}/api/declarations`, { ...PERSON, idNumber: '001190055555', ...solved })).status, 200);
    const reused = await postJson(`${hub.url}/api/declarations`, { ...PERSON, idNumber: '001190055556', ...solved });
    assert.deepEqual([reused.status, reused.body.code], [403, 'PROOF_OF_WORK_REUSED']);
  });

  it('limits declarations per person (by the HMAC of the ID number)', async () => {
    const idNumber = '001190077777';
    for (let i = 0; i < 3; i++) assert.equal((await declare(hub.url, { idNumber })).status, 200);
    const limited = await declare(hub.url, { idNumber });
    assert.deepEqual([limited.status, limited.body.code], [429, 'RATE_LIMITED_PERSON']);
    assert.match(limited.body.problems![0]!.vi, /Quá nhiều lần khai báo/);
  });

  it('checks in by phone once per nonce; refuses forged, replaced and replayed check-ins', async () => {
    const first = await declare(hub.url, { idNumber: '001190066666' });
    const ok = await checkIn(hub.url, first.body.token, CHECKPOINT, { nonce: 'n'.repeat(32) });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    const replay = await checkIn(hub.url, first.body.token, CHECKPOINT, { nonce: 'n'.repeat(32) });
    assert.deepEqual([replay.status, replay.body.code], [409, 'CHECKIN_REPLAYED']);
    const forged = await checkIn(hub.url, tamperedToken(first.body.token), CHECKPOINT);
    assert.deepEqual([forged.status, forged.body.code], [403, 'TOKEN_INVALID']);
    const stale = await checkIn(hub.url, first.body.token, CHECKPOINT, { timestamp: Date.now() - 10 * 60_000 });
    assert.deepEqual([stale.status, stale.body.code], [403, 'CHECKIN_STALE']);
    const second = await declare(hub.url, { idNumber: '001190066666', fullName: 'Nguyễn Thị Bình Mới' });
    const replaced = await checkIn(hub.url, first.body.token, CHECKPOINT);
    assert.deepEqual([replaced.status, replaced.body.code], [403, 'DECLARATION_REPLACED']);
    assert.equal((await checkIn(hub.url, second.body.token, CHECKPOINT)).status, 200);
    const rows = await hub.store.selfDeclarations.checkinsSince(CHECKPOINT, 0, 100);
    assert.deepEqual(rows.map((r) => r.displayName), ['Nguyễn Thị Bình', 'Nguyễn Thị Bình Mới']);
  });

  it('stores concurrent declarations together (group commit), one current declaration per person', async () => {
    const answers = await Promise.all(Array.from({ length: 24 }, (_, i) => declare(hub.url, { idNumber: `0011900${String(i % 12).padStart(5, '0')}` })));
    assert.deepEqual(answers.map((a) => a.status), answers.map(() => 200));
    let current = 0;
    for (const a of answers) if ((await checkIn(hub.url, a.body.token, CHECKPOINT)).status === 200) current++;
    assert.equal(current, 12, 'one current declaration per person');
    await terminal.sync.syncNow();
    const idNumber = '001190000007';
    assert.deepEqual(decide(`${idNumber}|012345678|Người Thử|01011990|Nam|Hà Nội|01052021`), { outcome: 'admit', reason: 'DECLARATION_ON_FILE' });
  });

  it('purges expired declarations with their health answers; an expired token is refused at check-in', async () => {
    const issued = await declare(hub.url, { idNumber: '001190088888' });
    const idHmacs = async () => (await hub.store.selfDeclarations.purge(Date.now() + offset, 0)).declarations;
    assert.equal(await idHmacs(), 0);
    offset = 25 * 3_600_000;
    try {
      const expired = await checkIn(hub.url, issued.body.token, CHECKPOINT, { timestamp: Date.now() + offset });
      assert.deepEqual([expired.status, expired.body.code], [403, 'DECLARATION_EXPIRED']);
      assert.match(expired.body.vi!, /Khai báo y tế lại/);
      assert.ok((await idHmacs()) >= 1);
    } finally {
      offset = 0;
    }
  });

  // Last: they add declarations and check-ins that the counts above do not expect.
  it('inlines the stylesheet allowed by its hash only, and serves the service worker at / scope, revalidated', async () => {
    const root = await fetch(hub.url + '/');
    const csp = root.headers.get('content-security-policy') ?? '';
    const css = /<style>([\s\S]*?)<\/style>/.exec(await root.text())?.[1] ?? '';
    assert.ok(css.length > 1000, 'the stylesheet is inside the page');
    assert.ok(csp.includes(`style-src 'sha256-${createHash('sha256').update(css).digest('base64')}';`), csp);
    assert.doesNotMatch(csp, /unsafe-inline/);
    const worker = await fetch(hub.url + '/sw.js?v=1');
    assert.equal(worker.status, 200);
    assert.equal(worker.headers.get('cache-control'), 'no-cache');
    assert.match(worker.headers.get('content-type') ?? '', /javascript/);
  });

  it('a check-in whose declaration needs the guard carries core\'s "see the guard" words; a clear one does not', async () => {
    const medical = await declare(hub.url, { idNumber: '001190055551', symptoms: 'yes' });
    assert.equal(medical.body.result, 'medical-check');
    const seen = await checkIn(hub.url, medical.body.token, CHECKPOINT_B);
    assert.equal(seen.status, 200);
    assert.deepEqual(seen.body.seeGuard, SEE_GUARD_TEXT);
    const clear = await declare(hub.url, { idNumber: '001190055552' });
    assert.equal((await checkIn(hub.url, clear.body.token, CHECKPOINT_B)).body.seeGuard, undefined);
  });
});
