/**
 * Shared building with a building door and a department checkpoint, on SQLite and on PostgreSQL, through the real
 * hub and two real gate apps: the registry says which checkpoint is the building door and which the department; the
 * department's chained policy travels in its signed bundle; the hub relays building-door entries; the department
 * terminal admits a person who came through the building door, denies one who did not (NO_BUILDING_ENTRY), and
 * reviews (BUILDING_DATA_STALE) when its hub data is too old to tell.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, it } from 'vitest';
import { BUILDING, CHECKPOINT, CHECKPOINT_B, describeEachStorage, startTestHub, type TestHub } from '../../support/hub-fixture.js';
import { advancingClock, startTestTerminal, type TestTerminal } from '../../support/hub-terminal.js';
import { validToken } from '../../support/tokens.js';

const MINUTE = 60_000;
const DEPARTMENT_POLICY = { department: 'ke-toan', antiPassbackWindowMs: 0, chain: { buildingDoorWithinMs: 30 * MINUTE, visitorsNeedHost: false } };

function scanIn(terminal: TestTerminal, subjectRef: Buffer) {
  terminal.app.gate.setDirection('in');
  const { outcome, reasons } = terminal.app.gate.handleScan('simulated', validToken({ subjectRef, name: 'Đỗ Thị Phòng Ban' })).decision;
  return { outcome, reason: reasons[0] };
}

describeEachStorage('department checkpoint chained to the building door', (kind) => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub(kind);
    await hub.admin('PUT', '/organisations/cong-ty-thu', { name: 'Công ty Thử nghiệm' });
    await hub.admin('PUT', `/buildings/${BUILDING}/placement`, { organisationId: 'cong-ty-thu', address: 'Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội' });
    await hub.admin('PUT', `/checkpoints/${CHECKPOINT_B}`, { buildingId: BUILDING, name: 'Phòng Kế toán', policy: DEPARTMENT_POLICY });
    await hub.admin('PUT', `/checkpoints/${CHECKPOINT_B}/description`, { kind: 'department', address: 'Tầng 3', directions: ['in', 'out'] });
  });
  afterAll(() => hub.dispose());

  it('lists the organisation → building → checkpoints tree with kinds and addresses', async () => {
    const tree = await hub.admin<{ organisations: { organisationId: string; name: string; area: string | null }[]; buildings: { buildingId: string; address: string; checkpoints: { checkpointId: string; kind: string; address: string }[] }[] }>(
      'GET',
      '/registry?organisationId=cong-ty-thu',
    );
    // No area registered for this organisation (issue 15's health-authority areas): null, not missing.
    assert.deepEqual(tree.organisations, [{ organisationId: 'cong-ty-thu', name: 'Công ty Thử nghiệm', area: null }]);
    assert.equal(tree.buildings.length, 1);
    assert.equal(tree.buildings[0]!.address, 'Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội');
    const kinds = Object.fromEntries(tree.buildings[0]!.checkpoints.map((c) => [c.checkpointId, [c.kind, c.address]]));
    assert.deepEqual(kinds, { [CHECKPOINT]: ['building-door', ''], [CHECKPOINT_B]: ['department', 'Tầng 3'] });
  });

  it('admits at the department after the building door, denies without it, reviews on stale data', async () => {
    const door = await startTestTerminal(hub, { terminalId: 'building-door' });
    const department = await startTestTerminal(hub, { terminalId: 'ke-toan', checkpointId: CHECKPOINT_B, checkpointName: 'Phòng Kế toán' });
    const staleClock = advancingClock();
    const staleDepartment = await startTestTerminal(hub, {
      terminalId: 'ke-toan-offline',
      checkpointId: CHECKPOINT_B,
      checkpointName: 'Phòng Kế toán',
      clock: staleClock,
      hub: { maxDataAgeHours: 0.0001 }, // 360 ms
    });
    try {
      await Promise.all([door.sync.syncNow(), department.sync.syncNow(), staleDepartment.sync.syncNow()]);
      const employee = randomBytes(16);
      const stranger = randomBytes(16);
      assert.deepEqual(scanIn(door, employee), { outcome: 'admit', reason: 'DECLARATION_VALID' });
      await door.sync.syncNow();
      await department.sync.syncNow();

      assert.deepEqual(scanIn(department, employee), { outcome: 'admit', reason: 'DECLARATION_VALID' }, 'passed the building door 0 min ago');
      assert.deepEqual(scanIn(department, stranger), { outcome: 'deny', reason: 'NO_BUILDING_ENTRY' }, 'never at the building door');
      assert.deepEqual(scanIn(door, stranger), { outcome: 'admit', reason: 'DECLARATION_VALID' }, 'the building door has no chain');

      staleClock.advance(361); // past the 360 ms limit since its last sync, on its own clock
      // Decided stale at the scan's own time: nobody asked for the sync status first.
      assert.deepEqual(scanIn(staleDepartment, employee), { outcome: 'review', reason: 'BUILDING_DATA_STALE' }, 'stale data: review, never a deny');
      assert.equal(staleDepartment.sync.status().dataStale, true, 'the offline terminal knows its data is old');
    } finally {
      await Promise.all([door.close(), department.close(), staleDepartment.close()]);
    }
  });

  it('per-weekday opening hours travel in the bundle: a closed day denies with CLOSED_TODAY, an open one admits', async () => {
    const weekdays = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
    const today = weekdays[new Date(Date.now() + 7 * 3_600_000).getUTCDay()]!;
    const allDay = { opens: '00:00', closes: '00:00' };
    const week = (todayHours: typeof allDay | null) => Object.fromEntries(weekdays.map((d) => [d, d === today ? todayHours : allDay]));
    const withHours = (todayHours: typeof allDay | null) => ({ ...DEPARTMENT_POLICY, chain: undefined, openingHours: { weekly: week(todayHours) } });
    await hub.admin('PUT', `/checkpoints/${CHECKPOINT_B}`, { buildingId: BUILDING, name: 'Phòng Kế toán', policy: withHours(null) });
    const department = await startTestTerminal(hub, { terminalId: 'ke-toan-gio', checkpointId: CHECKPOINT_B, checkpointName: 'Phòng Kế toán' });
    try {
      await department.sync.syncNow();
      assert.deepEqual(scanIn(department, randomBytes(16)), { outcome: 'deny', reason: 'CLOSED_TODAY' }, `${today} is closed`);
      await hub.admin('PUT', `/checkpoints/${CHECKPOINT_B}`, { buildingId: BUILDING, name: 'Phòng Kế toán', policy: withHours(allDay) });
      await department.sync.syncNow();
      assert.deepEqual(scanIn(department, randomBytes(16)), { outcome: 'admit', reason: 'DECLARATION_VALID' }, `${today} open round the clock`);
    } finally {
      await department.close();
    }
  });
});
