/**
 * The admin login's limits and cookie flags over real HTTP (issue 17): attempts are reserved before the password
 * check (30 simultaneous wrong passwords: five are checked), a browser that logged in before keeps getting in while
 * an attacker has locked the user name and the office's address, and behind a TLS proxy (`trustProxy` + an https
 * `publicBaseUrl`) or with the hub's own TLS (`https`, Fastify's built-in option) the cookies are Secure and HSTS
 * is sent.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { request } from 'node:https';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { tempDir } from '../../support/paths.js';
import { adminWebClient, csrfIn, putAdminAccount, type AdminWebClient } from '../../support/admin-web-client.js';
import { startTestHub, type TestHub } from '../../support/hub-fixture.js';

const PASSWORD = 'mật-khẩu-đủ-dài-2026';

async function attempt(client: AdminWebClient, username: string, password: string, headers: Record<string, string> = {}): Promise<Response> {
  const form = await (await client.get('/admin-web/login')).text();
  return client.post('/admin-web/login', { username, password, _csrf: csrfIn(form) }, headers);
}

describe('admin login limits [sqlite]', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub('sqlite');
    for (const name of ['an', 'binh', 'chi']) await putAdminAccount(hub, name, 'organisation-admin', 'cong-ty');
  });
  afterAll(() => hub.dispose());

  it('checks the password of only five of 30 simultaneous wrong guesses; the right password is then locked out too', async () => {
    const clients = await Promise.all(Array.from({ length: 30 }, async () => {
      const client = adminWebClient(hub.url);
      return { client, csrf: csrfIn(await (await client.get('/admin-web/login')).text()) };
    }));
    const answers = await Promise.all(clients.map(({ client, csrf }, i) => client.post('/admin-web/login', { username: 'an', password: `sai-${i}-mật-khẩu`, _csrf: csrf })));
    const statuses = answers.map((a) => a.status).sort();
    assert.deepEqual(statuses, [...Array(5).fill(401), ...Array(25).fill(429)]);
    assert.equal((await attempt(adminWebClient(hub.url), 'an', PASSWORD)).status, 429);
  });

  it("an attacker locking the user name and the address does not shut out a browser that logged in before (its device cookie)", async () => {
    const binh = adminWebClient(hub.url);
    assert.equal((await attempt(binh, 'binh', PASSWORD)).status, 303);
    assert.ok(binh.cookies.has('gate_admin_device'));
    const attacker = adminWebClient(hub.url);
    for (let i = 0; i < 20; i++) await attempt(attacker, i % 2 ? 'binh' : `khong-co-${i}`, 'đoán-sai-mật-khẩu');
    assert.equal((await attempt(attacker, 'binh', PASSWORD)).status, 429, 'the user name is locked for new browsers');
    assert.equal((await attempt(adminWebClient(hub.url), 'chi', PASSWORD)).status, 429, 'the address is locked for new browsers (documented)');
    assert.equal((await attempt(binh, 'binh', PASSWORD)).status, 303, "binh's own browser still gets in");
    const stolen = adminWebClient(hub.url);
    stolen.cookies.set('gate_admin_device', binh.cookies.get('gate_admin_device')!);
    for (let i = 0; i < 5; i++) assert.equal((await attempt(stolen, 'binh', `sai-${i}-mật-khẩu-nữa`)).status, 401);
    assert.equal((await attempt(stolen, 'binh', PASSWORD)).status, 429, 'a device cookie has its own limit of five failures');
  });
});

describe('admin web behind a TLS proxy [sqlite]', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub('sqlite', { extra: { trustProxy: '127.0.0.1', publicBaseUrl: 'https://quantri.example.vn' } });
    await putAdminAccount(hub, 'an', 'organisation-admin', 'cong-ty');
  });
  afterAll(() => hub.dispose());

  it('sets Secure cookies and HSTS, and limits by the forwarded client address', async () => {
    const proxied = { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.7' };
    const client = adminWebClient(hub.url, proxied);
    const login = await client.get('/admin-web/login');
    assert.match(login.headers.get('strict-transport-security')!, /max-age=31536000/);
    assert.match(login.headers.getSetCookie()[0]!, /; Secure; SameSite=Strict$/);
    const ok = await attempt(client, 'an', PASSWORD);
    assert.equal(ok.status, 303);
    for (const cookie of ok.headers.getSetCookie()) assert.match(cookie, /HttpOnly; Secure; SameSite=Strict/, cookie);
    for (let i = 0; i < 20; i++) await attempt(adminWebClient(hub.url, { ...proxied, 'x-forwarded-for': '203.0.113.9' }), `khong-co-${i}`, 'đoán-sai-mật-khẩu');
    assert.equal((await attempt(adminWebClient(hub.url, { ...proxied, 'x-forwarded-for': '203.0.113.9' }), 'an', PASSWORD)).status, 429);
    assert.equal((await attempt(adminWebClient(hub.url, proxied), 'an', PASSWORD)).status, 303, 'another client address is not locked');
  });
});

describe("admin web on the hub's own TLS [sqlite]", () => {
  let hub: TestHub;
  beforeAll(async () => {
    const dir = tempDir('tls');
    const [keyPath, certPath] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-keyout', keyPath, '-out', certPath], { stdio: 'ignore' });
    hub = await startTestHub('sqlite', { extra: { https: { keyPath, certPath } } });
  });
  afterAll(() => hub.dispose());

  it('serves HTTPS with Secure cookies and HSTS', async () => {
    assert.match(hub.url, /^https:\/\//);
    const answer = await new Promise<{ headers: Record<string, string | string[] | undefined> }>((resolve, reject) => {
      request(`${hub.url}/admin-web/login`, { rejectUnauthorized: false }, (response) => {
        response.resume();
        response.on('end', () => resolve({ headers: response.headers }));
      }).on('error', reject).end();
    });
    assert.match(String(answer.headers['strict-transport-security']), /max-age=31536000/);
    assert.match((answer.headers['set-cookie'] as string[])[0]!, /^gate_admin_csrf=[^;]+; Path=\/admin-web; HttpOnly; Secure; SameSite=Strict$/);
  });
});
