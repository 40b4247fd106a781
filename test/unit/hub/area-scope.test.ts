/**
 * The scope rules of tracing (hub/admin-web/admin-scope.ts) on a real SQLite registry: a health authority traces
 * across every checkpoint of the organisations in its area or under it — a province covers its districts, a district
 * only itself, and an area whose name merely starts the same (`ha-noi-moi`) is not inside `ha-noi`; it manages
 * nothing (no checkpoint is visible for lists, statistics or fleet). An organisation admin sees only its own
 * organisation, never another area's, and traces only with the tracing grant.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, it } from 'vitest';
import { join } from 'node:path';
import { organisationsOf, traceableCheckpoints, visibleCheckpoints } from '../../../hub/admin-web/admin-scope.js';
import { hasTracingRights } from '../../../hub/storage/admin-accounts.js';
import { HubConfigError, validateHubConfig } from '../../../hub/config/hub-config.js';
import { SqliteHubStore } from '../../../hub/storage/sqlite/sqlite-hub-store.js';
import { tempDir } from '../../support/paths.js';

let store: SqliteHubStore;
const ORGANISATIONS: [string, string | null][] = [
  ['benh-vien-ba-dinh', 'ha-noi/ba-dinh'],
  ['truong-cau-giay', 'ha-noi/cau-giay'],
  ['so-y-te-ha-noi', 'ha-noi'],
  ['cho-quan-1', 'ho-chi-minh/quan-1'],
  ['cong-ty-ha-noi-moi', 'ha-noi-moi'],
  ['khong-dia-ban', null],
];

beforeAll(async () => {
  store = new SqliteHubStore(join(tempDir('area-scope'), 'hub.sqlite'));
  await store.migrate();
  for (const [id, area] of ORGANISATIONS) {
    await store.registry.upsertOrganisation({ organisationId: id, name: id, area });
    await store.buildings.upsertBuilding({ buildingId: `b-${id}`, name: `Tòa ${id}` }, Buffer.alloc(32, 1));
    await store.buildings.upsertCheckpoint({ checkpointId: `cp-${id}`, buildingId: `b-${id}`, name: `Cổng ${id}`, policy: {} });
    assert.ok(await store.registry.placeBuilding(`b-${id}`, { organisationId: id, address: '' }));
  }
});
afterAll(() => store.close());

const traced = async (role: 'health-authority' | 'organisation-admin', scopeId: string, canTrace = true) =>
  (await traceableCheckpoints(store.registry, { role, scopeId, canTrace })).map((c) => c.checkpointId).sort();

it('a province authority traces across its districts and itself; not another province, not a look-alike name', async () => {
  assert.deepEqual(await traced('health-authority', 'ha-noi'), ['cp-benh-vien-ba-dinh', 'cp-so-y-te-ha-noi', 'cp-truong-cau-giay']);
  assert.deepEqual((await store.registry.organisationsInArea('ha-noi')).map((o) => o.organisationId).sort(), ['benh-vien-ba-dinh', 'so-y-te-ha-noi', 'truong-cau-giay']);
  assert.deepEqual(await traced('health-authority', 'ho-chi-minh'), ['cp-cho-quan-1']);
  assert.deepEqual(await traced('health-authority', 'ha-noi-moi'), ['cp-cong-ty-ha-noi-moi']);
});

it('a district authority sees only its district; an unknown area sees nothing', async () => {
  assert.deepEqual(await traced('health-authority', 'ha-noi/ba-dinh'), ['cp-benh-vien-ba-dinh']);
  assert.deepEqual(await traced('health-authority', 'ha-noi/hoan-kiem'), []);
  assert.deepEqual(await traced('health-authority', 'da-nang'), []);
});

it('an authority manages nothing: no checkpoint visible for lists, statistics, fleet or posters; tracing is its right by role', async () => {
  assert.deepEqual(await visibleCheckpoints(store.registry, 'health-authority', 'ha-noi'), []);
  assert.equal(hasTracingRights({ role: 'health-authority', canTrace: false }), true);
});

it("an organisation admin of another area sees its own organisation only, nothing of Hà Nội's; without the grant it traces nothing", async () => {
  assert.deepEqual(await traced('organisation-admin', 'cho-quan-1'), ['cp-cho-quan-1']);
  assert.deepEqual((await visibleCheckpoints(store.registry, 'organisation-admin', 'cho-quan-1')).map((c) => c.checkpointId), ['cp-cho-quan-1']);
  assert.deepEqual(await traced('organisation-admin', 'cho-quan-1', false), []);
});

it('a query over an area touches each of its organisations: their admins see it in their audit, the others do not', async () => {
  const checkpoints = await traceableCheckpoints(store.registry, { role: 'health-authority', scopeId: 'ha-noi' });
  const touched = organisationsOf(checkpoints);
  assert.deepEqual(touched, ['benh-vien-ba-dinh', 'so-y-te-ha-noi', 'truong-cau-giay']);
  const auditId = await store.tracingAudit.append({
    askedAt: 1, action: 'trace', username: 'cdc.hanoi', role: 'health-authority', scopeId: 'ha-noi', organisationId: null,
    touchedOrganisations: touched, subjectHmacs: 'b:x', periodFrom: 0, periodTo: 1, windowMinutes: 15, reason: 'Ca F0 số 123',
  });
  for (const organisation of touched) assert.deepEqual((await store.tracingAudit.forOrganisation(organisation, 10)).map((r) => r.auditId), [auditId]);
  assert.deepEqual(await store.tracingAudit.forOrganisation('cho-quan-1', 10), []);
  assert.deepEqual(await store.tracingAudit.forOrganisation('cong-ty-ha-noi-moi', 10), []);
  assert.deepEqual((await store.tracingAudit.forAskerScope('health-authority', 'ha-noi', 10)).map((r) => r.reason), ['Ca F0 số 123']);
  assert.deepEqual(await store.tracingAudit.organisationsOf(auditId), touched);
});

it("the hub config takes an organisation's area as 'province' or 'province/district' and names the field when it is not", () => {
  const config = (area: string) => validateHubConfig('/tmp/hub.json', { organisations: [{ id: 'cty', name: 'Công ty', area }] });
  assert.equal(config('ha-noi/ba-dinh').organisations[0]!.area, 'ha-noi/ba-dinh');
  for (const bad of ['Hà Nội', 'ha-noi/', '/ba-dinh', 'ha_noi', 'a/b/c/d']) {
    assert.throws(() => config(bad), (error: unknown) => error instanceof HubConfigError && error.fieldPath === 'organisations.0.area', bad);
  }
});
