/**
 * Contact tracing and its audit log over real HTTP, on SQLite and PostgreSQL: the seeded day (hub-admin-scenario.ts)
 * traced for person A with ±15 minutes — overlap of inside intervals where the exit is known, the window around a
 * lone entry where it is not; the reason is required; every query and export is appended to the audit log (no ID
 * number in it, or in any log line) before it runs; the log refuses UPDATE and DELETE; a department manager traces
 * only at its own checkpoint and cannot read the audit page or export another user's result.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, it } from 'vitest';
import type { Database as SqliteDatabase } from 'better-sqlite3';
import type pg from 'pg';
import type { HubLogger } from '../../../hub/hub-logger.js';
import { BUILDING, CHECKPOINT_B, describeEachStorage, startTestHub, type TestHub } from '../../support/hub-fixture.js';
import { logInAdmin, legacyPersonHmac, personHmac, putAdmin, type AdminClient } from '../../support/hub-admin-data.js';
import { DAY, ID_A, NOW, seedAdminScenario } from '../../support/hub-admin-scenario.js';
import { parseCsv, xlsxText } from '../../support/export-files.js';

const REASON = 'F0 xác nhận ngày 21/11, yêu cầu của CDC Hà Nội';
const trace = (client: AdminClient, extra: Record<string, string> = {}) => client.post('/admin-web/tracing', { idNumber: ID_A, from: DAY, to: DAY, window: '15', reason: REASON, ...extra });

describeEachStorage('contact tracing with audit log', (kind) => {
  let hub: TestHub;
  let organisationAdmin: AdminClient;
  let department: AdminClient;
  const logLines: string[] = [];
  const logger: HubLogger = { info: (e, f) => logLines.push(JSON.stringify([e, f])), warn: (e, f) => logLines.push(JSON.stringify([e, f])), error: (e, f) => logLines.push(JSON.stringify([e, f])) };
  beforeAll(async () => {
    hub = await startTestHub(kind, { now: () => NOW, logger });
    await hub.admin('PUT', '/organisations/cong-ty-thu', { name: 'Công ty Thử nghiệm' });
    await hub.admin('PUT', `/buildings/${BUILDING}/placement`, { organisationId: 'cong-ty-thu', address: 'Hà Nội' });
    await putAdmin(hub, 'quantri.congty', 'organisation-admin', 'cong-ty-thu', { tracing: true });
    await putAdmin(hub, 'quanly.ketoan', 'department-manager', CHECKPOINT_B, { tracing: true });
    await seedAdminScenario(hub);
    organisationAdmin = await logInAdmin(hub, 'quantri.congty', NOW);
    department = await logInAdmin(hub, 'quanly.ketoan', NOW);
  });
  afterAll(() => hub.dispose());

  it('refuses a query without a reason (400) and logs nothing for it', async () => {
    const refused = await trace(organisationAdmin, { reason: '  ' });
    assert.equal(refused.status, 400);
    assert.match(await refused.text(), /Phải ghi lý do truy vết/);
    assert.equal((await hub.store.tracingAudit.forOrganisation('cong-ty-thu', 10)).length, 0);
    assert.equal((await trace(organisationAdmin, { _csrf: 'forged' })).status, 403);
  });

  it('lists who was inside at the same checkpoint within ±15 minutes of each visit, and audits the query', async () => {
    const response = await trace(organisationAdmin);
    assert.equal(response.status, 200);
    const body = await response.text();
    assert.match(body, /2 lượt ghé, 4 lượt tiếp xúc/);
    for (const name of ['Khách giấy', 'Trần Văn Bình', 'Lê Đức Cường', 'Phạm Minh Phúc']) assert.ok(body.includes(name), `${name} is a contact`);
    for (const name of ['Đặng Thu Dung', 'Hoàng Gia Giang', 'Vũ Hải']) assert.ok(!body.includes(name), `${name} is not`);
    assert.match(body.replace(/ data-label="[^"]*"/g, ''), /Cổng thử nghiệm<\/td><td>cp-test<\/td><td>2026-11-20 08:00<\/td><td>2026-11-20 09:00<\/td><td>Trần Văn Bình<\/td><td>2026-11-20 08:30<\/td><td>2026-11-20 10:00/);
    const [record] = await hub.store.tracingAudit.forOrganisation('cong-ty-thu', 10);
    assert.equal(record!.action, 'trace');
    assert.equal(record!.username, 'quantri.congty');
    assert.equal(record!.reason, REASON);
    assert.equal(record!.subjectHmacs, `${BUILDING}:${await personHmac(hub, ID_A)} ${BUILDING}:${await legacyPersonHmac(hub, ID_A)}`, 'the current and the pre-issue-15 form');
    assert.equal(record!.askedAt, NOW);
    assert.equal(record!.windowMinutes, 15);
    assert.ok(!JSON.stringify(record).includes(ID_A), 'the audit log holds the HMAC, never the number');
    assert.ok(logLines.length > 0 && !logLines.some((l) => l.includes(ID_A)), 'no log line carries the ID number');
  });

  it('exports the result (CSV with BOM, XLSX) for the user who asked, each export audited; others get 403', async () => {
    const [record] = await hub.store.tracingAudit.forOrganisation('cong-ty-thu', 1);
    const csv = await organisationAdmin.get(`/admin-web/tracing/${record!.auditId}/export.csv`);
    assert.equal(csv.status, 200);
    const rows = parseCsv(Buffer.from(await csv.arrayBuffer()));
    assert.equal(rows[0]![6], 'Người tiếp xúc (contact)');
    assert.deepEqual(rows.slice(1).map((r) => r[6]).sort(), ['Khách giấy', 'Lê Đức Cường', 'Phạm Minh Phúc', 'Trần Văn Bình']);
    const xlsx = xlsxText(Buffer.from(await (await organisationAdmin.get(`/admin-web/tracing/${record!.auditId}/export.xlsx`)).arrayBuffer()));
    assert.match(xlsx, /Lê Đức Cường/);
    assert.equal((await department.get(`/admin-web/tracing/${record!.auditId}/export.csv`)).status, 403);
    const actions = (await hub.store.tracingAudit.forOrganisation('cong-ty-thu', 10)).map((r) => r.action);
    assert.deepEqual(actions, ['export-xlsx', 'export-csv', 'trace']);
  });

  it('a department manager traces only at its own checkpoint and cannot open the audit page', async () => {
    const body = await (await trace(department)).text();
    assert.match(body, /1 lượt ghé, 1 lượt tiếp xúc/);
    assert.match(body, /Phạm Minh Phúc/);
    assert.doesNotMatch(body, /Trần Văn Bình|Cổng thử nghiệm/);
    assert.equal((await department.get('/admin-web/audit')).status, 403);
    const audit = await (await organisationAdmin.get('/admin-web/audit')).text();
    assert.match(audit, /quanly\.ketoan[\s\S]*F0 xác nhận ngày 21\/11/);
    assert.ok(!audit.includes(ID_A));
  });

  it('the audit log is append-only: UPDATE and DELETE are refused by the storage itself', async () => {
    const store = hub.store as unknown as { db?: SqliteDatabase; pool?: pg.Pool };
    const attempt = async (sql: string) => (store.db ? store.db.prepare(sql).run() : await store.pool!.query(sql));
    await assert.rejects(async () => attempt("UPDATE tracing_audit SET reason = 'sửa'"), /append-only/);
    await assert.rejects(async () => attempt('DELETE FROM tracing_audit'), /append-only/);
    if (store.pool) await assert.rejects(store.pool.query('TRUNCATE tracing_audit'), /append-only/);
    assert.equal((await hub.store.tracingAudit.forOrganisation('cong-ty-thu', 10)).length, 4);
  });
});
