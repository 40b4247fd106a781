/**
 * Danh sách over real HTTP, on SQLite and on PostgreSQL: entries uploaded by two real terminals, listed per
 * checkpoint and day for a department manager — keyset pages of 50 that neither repeat nor skip a row, the outcome
 * filter, and 403 (with none of its entries) when the URL is edited to the building door's list.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, it } from 'vitest';
import { hashPassword } from '../../../hub/admin-web/password-hash.js';
import { adminWebClient, csrfIn } from '../../support/admin-web-client.js';
import { CHECKPOINT, CHECKPOINT_B, describeEachStorage, startTestHub, type TestHub } from '../../support/hub-fixture.js';
import { startTestTerminal, waitFor } from '../../support/hub-terminal.js';
import { validToken } from '../../support/tokens.js';

const PASSWORD = 'mật-khẩu-đủ-dài-2026';

async function logIn(hub: TestHub, username: string) {
  const browser = adminWebClient(hub.url);
  const answer = await browser.post('/admin-web/login', { username, password: PASSWORD, _csrf: csrfIn(await (await browser.get('/admin-web/login')).text()) });
  assert.equal(answer.status, 303);
  return async (path: string) => {
    const response = await browser.get(path);
    return { status: response.status, body: await response.text() };
  };
}

const rowCount = (body: string) => body.match(/<tr><td\b/g)?.length ?? 0;
const nextLink = (body: string) => /<a class="button" rel="next" href="([^"]+)">/.exec(body)?.[1]?.replaceAll('&amp;', '&');

describeEachStorage('Danh sách (entries list)', (kind) => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub(kind, { policy: { antiPassbackWindowMs: 0 } });
    await hub.store.accounts.putAccount({
      username: 'quanly.ketoan', displayName: 'Quản lý Kế toán', passwordHash: await hashPassword(PASSWORD, { N: 2 ** 12, r: 8, p: 1 }),
      role: 'department-manager', scopeId: CHECKPOINT_B, createdAt: 0,
    });
    const door = await startTestTerminal(hub, { terminalId: 'door' });
    const department = await startTestTerminal(hub, { terminalId: 'dept', checkpointId: CHECKPOINT_B, checkpointName: 'Cổng phụ B' });
    try {
      for (let i = 0; i < 60; i++) department.app.gate.handleScan('simulated', validToken({ name: `Nhân Viên Số ${String(i).padStart(2, '0')}` }));
      for (let i = 0; i < 5; i++) department.app.gate.handleScan('simulated', 'mã không hợp lệ');
      for (let i = 0; i < 3; i++) door.app.gate.handleScan('simulated', validToken({ name: 'Người Cổng Chính' }));
      await department.sync.syncNow();
      await door.sync.syncNow();
      await waitFor(async () => (await hub.store.entries.stats()).total === 68, 'all 68 entries on the hub');
    } finally {
      await door.close();
      await department.close();
    }
  });
  afterAll(() => hub.dispose());

  it('pages 65 entries as 50 + 15 by keyset, newest first, without repeats or other checkpoints', async () => {
    const get = await logIn(hub, 'quanly.ketoan');
    const first = await get(`/admin-web/checkpoints/${CHECKPOINT_B}/entries`);
    assert.equal(first.status, 200);
    assert.match(first.body, /Danh sách · Cổng phụ B/);
    assert.equal(rowCount(first.body), 50);
    const next = nextLink(first.body);
    assert.match(next!, /after=\d+\.\d+$/, 'the next page is a keyset cursor, not an offset');
    const second = await get(next!);
    assert.equal(rowCount(second.body), 15);
    assert.equal(nextLink(second.body), undefined, 'the last page has no next link');
    const names = (first.body + second.body).match(/Nhân Viên Số \d\d/g)!;
    assert.equal(new Set(names).size, 60, 'every admitted person once, none repeated across pages');
    assert.ok(first.body.indexOf('Từ chối') < first.body.indexOf('Nhân Viên Số 59'), 'newest (the denied scans) first');
    assert.doesNotMatch(first.body + second.body, /Người Cổng Chính/);
  });

  it('filters by outcome and refuses the building door list by URL tampering', async () => {
    const get = await logIn(hub, 'quanly.ketoan');
    const denied = await get(`/admin-web/checkpoints/${CHECKPOINT_B}/entries?outcome=deny&direction=&kind=`);
    assert.equal(rowCount(denied.body), 5);
    assert.match(denied.body, /<option value="deny" selected>/);
    const garbageFilter = await get(`/admin-web/checkpoints/${CHECKPOINT_B}/entries?outcome=x'%20OR%201=1&day=bad&after=1;DROP`);
    assert.equal(rowCount(garbageFilter.body), 50, 'malformed filters are ignored, not passed to SQL');
    const tampered = await get(`/admin-web/checkpoints/${CHECKPOINT}/entries`);
    assert.equal(tampered.status, 403);
    assert.doesNotMatch(tampered.body, /Người Cổng Chính/);
  });
});
