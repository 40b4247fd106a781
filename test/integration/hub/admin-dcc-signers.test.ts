/**
 * The DCC trust list in the admin web, over real HTTP on SQLite and PostgreSQL: an organisation admin pastes a PEM
 * bundle (larger than the admin web's usual 16 KB form limit), sees what was imported and each refused certificate
 * with its reason (Vietnamese, then English), and removes a signer only through its confirmation step; a building
 * manager reads the list but cannot change it; a department manager gets 403; a POST without the session's CSRF token
 * changes nothing.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, it } from 'vitest';
import { csrfIn, logInAs, putAdminAccount, type AdminWebClient } from '../../support/admin-web-client.js';
import { fixtureCase } from '../../support/dcc.js';
import { BUILDING, CHECKPOINT, describeEachStorage, startTestHub, type TestHub } from '../../support/hub-fixture.js';

const certificateOf = (path: string) => (fixtureCase(path).raw.TESTCTX as { CERTIFICATE: string }).CERTIFICATE;
const pem = (base64: string) => `-----BEGIN CERTIFICATE-----\n${base64.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;
const NL_KID = fixtureCase('NL/072-NL-vaccination.json').signer.kid;
/** Text between PEM blocks is allowed (openssl writes subject lines there): it makes the form larger than 16 KB. */
const BUNDLE = `# trust list export\n${'# comment line of a national export\n'.repeat(600)}${pem(certificateOf('NL/072-NL-vaccination.json'))}${pem(certificateOf('AT/2.json'))}`;

describeEachStorage('admin web: DCC trust list', (kind) => {
  let hub: TestHub;
  let admin: AdminWebClient;
  beforeAll(async () => {
    hub = await startTestHub(kind);
    await putAdminAccount(hub, 'quantri.congty', 'organisation-admin', 'cong-ty-thu');
    await putAdminAccount(hub, 'quanly.toanha', 'building-manager', BUILDING);
    await putAdminAccount(hub, 'quanly.cong', 'department-manager', CHECKPOINT);
    admin = await logInAs(hub, 'quantri.congty');
  });
  afterAll(async () => {
    await hub.dispose();
  });

  it('an organisation admin imports a pasted PEM bundle, reads the report and the list, and removes a signer after confirming', async () => {
    const empty = await (await admin.get('/admin-web/dcc-signers')).text();
    assert.match(empty, /Hub chưa có chứng thư ký DCC nào/);
    assert.match(empty, /aria-current="page">Chữ ký DCC</);
    assert.ok(BUNDLE.length > 16 * 1024, `the pasted text has ${BUNDLE.length} characters`);
    const report = await admin.post('/admin-web/dcc-signers/import', { _csrf: csrfIn(empty), format: 'pem', text: BUNDLE });
    assert.equal(report.status, 200);
    const reportPage = await report.text();
    assert.match(reportPage, /Đã thêm 1, cập nhật 0, giữ nguyên 0, từ chối 1 \(định dạng PEM\)/);
    assert.match(reportPage, /id="refused"[\s\S]*khối PEM 2 \/ PEM block 2[\s\S]*Chứng thư đã hết hạn ngày 2023-05-05[\s\S]*The certificate expired on 2023-05-05/);

    const list = await (await admin.get('/admin-web/dcc-signers')).text();
    const [signer] = await hub.store.dccSigners.list();
    assert.match(list, new RegExp(`data-signer="${signer!.signerId}"[\\s\\S]*NL[\\s\\S]*<code>${NL_KID}</code>[\\s\\S]*EC P-256 \\(ES256\\)[\\s\\S]*tiêm chủng[\\s\\S]*2032-04-23`));

    const confirm = await (await admin.get(`/admin-web/dcc-signers/${signer!.signerId}/remove`)).text();
    assert.match(confirm, /Gỡ chứng thư ký <code>/);
    const unconfirmed = await admin.post(`/admin-web/dcc-signers/${signer!.signerId}/remove`, { _csrf: csrfIn(confirm) });
    assert.equal(unconfirmed.status, 303);
    assert.equal(unconfirmed.headers.get('location'), `/admin-web/dcc-signers/${signer!.signerId}/remove`);
    assert.equal((await hub.store.dccSigners.list()).length, 1, 'nothing removed without confirm=yes');
    const removed = await admin.post(`/admin-web/dcc-signers/${signer!.signerId}/remove`, { _csrf: csrfIn(confirm), confirm: 'yes' });
    assert.equal(removed.status, 303);
    assert.equal(removed.headers.get('location'), '/admin-web/dcc-signers');
    assert.deepEqual(await hub.store.dccSigners.list(), []);
  });

  it('a text that is no trust list is refused whole, in Vietnamese then English; no CSRF token, no change', async () => {
    const page = await (await admin.get('/admin-web/dcc-signers')).text();
    const garbage = await admin.post('/admin-web/dcc-signers/import', { _csrf: csrfIn(page), format: 'json', text: 'không phải JSON' });
    assert.equal(garbage.status, 400);
    assert.match(await garbage.text(), /Tệp không phải JSON hợp lệ[\s\S]*Not valid JSON/);
    const forged = await admin.post('/admin-web/dcc-signers/import', { format: 'pem', text: pem(certificateOf('NL/072-NL-vaccination.json')) });
    assert.equal(forged.status, 403);
    assert.deepEqual(await hub.store.dccSigners.list(), []);
  });

  it('a building manager reads the list but may not change it; a department manager may not open it', async () => {
    await hub.admin('POST', '/dcc-signers', { format: 'pem', text: pem(certificateOf('NL/072-NL-vaccination.json')) });
    const [signer] = await hub.store.dccSigners.list();
    const manager = await logInAs(hub, 'quanly.toanha');
    const page = await (await manager.get('/admin-web/dcc-signers')).text();
    assert.match(page, new RegExp(`<code>${NL_KID}</code>`));
    assert.doesNotMatch(page, /Kiểm tra và nhập|Gỡ bỏ…/);
    assert.match(page, /Chỉ quản trị tổ chức mới nhập hoặc gỡ chứng thư/);
    const csrf = csrfIn(page);
    assert.equal((await manager.post('/admin-web/dcc-signers/import', { _csrf: csrf, text: pem(certificateOf('NL/145-NL-recovery.json')) })).status, 403);
    assert.equal((await manager.get(`/admin-web/dcc-signers/${signer!.signerId}/remove`)).status, 403);
    assert.equal((await manager.post(`/admin-web/dcc-signers/${signer!.signerId}/remove`, { _csrf: csrf, confirm: 'yes' })).status, 403);
    assert.equal((await hub.store.dccSigners.list()).length, 1);
    const department = await logInAs(hub, 'quanly.cong');
    const refused = await department.get('/admin-web/dcc-signers');
    assert.equal(refused.status, 403);
    assert.doesNotMatch(await refused.text(), new RegExp(NL_KID));
  });
});
