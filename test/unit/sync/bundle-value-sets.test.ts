/**
 * Which EU DCC value sets a hub-backed terminal checks codes with (main/sync/hub-backed-context.ts): its own
 * `trust.dccValueSets` folder when configured (it takes precedence), else the value sets of the bundle in force —
 * replaced by each bundle applied, gone when a bundle carries none — else none (codes not checked).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'vitest';
import { DEFAULT_POLICY, dccValueSetsOfCodes, trustStoreOf } from '../../../core/index.js';
import type { BundleContent, BundleDccValueSets } from '../../../core/contract/hub-protocol.js';
import { openDatabase } from '../../../main/storage/open-database.js';
import { HubBackedContext } from '../../../main/sync/hub-backed-context.js';
import { HubDataStore } from '../../../main/sync/hub-data-store.js';
import { testContext, testIssuer } from '../../support/decision-context.js';
import { tempDir } from '../../support/paths.js';

const HOLDERS = 'vaccines-covid-19-auth-holders';

function bundle(version: number, dccValueSets?: BundleDccValueSets) {
  const content: BundleContent = {
    format: 1, version, issuedAt: 0, buildingId: 'b', checkpointId: 'cp', checkpointName: 'Cổng', policy: DEFAULT_POLICY,
    issuers: [], revocations: [], declarations: [], staff: [], ...(dccValueSets ? { dccValueSets } : {}),
  };
  return { content, subjectKey: Buffer.alloc(32, 1), identityKey: Buffer.alloc(32, 2), hubKeys: undefined };
}

const sets = (date: string, codes: string[]): BundleDccValueSets => ({ version: `${HOLDERS}@${date}`, sets: [{ id: HOLDERS, date, codes }] });

function context(configured?: ReturnType<typeof dccValueSetsOfCodes>) {
  const db = openDatabase(join(tempDir('bundle-value-sets'), 'register.sqlite'));
  const local = testContext(0, { trust: trustStoreOf([testIssuer], [], configured) });
  return { hub: new HubBackedContext(local, new HubDataStore(db)), close: () => db.close() };
}

test('without a folder of its own, the terminal checks with the bundle in force: none before, each new bundle replaces them', () => {
  const { hub, close } = context();
  const inForce = () => hub.trust.dccValueSets;
  try {
    assert.equal(inForce(), undefined, 'no bundle, no folder: codes are not checked');
    hub.apply(bundle(1, sets('2022-01-26', ['ORG-100030215'])));
    assert.equal(inForce()?.version, `${HOLDERS}@2022-01-26`);
    assert.ok(!inForce()?.has(HOLDERS, 'ORG-100099999'));
    hub.apply(bundle(2, sets('2026-11-30', ['ORG-100030215', 'ORG-100099999'])));
    assert.ok(inForce()?.has(HOLDERS, 'ORG-100099999'), 'the next bundle\'s sets, without restart');
    hub.apply(bundle(3, sets('2026-11-30', ['ORG-100030215'])));
    assert.ok(!inForce()?.has(HOLDERS, 'ORG-100099999'), 'same date, other codes: the codes of the bundle in force');
    hub.apply(bundle(4));
    assert.equal(inForce(), undefined, 'a bundle without value sets: codes are not checked');
  } finally {
    close();
  }
});

test('a configured trust.dccValueSets folder takes precedence over the bundle', () => {
  const own = dccValueSetsOfCodes([{ id: 'country-2-codes', date: '2019-11-01', codes: ['VN'] }]);
  const { hub, close } = context(own);
  try {
    assert.equal(hub.trust.dccValueSets, own);
    hub.apply(bundle(1, sets('2026-11-30', ['ORG-100099999'])));
    assert.equal(hub.trust.dccValueSets, own);
    assert.ok(!hub.trust.dccValueSets!.loaded(HOLDERS));
  } finally {
    close();
  }
});
