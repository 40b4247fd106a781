/**
 * The EU DCC value sets in the admin web (/admin-web/dcc-value-sets, read only), over real HTTP on SQLite and
 * PostgreSQL: reached from "Chữ ký DCC", it lists each stored set with its date and number of codes and the version
 * terminals receive; a building manager reads it too, a department manager gets 403.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, it } from 'vitest';
import { dccValueSetsVersion } from '../../../core/index.js';
import { logInAs, putAdminAccount } from '../../support/admin-web-client.js';
import { BUILDING, CHECKPOINT, describeEachStorage, startTestHub, type TestHub } from '../../support/hub-fixture.js';

describeEachStorage('admin web: DCC value sets', (kind) => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub(kind);
    await putAdminAccount(hub, 'quantri.congty', 'organisation-admin', 'cong-ty-thu');
    await putAdminAccount(hub, 'quanly.toanha', 'building-manager', BUILDING);
    await putAdminAccount(hub, 'quanly.cong', 'department-manager', CHECKPOINT);
  });
  afterAll(async () => {
    await hub.dispose();
  });

  it('lists each stored set with its date and codes, and the version; building managers read it, department managers may not', async () => {
    await hub.store.dccValueSets.put([{ id: 'vaccines-covid-19-auth-holders', date: '2026-11-30', codes: ['ORG-100030215', 'ORG-100099999'] }], Date.parse('2026-12-01T03:00:00Z'));
    const sets = await hub.store.dccValueSets.list();
    const admin = await logInAs(hub, 'quantri.congty');
    const trustList = await (await admin.get('/admin-web/dcc-signers')).text();
    assert.match(trustList, /href="\/admin-web\/dcc-value-sets"/);
    const response = await admin.get('/admin-web/dcc-value-sets');
    assert.equal(response.status, 200);
    const page = await response.text();
    assert.match(page, /aria-current="page">Chữ ký DCC</);
    assert.match(page, /9 bộ mã EU/);
    assert.match(page, /<tr data-value-set="vaccines-covid-19-auth-holders"><td[^>]*><code>vaccines-covid-19-auth-holders<\/code><\/td><td[^>]*>2026-11-30<\/td><td class="num"[^>]*>2<\/td><td[^>]*>2026-12-01 10:00/);
    assert.match(page, /<tr data-value-set="country-2-codes"><td[^>]*><code>country-2-codes<\/code><\/td><td[^>]*>2019-11-01<\/td><td class="num"[^>]*>\d{3}<\/td>/);
    assert.ok(page.includes(dccValueSetsVersion(sets).split(',').map((part) => `<li><code>${part}</code></li>`).join('')), 'the version, one id@date per item');
    assert.doesNotMatch(page, /<form[^>]*action="\/admin-web\/dcc-value-sets/, 'read only');

    const manager = await logInAs(hub, 'quanly.toanha');
    assert.equal((await manager.get('/admin-web/dcc-value-sets')).status, 200);
    const department = await logInAs(hub, 'quanly.cong');
    assert.equal((await department.get('/admin-web/dcc-value-sets')).status, 403);
  });
});
