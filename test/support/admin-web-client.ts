/**
 * A cookie-keeping HTTP client of the hub's admin web (no redirects followed), and the accounts of the role tests:
 * scrypt-hashed with cheap parameters (the KDF's cost is tested in admin-login.test.ts).
 */
import { hashPassword } from '../../hub/admin-web/password-hash.js';
import type { AdminRole } from '../../hub/storage/admin-accounts.js';
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

/** Logs in; throws unless the hub answers with the redirect of a successful login. */
export async function logInAs(hub: TestHub, username: string, password = ADMIN_PASSWORD): Promise<AdminWebClient> {
  const client = adminWebClient(hub.url);
  const form = await (await client.get('/admin-web/login')).text();
  const response = await client.post('/admin-web/login', { username, password, _csrf: csrfIn(form) });
  if (response.status !== 303) throw new Error(`login of ${username} answered ${response.status}`);
  return client;
}

export async function putAdminAccount(hub: TestHub, username: string, role: AdminRole, scopeId: string): Promise<void> {
  await hub.store.accounts.putAccount({ username, displayName: `Người ${username}`, passwordHash: await hashPassword(ADMIN_PASSWORD, FAST_SCRYPT), role, scopeId, createdAt: 0 });
}
