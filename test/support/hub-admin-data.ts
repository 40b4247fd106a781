/**
 * Admin-side test data for a test hub: terminals registered straight in the store, entries with chosen times,
 * people (ID numbers turned into the subject HMAC a terminal of that building stores), and a logged-in admin web
 * session over real HTTP (login CSRF, session cookie, the page's CSRF token; for an account with tracing rights the
 * second step too, with the code of TEST_TOTP_SECRET at the hub's clock).
 */
import { hashPassword } from '../../hub/admin-web/password-hash.js';
import { base32Decode, totp } from '../../hub/admin-web/totp.js';
import { entrySubjectHmacOf, entrySubjectHmacsOf } from '../../hub/crypto/hub-crypto.js';
import type { UploadedEntry } from '../../hub/protocol.js';
import { hasTracingRights, type AdminRole } from '../../hub/storage/admin-accounts.js';
import type { HubStore, TerminalRecord } from '../../hub/storage/hub-store.js';
import { BUILDING, type TestHub } from './hub-fixture.js';
import { adminWebClient, csrfIn, TEST_TOTP_SECRET } from './admin-web-client.js';

export const ADMIN_PASSWORD = 'mật-khẩu-đủ-dài-2026';

export async function registerTerminal(hub: TestHub, checkpointId: string, terminalId: string, now: number): Promise<TerminalRecord> {
  const tokenId = `tok-${terminalId}`;
  await hub.store.terminals.createEnrolmentToken({ tokenId, secretSha256: 'x', checkpointId, createdAt: now, expiresAt: now + 3_600_000 });
  const keys = Buffer.alloc(32, terminalId.length).toString('base64');
  const terminal = await hub.store.terminals.claimToken(tokenId, { terminalId, keyId: `key-${terminalId}`, name: terminalId, signingPublicKey: keys, agreementPublicKey: keys, firstSeq: 1 }, now);
  if (!terminal) throw new Error(`test terminal ${terminalId}: its token was already used`);
  return terminal;
}

export async function personHmac(hub: TestHub, idNumber: string, buildingId = BUILDING): Promise<string> {
  return entrySubjectHmacOf(await hub.store.secrets.identityKey(), (await hub.store.buildings.building(buildingId))!.subjectKey, idNumber);
}

/** What a terminal stored for a CCCD / paper / badge entry before issue 15 (reference under the building's key). */
export async function legacyPersonHmac(hub: TestHub, idNumber: string, buildingId = BUILDING): Promise<string> {
  return entrySubjectHmacsOf(await hub.store.secrets.identityKey(), (await hub.store.buildings.building(buildingId))!.subjectKey, idNumber)[1];
}

export interface TestPassage {
  readonly at: number;
  readonly direction?: 'in' | 'out';
  readonly outcome?: 'admit' | 'deny' | 'review';
  readonly reasons?: string[];
  readonly subjectHmac?: string | null;
  readonly name: string;
  readonly kind?: UploadedEntry['credentialKind'];
}

/** Uploads the passages as the terminal's next seqs (one batch). */
export async function upload(hub: TestHub, terminal: TerminalRecord, passages: readonly TestPassage[], receivedAt: number, firstSeq = 1): Promise<void> {
  const entries: UploadedEntry[] = passages.map((p, i) => ({
    id: `${terminal.terminalId}-${firstSeq + i}`, terminalId: terminal.terminalId, seq: firstSeq + i, checkpointId: terminal.checkpointId,
    direction: p.direction ?? 'in', outcome: p.outcome ?? 'admit', reasons: (p.reasons ?? (p.outcome === 'deny' ? [] : ['DECLARATION_VALID'])) as UploadedEntry['reasons'],
    credentialKind: p.kind ?? 'declaration', credentialId: null, subjectHmac: p.subjectHmac ?? null, displayName: p.name, scanSource: 'simulated',
    wallTime: p.at, monoTime: 0, bootId: 'boot', eventTime: p.at, timeSource: 'hub-anchor', overrideOf: null,
  }));
  await hub.store.entries.ingest(terminal, entries, receivedAt);
}

export { TEST_TOTP_SECRET };

export async function putAdmin(hub: { readonly store: HubStore }, username: string, role: AdminRole, scopeId: string, options: { tracing?: boolean } = {}): Promise<void> {
  const passwordHash = await hashPassword(ADMIN_PASSWORD, { N: 2 ** 12, r: 8, p: 1 });
  const account = { username, displayName: `Người ${username}`, passwordHash, role, scopeId, createdAt: 0, canTrace: options.tracing === true };
  await hub.store.accounts.putAccount(account);
  if (hasTracingRights(account)) await hub.store.secondFactor.enrol(username, TEST_TOTP_SECRET, 0, [], 0);
}

/** The code the test authenticator shows at `at` (the hub's clock). */
export const testTotpCode = (at: number): string => totp(base32Decode(TEST_TOTP_SECRET), at);

export interface AdminClient {
  get(path: string): Promise<Response>;
  /** Posts a form with the session's CSRF token added (unless the form brings its own `_csrf`). */
  post(path: string, form: Record<string, string>): Promise<Response>;
  readonly csrf: string;
}

/** Logs in over HTTP; `at` is the hub's clock, for the second step's code (accounts with tracing rights). */
export async function logInAdmin(hub: { readonly url: string }, username: string, at = Date.now()): Promise<AdminClient> {
  const browser = adminWebClient(hub.url);
  let answer = await browser.post('/admin-web/login', { username, password: ADMIN_PASSWORD, _csrf: csrfIn(await (await browser.get('/admin-web/login')).text()) });
  if (answer.status !== 303) throw new Error(`login of ${username}: ${answer.status}`);
  if (answer.headers.get('location') === '/admin-web/login/second-factor') {
    const stepCsrf = csrfIn(await (await browser.get('/admin-web/login/second-factor')).text());
    answer = await browser.post('/admin-web/login/second-factor', { _csrf: stepCsrf, code: testTotpCode(at) });
    if (answer.status !== 303) throw new Error(`second step of ${username}: ${answer.status}`);
  }
  const csrf = csrfIn(await (await browser.get('/admin-web/')).text());
  return { csrf, get: (path) => browser.get(path), post: (path, form) => browser.post(path, { _csrf: csrf, ...form }) };
}
