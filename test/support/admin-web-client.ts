/**
 * A cookie-keeping HTTP client of the hub's admin web (no redirects followed), and the accounts of the role tests:
 * scrypt-hashed with cheap parameters (the KDF's cost is tested in admin-login.test.ts).
 */
import { hashPassword } from '../../hub/admin-web/password-hash.js';
import { base32Decode, totp } from '../../hub/admin-web/totp.js';
import { hasTracingRights, type AdminRole } from '../../hub/storage/admin-accounts.js';
import type { TestHub } from './hub-fixture.js';

export const ADMIN_PASSWORD = 'mật-khẩu-đủ-dài-2026';
const FAST_SCRYPT = { N: 2 ** 12, r: 8, p: 1 };

export interface AdminWebClient {
  readonly cookies: Map<string, string>;
  get(path: string): Promise<Response>;
  post(path: string, form: Record<string, string>, headers?: Record<string, string>): Promise<Response>;
}

/** `extraHeaders` go with every request (e.g. the X-Forwarded-* of a TLS proxy). */
export function adminWebClient(base: string, extraHeaders: Record<string, string> = {}): AdminWebClient {
  const cookies = new Map<string, string>();
  const remember = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const name = pair!.slice(0, pair!.indexOf('='));
      const value = pair!.slice(pair!.indexOf('=') + 1);
      if (value === '') cookies.delete(name);
      else cookies.set(name, value);
    }
    return response;
  };
  const headers = () => ({ ...extraHeaders, cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') });
  return {
    cookies,
    get: async (path) => remember(await fetch(base + path, { headers: headers(), redirect: 'manual' })),
    post: async (path, form, more = {}) =>
      remember(await fetch(base + path, { method: 'POST', headers: { ...headers(), ...more, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString(), redirect: 'manual' })),
  };
}

export const csrfIn = (body: string): string => /name="_csrf" value="([^"]+)"/.exec(body)![1]!;

/** The authenticator secret of test accounts with tracing rights (enrolled straight in the store). */
export const TEST_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

/**
 * Logs in; throws unless the hub answers with the redirect of a successful login. An account with tracing rights
 * passes the second step with TEST_TOTP_SECRET's code at `at` (the hub's clock).
 */
export async function logInAs(hub: TestHub, username: string, password = ADMIN_PASSWORD, at = Date.now()): Promise<AdminWebClient> {
  const client = adminWebClient(hub.url);
  const form = await (await client.get('/admin-web/login')).text();
  let response = await client.post('/admin-web/login', { username, password, _csrf: csrfIn(form) });
  if (response.status === 303 && response.headers.get('location') === '/admin-web/login/second-factor') {
    const step = await (await client.get('/admin-web/login/second-factor')).text();
    response = await client.post('/admin-web/login/second-factor', { _csrf: csrfIn(step), code: totp(base32Decode(TEST_TOTP_SECRET), at) });
  }
  if (response.status !== 303) throw new Error(`login of ${username} answered ${response.status}`);
  return client;
}

/** `tracing`: the account may trace (create-admin --tracing), its authenticator enrolled with TEST_TOTP_SECRET. */
export async function putAdminAccount(hub: TestHub, username: string, role: AdminRole, scopeId: string, options: { tracing?: boolean } = {}): Promise<void> {
  const account = { username, displayName: `Người ${username}`, passwordHash: await hashPassword(ADMIN_PASSWORD, FAST_SCRYPT), role, scopeId, createdAt: 0, canTrace: options.tracing === true };
  await hub.store.accounts.putAccount(account);
  if (hasTracingRights(account)) await hub.store.secondFactor.enrol(username, TEST_TOTP_SECRET, 0, [], 0);
}
