/**
 * The health officer who traces across venues, over real HTTP on SQLite and PostgreSQL: a health authority of Hà Nội
 * enrols its authenticator at the first sign-in (QR and secret, then ten recovery codes, each shown once), signs in
 * later with password + TOTP (a code is good once, a recovery code once), traces a person across both Hà Nội
 * organisations in one query with its required reason (nothing of Hồ Chí Minh City's market), runs a person search,
 * exports the documented CSV; each Hà Nội organisation's admin sees the queries on its audit page, the market's admin
 * does not; the authority manages no checkpoint, and an account without the tracing grant cannot trace.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, it } from 'vitest';
import { TRACING_COLUMNS } from '../../../hub/admin-web/tracing-page.js';
import { base32Decode, totp } from '../../../hub/admin-web/totp.js';
import { AdminUsageError, createAdmin } from '../../../hub/cli/create-admin.js';
import { adminWebClient, csrfIn, ADMIN_PASSWORD, type AdminWebClient } from '../../support/admin-web-client.js';
import { AREA_CONFIG, AREA_NOW, AREA_REASON, DAY, ID_P, seedAreaScenario } from '../../support/area-scenario.js';
import { putAdmin } from '../../support/hub-admin-data.js';
import { describeEachStorage, startTestHub, type TestHub } from '../../support/hub-fixture.js';
import { parseCsv } from '../../support/export-files.js';

describeEachStorage('health authority: area-wide tracing with a second factor', (kind) => {
  let hub: TestHub;
  let clock = AREA_NOW;
  let secret = '';
  let authority: AdminWebClient;
  let recoveryCodes: string[] = [];

  const passwordStep = async (username: string) => {
    const client = adminWebClient(hub.url);
    const form = await (await client.get('/admin-web/login')).text();
    const answer = await client.post('/admin-web/login', { username, password: ADMIN_PASSWORD, _csrf: csrfIn(form) });
    return { client, answer };
  };
  const secondStep = async (client: AdminWebClient, form: Record<string, string>) => {
    const csrf = csrfIn(await (await client.get('/admin-web/login/second-factor')).text());
    return client.post('/admin-web/login/second-factor', { _csrf: csrf, ...form });
  };
  const trace = (client: AdminWebClient, csrf: string, extra: Record<string, string> = {}) =>
    client.post('/admin-web/tracing', { _csrf: csrf, idNumber: ID_P, from: DAY, to: DAY, window: '15', reason: AREA_REASON, mode: 'trace', ...extra });
  const pageCsrf = async (client: AdminWebClient) => csrfIn(await (await client.get('/admin-web/tracing')).text());

  beforeAll(async () => {
    hub = await startTestHub(kind, { now: () => clock, extra: AREA_CONFIG });
    await putAdmin(hub, 'cdc.hanoi', 'health-authority', 'ha-noi');
    await hub.store.secondFactor.reset('cdc.hanoi');
    await putAdmin(hub, 'qt.benhvien', 'organisation-admin', 'benh-vien-ba-dinh');
    await putAdmin(hub, 'qt.sieuthi', 'organisation-admin', 'sieu-thi-cau-giay');
    await putAdmin(hub, 'qt.cho', 'organisation-admin', 'cho-ben-thanh');
    await seedAreaScenario(hub);
  });
  afterAll(() => hub.dispose());

  it('enrols the authenticator at the first sign-in: QR and secret, then ten recovery codes, each shown once', async () => {
    const { client, answer } = await passwordStep('cdc.hanoi');
    assert.equal(answer.status, 303);
    assert.equal(answer.headers.get('location'), '/admin-web/login/second-factor');
    assert.equal((await client.get('/admin-web/')).status, 303, 'not signed in before the second factor');
    assert.equal((await client.get('/admin-web/tracing')).status, 303);
    const enrolPage = await (await client.get('/admin-web/login/second-factor')).text();
    assert.match(enrolPage, /<img id="totp-qr" src="data:image\/png;base64,/);
    secret = /<code id="totp-secret">([A-Z2-7 ]+)<\/code>/.exec(enrolPage)![1]!.replace(/ /g, '');
    assert.equal(base32Decode(secret).length, 20, '160-bit secret');
    const wrong = await secondStep(client, { code: totp(base32Decode(secret), clock + 5 * 60_000) });
    assert.equal(wrong.status, 401);
    const done = await secondStep(client, { code: totp(base32Decode(secret), clock) });
    assert.equal(done.status, 200);
    const codesPage = await done.text();
    recoveryCodes = [...codesPage.matchAll(/<li><code>([A-Z2-7-]+)<\/code><\/li>/g)].map((m) => m[1]!);
    assert.equal(recoveryCodes.length, 10);
    assert.ok(client.cookies.has('gate_admin_session'));
    assert.match(await (await client.get('/admin-web/')).text(), /Địa bàn ha-noi[\s\S]*Bệnh viện Ba Đình[\s\S]*Siêu thị Cầu Giấy/);
    assert.equal((await client.get('/admin-web/login/second-factor')).status, 401, 'the enrolment page is gone');
    assert.equal((await hub.store.secondFactor.enrolment('cdc.hanoi'))?.secret, secret);
    assert.equal(await hub.store.secondFactor.unusedRecoveryCodes('cdc.hanoi'), 10);
  });

  it('signs in later with password + code; a code is good once, a recovery code once', async () => {
    clock += 60_000;
    const first = await passwordStep('cdc.hanoi');
    const codePage = await (await first.client.get('/admin-web/login/second-factor')).text();
    assert.doesNotMatch(codePage, /totp-secret|totp-qr/, 'the secret is never shown again');
    const code = totp(base32Decode(secret), clock);
    const ok = await secondStep(first.client, { code });
    assert.equal(ok.status, 303);
    authority = first.client;
    const replay = await passwordStep('cdc.hanoi');
    assert.equal((await secondStep(replay.client, { code })).status, 401, 'the same code again is refused');
    const recovered = await secondStep(replay.client, { recoveryCode: recoveryCodes[0]!.toLowerCase() });
    assert.equal(recovered.status, 303);
    const again = await passwordStep('cdc.hanoi');
    assert.equal((await secondStep(again.client, { recoveryCode: recoveryCodes[0]! })).status, 401, 'a used recovery code is refused');
    assert.equal(await hub.store.secondFactor.unusedRecoveryCodes('cdc.hanoi'), 9);
  });

  it('traces the person across both Hà Nội organisations in one query, the reason required; nothing of another province', async () => {
    const csrf = await pageCsrf(authority);
    const refused = await trace(authority, csrf, { reason: ' ' });
    assert.equal(refused.status, 400);
    assert.equal((await hub.store.tracingAudit.forAskerScope('health-authority', 'ha-noi', 10)).length, 0);
    const response = await trace(authority, csrf);
    assert.equal(response.status, 200);
    // Table cells carry data-label attributes (the narrow layout); the assertions read the cells without them.
    const body = (await response.text()).replace(/ data-label="[^"]*"/g, '');
    assert.match(body, /2 lượt ghé, 2 lượt tiếp xúc/);
    assert.match(body, /Đã tìm ở 2 điểm kiểm soát của 2 tổ chức/);
    assert.match(body, /Bệnh viện Ba Đình<\/td><td>Tòa nhà bệnh viện<\/td><td>Cổng bệnh viện<\/td><td>cp-bv-ba-dinh<\/td><td>2026-11-20 08:00<\/td><td>2026-11-20 09:00<\/td><td>Bác sĩ An/);
    assert.match(body, /Siêu thị Cầu Giấy<\/td>[\s\S]*Khách Bình/);
    for (const absent of ['Người Chợ', 'Cổng chợ', 'Chị Dung', ID_P]) assert.ok(!body.includes(absent), `${absent} is not in the answer`);
    const [record] = await hub.store.tracingAudit.forAskerScope('health-authority', 'ha-noi', 1);
    assert.equal(record!.reason, AREA_REASON);
    assert.equal(record!.action, 'trace');
    assert.deepEqual(await hub.store.tracingAudit.organisationsOf(record!.auditId), ['benh-vien-ba-dinh', 'sieu-thi-cau-giay']);
  });

  it('a person search lists the visits only, audited as a search', async () => {
    const body = await (await trace(authority, await pageCsrf(authority), { mode: 'search' })).text();
    assert.match(body, /id="tracing-summary">2 lượt ghé trong/);
    assert.doesNotMatch(body, /Bác sĩ An|Khách Bình/);
    assert.equal((await hub.store.tracingAudit.forAskerScope('health-authority', 'ha-noi', 1))[0]!.action, 'search');
  });

  it('exports the trace as the documented CSV (columns of docs/hub.md), the export audited too', async () => {
    const trace = (await hub.store.tracingAudit.forAskerScope('health-authority', 'ha-noi', 10)).find((r) => r.action === 'trace')!;
    const csv = await authority.get(`/admin-web/tracing/${trace.auditId}/export.csv`);
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-disposition') ?? '', /truy-vet-\d+\.csv/);
    const rows = parseCsv(Buffer.from(await csv.arrayBuffer()));
    assert.deepEqual(rows[0], [...TRACING_COLUMNS]);
    assert.deepEqual(rows.slice(1), [
      ['Bệnh viện Ba Đình', 'Tòa nhà bệnh viện', 'Cổng bệnh viện', 'cp-bv-ba-dinh', '2026-11-20 08:00', '2026-11-20 09:00', 'Bác sĩ An', '2026-11-20 08:30', '2026-11-20 10:00'],
      ['Siêu thị Cầu Giấy', 'Tòa nhà siêu thị', 'Cổng siêu thị', 'cp-st-cau-giay', '2026-11-20 14:00', '2026-11-20 15:00', 'Khách Bình', '2026-11-20 14:20', '—'],
    ]);
    assert.equal((await hub.store.tracingAudit.forAskerScope('health-authority', 'ha-noi', 1))[0]!.action, 'export-csv');
  });

  it("each Hà Nội organisation's admin sees the queries with their reason; the other province's admin does not", async () => {
    for (const username of ['qt.benhvien', 'qt.sieuthi']) {
      const { client, answer } = await passwordStep(username);
      assert.equal(answer.headers.get('location'), '/admin-web/', 'no second factor without tracing rights');
      const audit = (await (await client.get('/admin-web/audit')).text()).replace(/ data-label="[^"]*"/g, '');
      assert.match(audit, /cdc\.hanoi<\/td><td>Cơ quan y tế \(truy vết theo địa bàn\) · ha-noi/);
      assert.ok(audit.includes(AREA_REASON));
      assert.match(audit, /Tìm người[\s\S]*Truy vết/);
      assert.equal((await client.get('/admin-web/tracing')).status, 403, 'an account without the tracing grant cannot trace');
    }
    const market = (await passwordStep('qt.cho')).client;
    const audit = await (await market.get('/admin-web/audit')).text();
    assert.ok(!audit.includes('cdc.hanoi') && !audit.includes(AREA_REASON));
  });

  it("the authority manages nothing: an organisation's checkpoint pages answer 403", async () => {
    for (const path of ['/admin-web/checkpoints/cp-bv-ba-dinh', '/admin-web/checkpoints/cp-bv-ba-dinh/entries', '/admin-web/checkpoints/cp-st-cau-giay/stats']) {
      assert.equal((await authority.get(path)).status, 403, path);
    }
  });

  it('`create-admin` takes the role and its area, the tracing grant and the second factor reset', async () => {
    const run = (args: string[]) => createAdmin(args, () => hub.config, { GATE_ADMIN_PASSWORD: ADMIN_PASSWORD });
    await assert.rejects(run(['--username', 'cdc.x', '--role', 'health-authority', '--area', 'Hà Nội']), AdminUsageError);
    await assert.rejects(run(['--username', 'cdc.x', '--role', 'health-authority']), /--area PROVINCE/);
    await assert.rejects(run(['--username', 'cdc.x', '--role', 'health-authority', '--area', 'da-nang']), /no organisation registered under the area "da-nang"/);
    assert.equal(await run(['--username', 'cdc.badinh', '--role', 'health-authority', '--area', 'ha-noi/ba-dinh']), 0);
    const authority = await hub.store.accounts.account('cdc.badinh');
    assert.deepEqual([authority!.role, authority!.scopeId], ['health-authority', 'ha-noi/ba-dinh']);
    assert.equal(await run(['--username', 'qt.sieuthi', '--role', 'organisation-admin', '--scope', 'sieu-thi-cau-giay', '--tracing']), 0);
    assert.equal((await hub.store.accounts.account('qt.sieuthi'))!.canTrace, true);
    assert.ok(await hub.store.secondFactor.enrolment('cdc.hanoi'));
    assert.equal(await run(['--username', 'cdc.hanoi', '--role', 'health-authority', '--area', 'ha-noi', '--reset-second-factor']), 0);
    assert.equal(await hub.store.secondFactor.enrolment('cdc.hanoi'), undefined, 'a lost phone: enrols again at the next sign-in');
    assert.equal(await hub.store.secondFactor.unusedRecoveryCodes('cdc.hanoi'), 0);
  });
});
