/**
 * The hub's EU DCC value sets on SQLite and PostgreSQL (one SQL text, hub/storage/dcc-value-set-store.ts): a new hub
 * is seeded from the vendored release (vendor/ehn-dcc-valuesets 2.12.0) and bumps every building's data version; a
 * second start seeds nothing; a put replaces sets by id (others stay), counts added / updated / unchanged, bumps the
 * data version only on a change, and is all or nothing.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, it } from 'vitest';
import { dccValueSetsVersion } from '../../../core/index.js';
import { readValueSetFolder, seedDccValueSets } from '../../../hub/service/dcc-value-set-import.js';
import { silentHubLogger } from '../../../hub/hub-logger.js';
import { EU_VALUE_SETS } from '../../support/dcc.js';
import { BUILDING, describeEachStorage, startTestHub, type TestHub } from '../../support/hub-fixture.js';

const VENDORED = readValueSetFolder(EU_VALUE_SETS);
const HOLDERS = 'vaccines-covid-19-auth-holders';

describeEachStorage('DCC value sets in the hub store', (kind) => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub(kind);
  });
  afterAll(async () => {
    await hub.dispose();
  });
  const dataVersion = async () => (await hub.store.buildings.building(BUILDING))!.dataVersion;

  it('a new hub holds the vendored release, codes and dates as the EU published them', async () => {
    const stored = await hub.store.dccValueSets.list();
    assert.equal(stored.length, 9);
    assert.equal(dccValueSetsVersion(stored), dccValueSetsVersion(VENDORED));
    assert.match(dccValueSetsVersion(stored), /vaccines-covid-19-auth-holders@2022-01-26/);
    const holders = stored.find((s) => s.id === HOLDERS)!;
    assert.deepEqual(holders.codes, VENDORED.find((s) => s.id === HOLDERS)!.codes);
    assert.ok(holders.codes.includes('ORG-100030215'));
    assert.ok(stored.every((s) => s.importedAt > 0));
  });

  it('seeding again does nothing once sets are stored', async () => {
    const before = await dataVersion();
    assert.equal(await seedDccValueSets(hub.store, silentHubLogger, Date.now(), EU_VALUE_SETS), undefined);
    assert.equal(await dataVersion(), before);
  });

  it('put replaces sets by id, keeps the others, and bumps the data version only on a change', async () => {
    const before = await dataVersion();
    const unchanged = await hub.store.dccValueSets.put(VENDORED, 1_000);
    assert.deepEqual([unchanged.added, unchanged.updated, unchanged.unchanged], [0, 0, 9]);
    assert.equal(await dataVersion(), before, 'nothing changed: no new bundle');

    const holders = VENDORED.find((s) => s.id === HOLDERS)!;
    const newer = { id: HOLDERS, date: '2026-11-30', codes: ['ORG-100099999', ...holders.codes, 'ORG-100099999'] };
    const extra = { id: 'test-set', date: '2026-12-01', codes: ['B', 'A'] };
    const changed = await hub.store.dccValueSets.put([newer, extra], 2_000);
    assert.deepEqual([changed.added, changed.updated, changed.unchanged], [1, 1, 0]);
    assert.match(changed.version, /test-set@2026-12-01,vaccines-covid-19-auth-holders@2026-11-30,vaccines-covid-19-encoding-instructions@/);
    assert.ok((await dataVersion()) > before, 'a change is a new bundle version for every building');

    const stored = await hub.store.dccValueSets.list();
    assert.equal(stored.length, 10);
    assert.equal(dccValueSetsVersion(stored), changed.version);
    assert.deepEqual(stored.find((s) => s.id === 'test-set'), { id: 'test-set', date: '2026-12-01', codes: ['A', 'B'], importedAt: 2_000 });
    const storedHolders = stored.find((s) => s.id === HOLDERS)!;
    assert.equal(storedHolders.codes.length, holders.codes.length + 1, 'codes are stored once each');
    assert.deepEqual(storedHolders.codes, [...storedHolders.codes].sort());
    assert.notEqual(stored.find((s) => s.id === 'country-2-codes')!.importedAt, 2_000, 'a set not given is left as it was');
  });

  it('a put that fails part-way stores nothing and bumps nothing', async () => {
    const before = await hub.store.dccValueSets.list();
    const version = await dataVersion();
    const broken = [{ id: 'another-set', date: '2026-12-02', codes: ['X'] }, { id: 'broken-set', date: null as unknown as string, codes: ['Y'] }];
    await assert.rejects(hub.store.dccValueSets.put(broken, 3_000));
    assert.deepEqual(await hub.store.dccValueSets.list(), before);
    assert.equal(await dataVersion(), version);
  });
});
