/**
 * The guard's host pick at a department checkpoint, on SQLite and on PostgreSQL, through the real hub and two real
 * gate apps: the department's hosts travel in the signed bundle; a visitor who passed the building door is reviewed
 * with VISITOR_NEEDS_HOST; the contract's `admitWithHost` decides the same scan again with the picked host and
 * admits; the register holds both rows (the pick points at the review and carries the host id); the host id goes up
 * to the hub and shows, by the host's name, in the admin Danh sách's "Người tiếp đón" column.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, it } from 'vitest';
import type { EntryView, HostList } from '../../../core/index.js';
import { createContractHandler, ContractError } from '../../../main/host/contract-handlers.js';
import { logInAs, putAdminAccount } from '../../support/admin-web-client.js';
import { BUILDING, CHECKPOINT_B, describeEachStorage, startTestHub, type TestHub } from '../../support/hub-fixture.js';
import { advancingClock, startTestTerminal, waitFor } from '../../support/hub-terminal.js';
import { validToken } from '../../support/tokens.js';

const MINUTE = 60_000;
const POLICY = { department: 'ke-toan', antiPassbackWindowMs: 0, chain: { buildingDoorWithinMs: 30 * MINUTE, visitorsNeedHost: true } };
const HOSTS = [
  { hostId: 'nv-0007', department: 'ke-toan', displayName: 'Trần Thị Bình' },
  { hostId: 'nv-0003', department: 'ke-toan', displayName: 'Lê Văn An' },
  { hostId: 'nv-0100', department: 'nhan-su', displayName: 'Phạm Thu Hà' },
];

const refusedWith = (code: string) => (e: unknown) => e instanceof ContractError && e.code === code;

describeEachStorage('visitor host picked by the guard', (kind) => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub(kind);
    await hub.admin('PUT', `/checkpoints/${CHECKPOINT_B}`, { buildingId: BUILDING, name: 'Phòng Kế toán', policy: POLICY });
    await hub.admin('PUT', `/checkpoints/${CHECKPOINT_B}/description`, { kind: 'department', address: 'Tầng 3', directions: ['in', 'out'] });
    await hub.admin('PUT', `/buildings/${BUILDING}/hosts`, { hosts: HOSTS });
    await putAdminAccount(hub, 'quanly.ketoan', 'department-manager', CHECKPOINT_B);
  });
  afterAll(() => hub.dispose());

  it('reviews a visitor without host, admits with the picked host, records and uploads the host id', async () => {
    const door = await startTestTerminal(hub, { terminalId: 'door' });
    const department = await startTestTerminal(hub, { terminalId: 'ke-toan', checkpointId: CHECKPOINT_B, checkpointName: 'Phòng Kế toán' });
    try {
      await Promise.all([door.sync.syncNow(), department.sync.syncNow()]);
      const visitor = randomBytes(16);
      door.app.gate.setDirection('in');
      assert.equal(door.app.gate.handleScan('simulated', validToken({ subjectRef: visitor, name: 'Khách Đến Thăm' })).decision.outcome, 'admit');
      await door.sync.syncNow();
      await department.sync.syncNow();

      const call = createContractHandler(department.app);
      const list = call('listHosts', {}) as HostList;
      assert.deepEqual(list, { hosts: [HOSTS[1], HOSTS[0]], stale: false }, 'only this department, from the bundle');
      assert.deepEqual(createContractHandler(door.app)('listHosts', {}), { hosts: [], stale: false }, 'a building door has no hosts');

      department.app.gate.setDirection('in');
      const review = department.app.gate.handleScan('simulated', validToken({ subjectRef: visitor, name: 'Khách Đến Thăm' }));
      assert.deepEqual([review.decision.outcome, review.decision.reasons[0]], ['review', 'VISITOR_NEEDS_HOST']);
      const plain = department.app.gate.handleScan('simulated', 'không phải mã');

      assert.throws(() => call('admitWithHost', { entryId: review.entryId, hostId: 'nv-0100' }), refusedWith('HOST_NOT_FOUND'), 'a host of another department');
      assert.throws(() => call('admitWithHost', { entryId: plain.entryId, hostId: 'nv-0007' }), refusedWith('HOST_NOT_NEEDED'));
      assert.throws(() => call('admitWithHost', { entryId: 'no-such-entry', hostId: 'nv-0007' }), refusedWith('ENTRY_NOT_FOUND'));
      const pulsesBefore = department.app.hardware.simulated!.relay.commands.filter((c) => c.action === 'pulse').length;
      const picked = call('admitWithHost', { entryId: review.entryId, hostId: 'nv-0007' }) as EntryView;
      assert.deepEqual([picked.decision.outcome, picked.decision.reasons], ['admit', ['DECLARATION_VALID']]);
      assert.equal(picked.overrideOf, review.entryId);
      assert.equal(picked.hostId, 'nv-0007');
      assert.equal(department.app.hardware.simulated!.relay.commands.filter((c) => c.action === 'pulse').length, pulsesBefore + 1, 'the gate opened once');
      assert.throws(() => call('admitWithHost', { entryId: review.entryId, hostId: 'nv-0003' }), refusedWith('ALREADY_OVERRIDDEN'), 'once per review');
      assert.throws(() => call('undoOverride', { entryId: picked.entryId }), refusedWith('UNDO_NOT_ALLOWED'), 'a pick is not an override to undo');
      assert.throws(
        () => call('overrideEntry', { entryId: picked.entryId, action: 'admit', reason: 'IDENTITY_VERIFIED', note: '' }),
        (e: unknown) => e instanceof ContractError && e.code === 'OVERRIDE_NOT_ALLOWED' && /admitted entry/.test(e.message),
        'the pick itself is overridable like a scan (here refused only because it admitted)',
      );

      const rows = department.app.register.database
        .prepare('SELECT id, outcome, reasons, override_of, override_reason, host_id FROM entries WHERE id IN (?, ?) ORDER BY seq')
        .all(review.entryId, picked.entryId);
      assert.deepEqual(rows, [
        { id: review.entryId, outcome: 'review', reasons: 'VISITOR_NEEDS_HOST DECLARATION_VALID', override_of: null, override_reason: null, host_id: null },
        { id: picked.entryId, outcome: 'admit', reasons: 'DECLARATION_VALID', override_of: review.entryId, override_reason: 'HOST_PICKED', host_id: 'nv-0007' },
      ], 'append-only: the review stays, the pick is its own row');

      await department.sync.syncNow();
      await waitFor(() => department.sync.status().queued === 0, 'the department terminal uploaded everything');
      const day = new Date(picked.committedAt + 7 * 3_600_000).toISOString().slice(0, 10);
      const listed = await hub.store.entryQueries.listEntries({ checkpointId: CHECKPOINT_B, from: picked.committedAt - MINUTE, to: picked.committedAt + MINUTE, limit: 10 });
      assert.deepEqual(listed.map((r) => [r.outcome, r.hostId]), [['admit', 'nv-0007'], ['deny', null], ['review', null]]);
      const admin = await logInAs(hub, 'quanly.ketoan');
      const page = await (await admin.get(`/admin-web/checkpoints/${CHECKPOINT_B}/entries?day=${day}`)).text();
      assert.match(page, /<th scope="col">Người tiếp đón<\/th>/);
      assert.match(page, /<td data-label="Họ tên">Khách Đến Thăm<\/td>.*<td data-label="Người tiếp đón">Trần Thị Bình<\/td><\/tr>/, 'the host by name, not by id');
    } finally {
      await Promise.all([door.close(), department.close()]);
    }
  });

  it('tells the picker when the host list is stale (hub data older than allowed)', async () => {
    const clock = advancingClock();
    const offline = await startTestTerminal(hub, { terminalId: 'ke-toan-cu', checkpointId: CHECKPOINT_B, checkpointName: 'Phòng Kế toán', clock, hub: { maxDataAgeHours: 0.0001 } });
    try {
      await offline.sync.syncNow();
      const call = createContractHandler(offline.app);
      assert.equal((call('listHosts', {}) as HostList).hosts.length, 2);
      clock.advance(361); // past the 360 ms limit since its last sync, on its own clock
      // Stale as of the call itself: nobody asked for the sync status first.
      assert.deepEqual(call('listHosts', {}), { hosts: [HOSTS[1], HOSTS[0]], stale: true }, 'still listed, marked stale');
      assert.equal(offline.sync.status().dataStale, true);
    } finally {
      await offline.close();
    }
  });
});
