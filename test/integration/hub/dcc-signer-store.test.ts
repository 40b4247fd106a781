/**
 * The DCC trust list store (hub/storage/dcc-signer-store.ts) on SQLite and PostgreSQL: what an import counts as
 * added, updated and unchanged, that only a change bumps the buildings' data version, removal counts, imports larger
 * than one statement's chunk, and two stores on the same data importing the same signers at once adding each exactly once.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, beforeEach, it } from 'vitest';
import { openHubStore } from '../../../hub/hub-app.js';
import type { DccSignerRecord } from '../../../hub/service/dcc-signer-check.js';
import type { HubStore } from '../../../hub/storage/hub-store.js';
import { BUILDING, describeEachStorage, startTestHub, type TestHub } from '../../support/hub-fixture.js';

const NOW = 1_767_000_000_000;

function signer(n: number, kid = `kid${n}`, country = 'VN'): DccSignerRecord {
  return {
    signerId: n.toString(16).padStart(64, '0'),
    kid,
    country,
    certificate: `cert-${n}`,
    subject: `CN=DSC ${n}`,
    keyType: 'EC P-256',
    algorithm: 'ES256',
    keyUsage: n % 2 ? ['1.3.6.1.4.1.1847.2021.1.1'] : [],
    notBefore: NOW - 1000,
    notAfter: NOW + 1000,
  };
}

const range = (from: number, to: number): DccSignerRecord[] => Array.from({ length: to - from }, (_, i) => signer(from + i));

describeEachStorage('DCC signer store', (kind) => {
  let hub: TestHub;
  let store: HubStore;
  const version = async (): Promise<number> => (await store.buildings.building(BUILDING))!.dataVersion;
  beforeAll(async () => {
    hub = await startTestHub(kind);
    store = hub.store;
  });
  beforeEach(async () => {
    await store.dccSigners.remove((await store.dccSigners.list()).map((s) => s.signerId));
  });
  afterAll(async () => {
    await hub.dispose();
  });

  it('counts added, updated and unchanged; repeats in one import count once (the last wins); only a change bumps the version', async () => {
    const v0 = await version();
    assert.deepEqual(await store.dccSigners.put([signer(1), signer(2, 'old'), signer(2)], NOW), { added: 2, updated: 0, unchanged: 0 });
    const v1 = await version();
    assert.ok(v1 > v0, 'adding signers bumps the version');
    assert.deepEqual(await store.dccSigners.list(), [signer(1), signer(2)]);

    assert.deepEqual(await store.dccSigners.put([signer(1), signer(2)], NOW + 1), { added: 0, updated: 0, unchanged: 2 });
    assert.equal(await version(), v1, 'an import that changes nothing leaves the version');

    const moved = { ...signer(2, 'kid2b', 'DE'), subject: 'ignored on update' };
    assert.deepEqual(await store.dccSigners.put([signer(1), moved, signer(3)], NOW + 2), { added: 1, updated: 1, unchanged: 1 });
    assert.ok((await version()) > v1, 'a new kid or country bumps the version');
    const listed = await store.dccSigners.list();
    assert.deepEqual(
      listed.map((s) => [s.signerId, s.kid, s.country, s.subject]),
      [
        [signer(2).signerId, 'kid2b', 'DE', 'CN=DSC 2'],
        [signer(1).signerId, 'kid1', 'VN', 'CN=DSC 1'],
        [signer(3).signerId, 'kid3', 'VN', 'CN=DSC 3'],
      ],
      'by country then kid; an update changes kid and country only',
    );
    assert.deepEqual(await store.dccSigners.put([], NOW + 3), { added: 0, updated: 0, unchanged: 0 });
  });

  it('removes by id, counting only the listed ones; removing nothing listed leaves the version', async () => {
    await store.dccSigners.put(range(1, 4), NOW);
    const v = await version();
    assert.equal(await store.dccSigners.remove(['f'.repeat(64)]), 0);
    assert.equal(await version(), v);
    assert.equal(await store.dccSigners.remove([signer(1).signerId, signer(1).signerId, signer(3).signerId, 'f'.repeat(64)]), 2);
    assert.ok((await version()) > v);
    assert.deepEqual(await store.dccSigners.list(), [signer(2)]);
  });

  it('an import and a removal larger than one statement', async () => {
    assert.deepEqual(await store.dccSigners.put(range(0, 1234), NOW), { added: 1234, updated: 0, unchanged: 0 });
    const changed = range(0, 1234).map((s, i) => (i % 3 === 0 ? { ...s, kid: `${s.kid}x` } : s));
    assert.deepEqual(await store.dccSigners.put([...changed, ...range(1234, 1300)], NOW), { added: 66, updated: 412, unchanged: 822 });
    assert.equal((await store.dccSigners.list()).length, 1300);
    assert.equal(await store.dccSigners.remove(range(0, 1250).map((s) => s.signerId)), 1250);
    assert.equal((await store.dccSigners.list()).length, 50);
  });

  it('two stores on the same data importing the same signers at once add each exactly once', async () => {
    const other = openHubStore(hub.config.storage);
    try {
      const signers = range(0, 700);
      const [a, b] = await Promise.all([store.dccSigners.put(signers, NOW), other.dccSigners.put(signers, NOW)]);
      assert.equal(a.added + b.added, 700);
      assert.equal(a.updated + b.updated, 0);
      assert.equal(a.unchanged + b.unchanged, 700);
      assert.equal((await store.dccSigners.list()).length, 700);
    } finally {
      await other.close();
    }
  });
});
