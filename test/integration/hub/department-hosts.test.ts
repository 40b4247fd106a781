/**
 * Department hosts (for the guard's host picker) on SQLite and PostgreSQL: put through the admin API (an id that
 * is a bare number is refused — it could be an ID number), carried in the signed bundle of the department's
 * checkpoints only, and accepted by a real terminal's bundle verifier.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, it } from 'vitest';
import { safeDisplayName } from '../../../core/index.js';
import { BundleService } from '../../../hub/service/bundle-service.js';
import type { BundleContent } from '../../../hub/protocol.js';
import { BUILDING, CHECKPOINT, CHECKPOINT_B, describeEachStorage, startTestHub, type TestHub } from '../../support/hub-fixture.js';
import { startTestTerminal } from '../../support/hub-terminal.js';

const HOSTS = [
  { hostId: 'nv-0007', department: 'ke-toan', displayName: 'Trần Thị Bình' },
  { hostId: 'nv-0003', department: 'ke-toan', displayName: 'Lê Văn An' },
  { hostId: 'nv-0100', department: 'nhan-su', displayName: 'Phạm Thu Hà' },
];

describeEachStorage('department hosts in bundles', (kind) => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub(kind);
    await hub.admin('PUT', `/checkpoints/${CHECKPOINT_B}`, { buildingId: BUILDING, name: 'Phòng Kế toán', policy: { department: 'ke-toan' } });
  });
  afterAll(() => hub.dispose());

  it('refuses a host id that is a bare number', async () => {
    await assert.rejects(hub.admin('PUT', `/buildings/${BUILDING}/hosts`, { hosts: [{ hostId: '001099012345', department: 'ke-toan', displayName: 'X' }] }), /400/);
  });

  it('carries the department\'s hosts (by name) in its checkpoint\'s bundle only; a terminal accepts it', async () => {
    const before = (await hub.store.buildings.building(BUILDING))!.dataVersion;
    assert.deepEqual(await hub.admin('PUT', `/buildings/${BUILDING}/hosts`, { hosts: HOSTS }), { count: 3 });
    assert.equal((await hub.store.buildings.building(BUILDING))!.dataVersion, before + 1, 'a new bundle version');
    const department = await startTestTerminal(hub, { terminalId: 'ke-toan', checkpointId: CHECKPOINT_B, checkpointName: 'Phòng Kế toán' });
    const door = await startTestTerminal(hub, { terminalId: 'door', checkpointId: CHECKPOINT });
    try {
      const contentOf = async (terminalId: string) => {
        const record = await hub.store.terminals.terminal(terminalId);
        const answer = await new BundleService(hub.store, hub.keys).bundleFor(record!, undefined, Date.now());
        assert.ok(!answer.notModified);
        return JSON.parse(answer.bundle.payload) as BundleContent;
      };
      assert.deepEqual((await contentOf(department.identity!.terminalId)).hosts, [HOSTS[1], HOSTS[0]]);
      assert.equal((await contentOf(door.identity!.terminalId)).hosts, undefined, 'a building door has no host list');
      await department.sync.syncNow();
      const status = department.sync.status();
      assert.equal(status.lastError, null, 'the terminal verified and applied the bundle');
      assert.equal(status.dataVersion, before + 1);
    } finally {
      await Promise.all([department.close(), door.close()]);
    }
  });

  it('stores a hostile host name as every guard screen will show it (core/display-name.ts)', async () => {
    const hostile = 'Z' + '\u0301'.repeat(98) + '\u202E nạv';
    await hub.admin('PUT', `/buildings/${BUILDING}/hosts`, { hosts: [{ hostId: 'nv-0999', department: 'ke-toan', displayName: hostile.slice(0, 120) }] });
    const stored = await hub.store.hosts.hostsOf(BUILDING, 'ke-toan');
    assert.deepEqual(stored.map((h) => h.displayName), [safeDisplayName(hostile.slice(0, 120))]);
    assert.equal(stored[0]!.displayName, 'Ź\u0301\u0301 nạv');
  });
});
