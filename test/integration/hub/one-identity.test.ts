/**
 * One subject identity across every path that admits a person (issue 15 part 1), on SQLite and PostgreSQL, through
 * the real hub and a real enrolled gate app: a declaration issued by the hub's own page and scanned at the terminal,
 * the same person's CCCD QR, a paper declaration with the ID number, a staff badge issued for the number (hub API
 * `/admin/identity-refs` = the terminal's keys in force) and a phone check-in at the poster all record the
 * same keyed HMAC — so the admin person search and contact tracing by that ID number (typed with spaces, dots and
 * blanks) find every one of them, and a malformed number is refused with its reason, never echoed.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { afterAll, beforeAll, it } from 'vitest';
import { PAPER_QUESTIONS, type PaperAnswers } from '../../../core/index.js';
import { csrfIn, logInAs, putAdminAccount, type AdminWebClient } from '../../support/admin-web-client.js';
import { checkIn, declare, PERSON } from '../../support/declaration-client.js';
import { CHECKPOINT, CHECKPOINT_B, describeEachStorage, startTestHub, type TestHub } from '../../support/hub-fixture.js';
import { startTestTerminal, waitFor, type TestTerminal } from '../../support/hub-terminal.js';
import { subjectCryptoInForce } from '../../../main/sync/keys-in-force.js';
import { recordingLogger } from '../../support/recording-logger.js';
import { staffBadge } from '../../support/tokens.js';
import { parseCsv, xlsxText } from '../../support/export-files.js';
import { legacyPersonHmac, registerTerminal, upload } from '../../support/hub-admin-data.js';

const ID = PERSON.idNumber; // 001190012345
const TYPED = ` 001.190 012-345 `;
const NO_ANSWERS = Object.fromEntries(PAPER_QUESTIONS.map((q) => [q, false])) as PaperAnswers;
const dayOf = (at: number) => new Date(at + 7 * 3_600_000).toISOString().slice(0, 10);

async function searchPerson(admin: AdminWebClient, checkpointId: string, idNumber: string, day: string): Promise<{ status: number; location: string; page: string }> {
  const list = await (await admin.get(`/admin-web/checkpoints/${checkpointId}/entries?day=${day}`)).text();
  const answer = await admin.post(`/admin-web/checkpoints/${checkpointId}/entries/person`, { _csrf: csrfIn(list), filters: `day=${day}`, idNumber });
  const location = answer.headers.get('location') ?? '';
  const page = answer.status === 303 ? await (await admin.get(location)).text() : await answer.text();
  return { status: answer.status, location, page };
}

const rowsOf = (page: string, name: string) => page.split('<tr>').filter((row) => row.includes(`<td data-label="Họ tên">${name}</td>`));

describeEachStorage('one subject identity for every path that admits a person', (kind) => {
  let hub: TestHub;
  let terminal: TestTerminal;
  const logger = recordingLogger();
  beforeAll(async () => {
    hub = await startTestHub(kind, { policy: { antiPassbackWindowMs: 0 }, logger, extra: { declarationPage: { rateLimits: { perIpPerMinute: 1000 } } } });
    await putAdminAccount(hub, 'quanly.toanha', 'building-manager', 'toa-nha-thu', { tracing: true });
    terminal = await startTestTerminal(hub);
    await terminal.sync.syncNow();
  });
  afterAll(async () => {
    await terminal?.close();
    await hub?.dispose();
  });

  it('a hub declaration, its CCCD, a paper form and a phone check-in are one person for search and tracing', async () => {
    const issued = await declare(hub.url);
    assert.equal(issued.status, 200, JSON.stringify(issued.body));
    await terminal.sync.syncNow();
    const gate = terminal.app.gate;
    gate.setDirection('in');
    const byToken = gate.handleScan('simulated', issued.body.token);
    assert.equal(byToken.decision.outcome, 'admit', JSON.stringify(byToken.decision.reasons));
    gate.setDirection('out');
    const byCccd = gate.handleScan('simulated', `${ID}||${PERSON.fullName}|15081990|Nữ|Số 1 Phố Huế, Hà Nội|01052021`);
    assert.deepEqual([byCccd.decision.outcome, byCccd.decision.reasons[0]], ['admit', 'DECLARATION_ON_FILE'], 'the hub declaration is in the building set under the same reference');
    gate.setDirection('in');
    const byPaper = gate.submitPaperDeclaration({ fullName: PERSON.fullName, phone: PERSON.phone, idNumber: '001 190 012 345', answers: NO_ANSWERS });
    assert.equal(byPaper.decision.outcome, 'admit');
    // A staff badge issued for the ID number: the reference from the hub's API and from the terminal's keys agree.
    const { subjectRefs } = await hub.admin<{ subjectRefs: string[] }>('POST', '/identity-refs', { idNumbers: [' 001.190.012 345'] });
    const onTerminal = subjectCryptoInForce(terminal.dataDir, terminal.app.register.database, join(terminal.dataDir, 'subject-hmac.key'))!;
    assert.equal(onTerminal.identityRef(ID), subjectRefs[0], 'issue-staff-badge --id-number on the terminal = the hub reference');
    gate.setDirection('out');
    const byBadge = gate.handleScan('simulated', staffBadge({ name: PERSON.fullName, subjectRef: Buffer.from(subjectRefs[0]!, 'hex') }));
    assert.equal(byBadge.decision.outcome, 'admit', JSON.stringify(byBadge.decision.reasons));
    const subjects = new Set([byToken, byCccd, byPaper, byBadge].map((e) => e.decision.person.subjectKey));
    assert.equal(subjects.size, 1, 'token, CCCD, paper form and staff badge record the same subject HMAC');

    const phone = await checkIn(hub.url, issued.body.token, CHECKPOINT_B);
    assert.equal(phone.status, 200, JSON.stringify(phone.body));
    await terminal.sync.syncNow();
    await waitFor(() => terminal.sync.status().queued === 0, 'the terminal uploaded its entries');

    const admin = await logInAs(hub, 'quanly.toanha');
    const day = dayOf(byToken.committedAt);
    const atDoor = await searchPerson(admin, CHECKPOINT, TYPED, day);
    assert.equal(atDoor.status, 303);
    // The URL holds only the HMACs (64 hex digits each); a fragment like "190" may occur inside random hex.
    assert.match(atDoor.location, /[?&]subject=[0-9a-f]{64}(\.[0-9a-f]{64})*$/, 'only HMACs in the URL');
    assert.ok(!atDoor.location.includes(ID) && !/idNumber/.test(atDoor.location), 'the number is not in the URL');
    assert.equal(rowsOf(atDoor.page, PERSON.fullName).length, 4, 'token, CCCD, paper and badge entries at the door');
    const atPoster = await searchPerson(admin, CHECKPOINT_B, ID, day);
    assert.equal(rowsOf(atPoster.page, PERSON.fullName).length, 1, 'the phone check-in at the poster checkpoint');
    assert.match(rowsOf(atPoster.page, PERSON.fullName)[0]!, /Check-in bằng điện thoại/, 'with its own kind');

    // The check-in counts once in the statistics, "inside now" and both exports of the poster checkpoint.
    const { from, to } = { from: Date.parse(`${day}T00:00:00+07:00`), to: Date.parse(`${day}T00:00:00+07:00`) + 86_400_000 };
    const hours = await hub.store.analytics.passagesPerBucket(CHECKPOINT_B, from, to, 3_600_000);
    assert.deepEqual([hours.reduce((n, h) => n + h.in, 0), hours.reduce((n, h) => n + h.out, 0)], [1, 0]);
    assert.equal(await hub.store.analytics.insideCount(CHECKPOINT_B, from, to), 1);
    const csv = parseCsv(Buffer.from(await (await admin.get(`/admin-web/checkpoints/${CHECKPOINT_B}/entries.csv?day=${day}`)).arrayBuffer()));
    assert.equal(csv.filter((row) => row.includes(PERSON.fullName) && row.includes('Check-in bằng điện thoại')).length, 1, JSON.stringify(csv));
    const xlsx = xlsxText(Buffer.from(await (await admin.get(`/admin-web/checkpoints/${CHECKPOINT_B}/entries.xlsx?day=${day}`)).arrayBuffer()));
    assert.match(xlsx, /Check-in bằng điện thoại/);

    const tracing = await (await admin.get('/admin-web/tracing')).text();
    const traced = await admin.post('/admin-web/tracing', { _csrf: csrfIn(tracing), idNumber: TYPED, from: day, to: day, window: '15', reason: 'F0 xác nhận ngày hôm nay' });
    const result = await traced.text();
    assert.equal(traced.status, 200, result);
    const summary = /id="tracing-summary">(\d+) lượt ghé/.exec(result);
    assert.ok(summary && Number(summary[1]) >= 2, `tracing finds the visits at both checkpoints: ${summary?.[0]}`);
    assert.match(result, /Cổng phụ B/);
    assert.match(result, /Cổng thử nghiệm/);

    const malformed = await searchPerson(admin, CHECKPOINT, '0011900123', day);
    assert.equal(malformed.status, 400);
    assert.match(malformed.page, /CCCD 12 chữ số/);
    assert.doesNotMatch(malformed.page, /0011900123/, 'the refused number is not echoed');
    const everything = JSON.stringify(logger.lines);
    for (const typed of [ID, '001.190', '0011900123']) assert.ok(!everything.includes(typed), `the hub log does not hold ${typed}`);
  });

  it('finds the entries terminals stored before the identity key (reference under the building key) until retention', async () => {
    const at = Date.now() - 60_000;
    const old = await registerTerminal(hub, CHECKPOINT, 'gate-before-15', at);
    await upload(hub, old, [{ at, name: 'Khách Trước Nâng Cấp', kind: 'cccd', subjectHmac: await legacyPersonHmac(hub, '031188002222') }], at);
    // A second sign-in of the same account: the next step's code (a TOTP code is accepted once).
    const admin = await logInAs(hub, 'quanly.toanha', undefined, Date.now() + 30_000);
    const found = await searchPerson(admin, CHECKPOINT, '031 188 002 222', dayOf(at));
    assert.equal(rowsOf(found.page, 'Khách Trước Nâng Cấp').length, 1);
  });
});
