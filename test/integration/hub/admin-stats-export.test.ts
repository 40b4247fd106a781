/**
 * Statistics, person search and exports of the admin web over real HTTP, on SQLite and PostgreSQL: hourly and daily
 * in/out, inside-now and denial reasons (vi + en) of a seeded day; search by ID number (HMAC'd, never in a URL) and
 * by name without diacritics; time-of-day range; CSV (BOM, parsed back) and XLSX (unzipped) with Vietnamese intact;
 * a department manager gets 403 on the building door's statistics and exports, URL tampering included.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, it } from 'vitest';
import { createNodeCryptoPort } from '../../../main/crypto/node-crypto-port.js';
import { REASON_TEXTS } from '../../../core/index.js';
import { escapeHtml } from '../../../hub/admin-web/admin-html.js';
import { entrySubjectHmacOf } from '../../../hub/crypto/hub-crypto.js';
import { BUILDING, CHECKPOINT, CHECKPOINT_B, describeEachStorage, startTestHub, type TestHub } from '../../support/hub-fixture.js';
import { logInAdmin, putAdmin, type AdminClient } from '../../support/hub-admin-data.js';
import { DAY, ID_A, NOW, seedAdminScenario } from '../../support/hub-admin-scenario.js';
import { parseCsv, xlsxText } from '../../support/export-files.js';

const cellsOf = (body: string, tableId: string) => {
  const table = new RegExp(`<table id="${tableId}"[\\s\\S]*?</table>`).exec(body)?.[0] ?? '';
  return [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].slice(1).map((m) => [...m[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => c[1]!));
};
const rowCount = (body: string) => body.match(/<tr><td\b/g)?.length ?? 0;
/** A cell's visible text: tags dropped, lines joined by " | " (the Vietnamese text, then its English line). */
const textOf = (cell: string) => cell.replace(/<br>/g, ' | ').replace(/<[^>]+>/g, '');

it('the hub computes the subject HMAC a terminal of the building stores for an ID number', () => {
  const identityKey = Buffer.alloc(32, 7);
  const buildingKey = Buffer.alloc(32, 9);
  const port = createNodeCryptoPort(identityKey, buildingKey);
  assert.equal(entrySubjectHmacOf(identityKey, buildingKey, ' 001 099-012.345 '), port.subjectKey(port.identityRef('001099012345')));
});

describeEachStorage('admin statistics, search and export', (kind) => {
  let hub: TestHub;
  let organisationAdmin: AdminClient;
  let department: AdminClient;
  beforeAll(async () => {
    hub = await startTestHub(kind, { now: () => NOW });
    await hub.admin('PUT', `/checkpoints/${CHECKPOINT_B}/description`, { kind: 'department', address: 'Tầng 3', directions: ['in'] });
    await hub.admin('PUT', '/organisations/cong-ty-thu', { name: 'Công ty Thử nghiệm' });
    await hub.admin('PUT', `/buildings/${BUILDING}/placement`, { organisationId: 'cong-ty-thu', address: 'Hà Nội' });
    await putAdmin(hub, 'quantri.congty', 'organisation-admin', 'cong-ty-thu');
    await putAdmin(hub, 'quanly.ketoan', 'department-manager', CHECKPOINT_B);
    await seedAdminScenario(hub);
    organisationAdmin = await logInAdmin(hub, 'quantri.congty');
    department = await logInAdmin(hub, 'quanly.ketoan');
  });
  afterAll(() => hub.dispose());

  it('shows in/out per hour and day, inside now and denial reasons with Vietnamese and English texts', async () => {
    const response = await organisationAdmin.get(`/admin-web/checkpoints/${CHECKPOINT}/stats?day=${DAY}`);
    assert.equal(response.status, 200);
    const body = await response.text();
    const hourly = cellsOf(body, 'hourly');
    assert.equal(hourly.length, 24);
    assert.deepEqual(hourly.slice(7, 11), [['07:00', '1', '0'], ['08:00', '2', '0'], ['09:00', '2', '1'], ['10:00', '0', '1']]);
    const daily = cellsOf(body, 'daily');
    assert.deepEqual(daily.at(-2), ['2026-11-19', '1', '0']);
    assert.deepEqual(daily.at(-1), [DAY, '5', '2']);
    assert.match(body, /<dd id="inside-now">2<\/dd>/, 'C and D are inside at 10:30 (A and B left; the paper visitor has no subject)');
    const denials = cellsOf(body, 'denials').map((row) => row.map(textOf));
    assert.deepEqual(denials[0], [`${escapeHtml(REASON_TEXTS.TOKEN_EXPIRED.vi.message)} | ${escapeHtml(REASON_TEXTS.TOKEN_EXPIRED.en.message)}`, '2']);
    assert.deepEqual(denials[1], [`${escapeHtml(REASON_TEXTS.TOKEN_SIGNATURE_INVALID.vi.message)} | ${escapeHtml(REASON_TEXTS.TOKEN_SIGNATURE_INVALID.en.message)}`, '1']);
    assert.doesNotMatch(body.replace(/title="[A-Z_]+"/g, ''), /TOKEN_EXPIRED/, 'the code only in a title attribute, never as the text');
    assert.match(body, /<script type="module" src="\/admin-web\/assets\/stats-charts.js"><\/script>/);
    const script = await organisationAdmin.get('/admin-web/assets/stats-charts.js');
    assert.equal(script.status, 200, 'the chart script is served by the hub (build first)');
    assert.match(script.headers.get('content-type')!, /javascript/);
  });

  it('exports the statistics as CSV with a BOM and as XLSX, Vietnamese intact', async () => {
    const csv = await organisationAdmin.get(`/admin-web/checkpoints/${CHECKPOINT}/stats.csv?day=${DAY}`);
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-disposition')!, /attachment; filename="thong-ke-cp-test-2026-11-20.csv"/);
    const rows = parseCsv(Buffer.from(await csv.arrayBuffer()));
    assert.deepEqual(rows.find((r) => r[0] === '08:00'), ['08:00', '2', '0']);
    assert.ok(rows.some((r) => r[0] === 'TOKEN_EXPIRED' && r[3] === '2'));
    assert.ok(rows.some((r) => r[0] === 'Cổng thử nghiệm' && r[4] === '2'), 'summary row with the Vietnamese checkpoint name');
    const xlsx = await organisationAdmin.get(`/admin-web/checkpoints/${CHECKPOINT}/stats.xlsx?day=${DAY}`);
    assert.equal(xlsx.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const text = xlsxText(Buffer.from(await xlsx.arrayBuffer()));
    assert.match(text, /Cổng thử nghiệm/);
    assert.match(text, /Lý do từ chối/);
  });

  it('searches by ID number without the number in any URL, and by name without diacritics', async () => {
    const base = `/admin-web/checkpoints/${CHECKPOINT}/entries`;
    const search = await organisationAdmin.post(`${base}/person`, { idNumber: '001 099-012345', filters: `day=${DAY}` });
    assert.equal(search.status, 303);
    const location = search.headers.get('location')!;
    assert.ok(!location.includes(ID_A) && !location.includes('012345'), 'the clear number is not in the redirect');
    assert.match(location, /subject=[0-9a-f]{64}/);
    const found = await (await organisationAdmin.get(location)).text();
    assert.equal(rowCount(found), 2);
    assert.equal(found.match(/Nguyễn Thị Ánh/g)?.length, 2);
    const byName = await (await organisationAdmin.get(`${base}?day=${DAY}&name=${encodeURIComponent('LE DUC cuong')}`)).text();
    assert.equal(rowCount(byName), 1);
    assert.match(byName, /Lê Đức Cường/);
    const wildcard = await (await organisationAdmin.get(`${base}?day=${DAY}&name=%25`)).text();
    assert.equal(rowCount(wildcard), 0, '% is a literal character, not a wildcard');
    const range = await (await organisationAdmin.get(`${base}?day=${DAY}&from=09:00&to=09:20`)).text();
    assert.equal(rowCount(range), 3, '09:00 out, 09:10 and 09:20 in');
  });

  it('exports the filtered Danh sách as CSV and XLSX (all pages, Vietnamese reason texts)', async () => {
    const base = `/admin-web/checkpoints/${CHECKPOINT}/entries`;
    const rows = parseCsv(Buffer.from(await (await organisationAdmin.get(`${base}.csv?day=${DAY}&outcome=deny`)).arrayBuffer()));
    assert.deepEqual(rows[0], ['Thời gian', 'Họ tên', 'Hướng', 'Kết quả', 'Mã lý do', 'Lý do', 'Loại giấy tờ', 'Thiết bị']);
    assert.equal(rows.length, 4);
    assert.deepEqual(rows[1]!.slice(0, 5), [`${DAY} 09:50`, 'Người bị từ chối', 'Vào', 'Từ chối', 'TOKEN_SIGNATURE_INVALID']);
    const text = xlsxText(Buffer.from(await (await organisationAdmin.get(`${base}.xlsx?day=${DAY}`)).arrayBuffer()));
    for (const name of ['Nguyễn Thị Ánh', 'Trần Văn Bình', 'Đặng Thu Dung', 'Khách giấy']) assert.ok(text.includes(name), name);
    assert.ok(text.includes('Tờ khai giấy'), 'credential kinds by their Vietnamese names');
  });

  it('refuses a department manager the building door statistics and exports (403), URL tampering included', async () => {
    assert.equal((await department.get(`/admin-web/checkpoints/${CHECKPOINT_B}/stats?day=${DAY}`)).status, 200);
    for (const path of ['stats', 'stats.csv', 'stats.xlsx', 'entries.csv', 'entries.xlsx']) {
      const response = await department.get(`/admin-web/checkpoints/${CHECKPOINT}/${path}?day=${DAY}`);
      assert.equal(response.status, 403, path);
      assert.doesNotMatch(await response.text(), /Trần Văn Bình/);
    }
    const search = await department.post(`/admin-web/checkpoints/${CHECKPOINT}/entries/person`, { idNumber: ID_A, filters: '' });
    assert.equal(search.status, 403);
    const forged = await organisationAdmin.post(`/admin-web/checkpoints/${CHECKPOINT}/entries/person`, { idNumber: ID_A, _csrf: 'forged' });
    assert.equal(forged.status, 403, 'the ID-number search needs the session CSRF token');
  });
});
