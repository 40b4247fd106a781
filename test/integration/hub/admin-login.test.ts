/**
 * Admin web login and role scopes over real HTTP, on SQLite and on PostgreSQL: scrypt-hashed accounts, login CSRF,
 * session cookie flags, strict CSP, rate-limited failures, a synchroniser CSRF token on logout, and scopes — a
 * department manager sees only its own checkpoint and gets 403 when it edits the URL to another one.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, it } from 'vitest';
import { hashPassword } from '../../../hub/admin-web/password-hash.js';
import { AdminUsageError, createAdmin } from '../../../hub/cli/create-admin.js';
import type { AdminRole } from '../../../hub/storage/admin-accounts.js';
import { adminWebClient as browser, csrfIn, type AdminWebClient as Browser } from '../../support/admin-web-client.js';
import { BUILDING, CHECKPOINT, CHECKPOINT_B, describeEachStorage, startTestHub, type TestHub } from '../../support/hub-fixture.js';

const PASSWORD = 'mật-khẩu-đủ-dài-2026';
const FAST_SCRYPT = { N: 2 ** 12, r: 8, p: 1 };

async function logIn(hub: TestHub, username: string, password = PASSWORD): Promise<{ b: Browser; response: Response }> {
  const b = browser(hub.url);
  const form = await (await b.get('/admin-web/login')).text();
  return { b, response: await b.post('/admin-web/login', { username, password, _csrf: csrfIn(form) }) };
}

describeEachStorage('admin web login and role scopes', (kind) => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub(kind);
    await hub.admin('PUT', `/checkpoints/${CHECKPOINT_B}/description`, { kind: 'department', address: 'Tầng 3', directions: ['in'] });
    const account = async (username: string, role: AdminRole, scopeId: string) =>
      hub.store.accounts.putAccount({ username, displayName: `Người ${username}`, passwordHash: await hashPassword(PASSWORD, FAST_SCRYPT), role, scopeId, createdAt: 0 });
    await hub.admin('PUT', '/organisations/cong-ty-thu', { name: 'Công ty Thử nghiệm' });
    await hub.admin('PUT', '/buildings/' + BUILDING + '/placement', { organisationId: 'cong-ty-thu', address: 'Hà Nội' });
    await account('quantri.congty', 'organisation-admin', 'cong-ty-thu');
    await account('quantri.khac', 'organisation-admin', 'cong-ty-khac');
    await account('quanly.toanha', 'building-manager', BUILDING);
    await account('quanly.ketoan', 'department-manager', CHECKPOINT_B);
    await account('quanly.khoa', 'department-manager', CHECKPOINT_B);
  });
  afterAll(() => hub.dispose());

  it('sends strangers to the login page, with a strict CSP and a SameSite=Strict login cookie', async () => {
    const b = browser(hub.url);
    const overview = await b.get('/admin-web/');
    assert.equal(overview.status, 303);
    assert.equal(overview.headers.get('location'), '/admin-web/login');
    const login = await b.get('/admin-web/login');
    assert.match(login.headers.get('content-security-policy')!, /default-src 'none'.*frame-ancestors 'none'/);
    assert.match(login.headers.getSetCookie()[0]!, /^gate_admin_csrf=[^;]+; Path=\/admin-web; HttpOnly; SameSite=Strict$/);
    assert.equal(login.headers.get('strict-transport-security'), null, 'no HSTS over plain HTTP');
    assert.match(await login.text(), /<html lang="vi">[\s\S]*Đăng nhập/);
  });

  it('refuses a login without its CSRF token, and a wrong password, in Vietnamese', async () => {
    const b = browser(hub.url);
    await b.get('/admin-web/login');
    const forged = await b.post('/admin-web/login', { username: 'quanly.toanha', password: PASSWORD, _csrf: 'forged' });
    assert.equal(forged.status, 403);
    const { response } = await logIn(hub, 'quanly.toanha', 'sai-mật-khẩu-rồi');
    assert.equal(response.status, 401);
    assert.match(await response.text(), /Tên đăng nhập hoặc mật khẩu không đúng/);
  });

  it('an organisation admin and a building manager see both checkpoints; a department manager only its own, and 403 on URL tampering', async () => {
    const building = await logIn(hub, 'quanly.toanha');
    assert.equal(building.response.status, 303);
    const sessionCookie = building.response.headers.getSetCookie().find((c) => c.startsWith('gate_admin_session='));
    assert.match(sessionCookie!, /^gate_admin_session=[A-Za-z0-9_-]{32}\.[^;]+; Path=\/admin-web; Expires=[^;]+; HttpOnly; SameSite=Strict$/, 'signed id, idle after 30 min, no Secure flag over plain HTTP');
    const all = await (await building.b.get('/admin-web/')).text();
    assert.match(all, /Cổng thử nghiệm/);
    assert.match(all, /Cổng phụ B[\s\S]*Bộ phận/);

    const organisation = await (await (await logIn(hub, 'quantri.congty')).b.get('/admin-web/')).text();
    assert.match(organisation, /Cổng thử nghiệm[\s\S]*Cổng phụ B|Cổng phụ B[\s\S]*Cổng thử nghiệm/, 'an organisation admin sees its buildings');
    const stranger = await logIn(hub, 'quantri.khac');
    assert.doesNotMatch(await (await stranger.b.get('/admin-web/')).text(), /Cổng thử nghiệm|Cổng phụ B/, 'another organisation sees none of them');
    assert.equal((await stranger.b.get(`/admin-web/checkpoints/${CHECKPOINT}`)).status, 403);

    const department = await logIn(hub, 'QuanLy.KeToan');
    const own = await (await department.b.get('/admin-web/')).text();
    assert.match(own, /Cổng phụ B/);
    assert.doesNotMatch(own, /Cổng thử nghiệm/, 'the building door is not in a department manager\'s list');
    assert.equal((await department.b.get(`/admin-web/checkpoints/${CHECKPOINT_B}`)).status, 200);
    const tampered = await department.b.get(`/admin-web/checkpoints/${CHECKPOINT}`);
    assert.equal(tampered.status, 403);
    assert.doesNotMatch(await tampered.text(), /Cổng thử nghiệm/);
    assert.equal((await department.b.get('/admin-web/checkpoints/khong-ton-tai')).status, 403);
  });

  it('logs out only with the session CSRF token; the old cookie then opens nothing', async () => {
    const { b } = await logIn(hub, 'quanly.ketoan');
    const overview = await (await b.get('/admin-web/')).text();
    const stolenCookie = b.cookies.get('gate_admin_session')!;
    assert.equal((await b.post('/admin-web/logout', { _csrf: 'forged' })).status, 403);
    assert.equal((await b.post('/admin-web/logout', { _csrf: csrfIn(overview) })).status, 303);
    const replay = await fetch(`${hub.url}/admin-web/`, { headers: { cookie: `gate_admin_session=${stolenCookie}` }, redirect: 'manual' });
    assert.equal(replay.status, 303, 'the session is gone on the hub, not only in the browser');
  });

  it('locks a user name after five failures (429 with Retry-After), even with the right password', async () => {
    for (let i = 0; i < 5; i++) assert.equal((await logIn(hub, 'quanly.khoa', `sai-${i}-mật-khẩu`)).response.status, 401);
    const locked = (await logIn(hub, 'quanly.khoa')).response;
    assert.equal(locked.status, 429);
    assert.ok(Number(locked.headers.get('retry-after')) > 800);
    assert.match(await locked.text(), /Quá nhiều lần đăng nhập sai/);
  });

  it('`create-admin` stores a scrypt-hashed account (password from the environment) that can log in', async () => {
    const run = (args: string[], password: string) => createAdmin([...args], () => hub.config, { GATE_ADMIN_PASSWORD: password });
    const args = ['--username', 'Tao.Boi.CLI', '--name', 'Tạo bởi CLI', '--role', 'department-manager', '--scope', CHECKPOINT_B];
    await assert.rejects(run(args, 'ngắn'), AdminUsageError);
    await assert.rejects(run(['--username', 'x.y.z', '--role', 'building-manager', '--scope', 'khong-co'], PASSWORD), /no building "khong-co"/);
    assert.equal(await run(args, PASSWORD), 0);
    const stored = await hub.store.accounts.account('tao.boi.cli');
    assert.match(stored!.passwordHash, /^scrypt\$131072\$8\$1\$/);
    assert.ok(!stored!.passwordHash.includes(PASSWORD));
    const { b, response } = await logIn(hub, 'tao.boi.cli');
    assert.equal(response.status, 303);
    assert.match(await (await b.get('/admin-web/')).text(), /Tạo bởi CLI · Quản lý bộ phận/);
  });
});
