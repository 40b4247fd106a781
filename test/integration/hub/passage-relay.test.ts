/**
 * Cross-terminal anti-passback, on SQLite and on PostgreSQL: two doors of one building, each its own terminal. Once
 * both have the building's subject key (bundle) and door B has pulled the passages the hub relays, a person who
 * entered at door A and tries to enter again at door B is reviewed as "already inside" — naming door A.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, it } from 'vitest';
import { CHECKPOINT_B, describeEachStorage, startTestHub, type TestHub } from '../../support/hub-fixture.js';
import { startTestTerminal } from '../../support/hub-terminal.js';
import { validToken } from '../../support/tokens.js';

describeEachStorage('cross-terminal anti-passback', (kind) => {
  let hub: TestHub;
  beforeAll(async () => (hub = await startTestHub(kind)));
  afterAll(() => hub.dispose());

  it('reviews an entry at door B of someone who entered at door A, once the hub relayed it', async () => {
    const doorA = await startTestTerminal(hub, { terminalId: 'door-a' });
    const doorB = await startTestTerminal(hub, { terminalId: 'door-b', checkpointId: CHECKPOINT_B, checkpointName: 'Cổng phụ B' });
    try {
      await doorA.sync.syncNow();
      await doorB.sync.syncNow();
      const person = randomBytes(16);
      const control = randomBytes(16);
      const scan = (door: typeof doorA, subjectRef: Buffer, direction: 'in' | 'out') => {
        door.app.gate.setDirection(direction);
        return door.app.gate.handleScan('simulated', validToken({ subjectRef, name: 'Phạm Thị Hai Cửa' })).decision;
      };
      assert.equal(scan(doorA, person, 'in').outcome, 'admit');
      assert.equal(scan(doorA, control, 'in').outcome, 'admit');
      await doorA.sync.syncNow();
      assert.equal(scan(doorB, control, 'in').outcome, 'admit', 'before B pulled the relay it knows nothing of door A');

      await doorB.sync.syncNow();
      const again = scan(doorB, person, 'in');
      assert.equal(again.outcome, 'review');
      assert.equal(again.reasons[0], 'ALREADY_INSIDE');
      assert.equal(again.reasonParams?.checkpoint, 'Cổng thử nghiệm', 'the reason names the door the person entered by');
      const leaving = scan(doorB, person, 'out');
      assert.equal(leaving.outcome, 'admit');
      assert.ok(!leaving.reasons.includes('EXIT_WITHOUT_ENTRY'), 'the exit at B matches the entry at A');
      await doorB.sync.syncNow();
      await doorA.sync.syncNow();
      assert.equal(scan(doorA, person, 'in').outcome, 'admit', 'A learns of the exit at B: entering again is fine');
    } finally {
      await doorA.close();
      await doorB.close();
    }
  });
});
