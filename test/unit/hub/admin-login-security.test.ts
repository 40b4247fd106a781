/** Admin login building blocks: scrypt password hashes and the login rate limit. */
import assert from 'node:assert/strict';
import { test } from 'vitest';
import { hashPassword, verifyPassword } from '../../../hub/admin-web/password-hash.js';
import { join } from 'node:path';
import { LoginRateLimiter, type LoginRateLimits } from '../../../hub/admin-web/login-rate-limiter.js';
import { SqliteHubStore } from '../../../hub/storage/sqlite/sqlite-hub-store.js';
import { tempDir } from '../../support/paths.js';

/** The limiter over a real (SQLite) store: its attempts live in login_attempts (migration 10). */
async function limiterWith(limits: LoginRateLimits): Promise<LoginRateLimiter> {
  const store = new SqliteHubStore(join(tempDir('login-limits-'), 'hub.sqlite'));
  await store.migrate();
  return new LoginRateLimiter(store.coordination, limits);
}

const FAST = { N: 2 ** 12, r: 8, p: 1 };

test('a scrypt hash verifies its password only, and two hashes of one password differ (salt)', async () => {
  const hash = await hashPassword('mật-khẩu-thử-nghiệm', FAST);
  assert.match(hash, /^scrypt\$4096\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
  assert.equal(await verifyPassword('mật-khẩu-thử-nghiệm', hash), true);
  assert.equal(await verifyPassword('mật-khẩu-thử-nghiệm!', hash), false);
  assert.notEqual(await hashPassword('mật-khẩu-thử-nghiệm', FAST), hash);
  assert.equal(await verifyPassword('mật-khẩu-thử-nghiệm'.normalize('NFD'), hash), true, 'Vietnamese typed decomposed still matches');
});

test('the default parameters are memory-hard, and malformed or absurd stored hashes never verify', async () => {
  const started = Date.now();
  const hash = await hashPassword('một-mật-khẩu-dài');
  assert.match(hash, /^scrypt\$131072\$8\$1\$/);
  assert.equal(await verifyPassword('một-mật-khẩu-dài', hash), true);
  assert.ok(Date.now() - started > 20, 'hashing is deliberately slow');
  for (const bad of ['', 'plain', 'scrypt$1$1$1$AAAA$AAAA', hash.replace('131072', String(2 ** 24)), hash.slice(0, -4)]) {
    assert.equal(await verifyPassword('một-mật-khẩu-dài', bad), false, bad);
  }
  await assert.rejects(hashPassword('ngắn'), /at least 12/);
});

test('five failures lock the user name, eight the address, for the window; success gives its slot back', async () => {
  const limiter = await limiterWith({ maxFailures: 5, maxFailuresPerAddress: 8, windowMs: 60_000 });
  const fail = async (address: string, username: string, at: number) => {
    const reserved = await limiter.reserve({ address, username }, at);
    assert.ok(reserved.ok, `${address} ${username} at ${at}`);
    await limiter.settle(reserved.attempt, false);
  };
  const waitOf = async (address: string, username: string, at: number, device?: string) => {
    const reserved = await limiter.reserve({ address, username, ...(device ? { device } : {}) }, at);
    if (reserved.ok) await limiter.settle(reserved.attempt, true);
    return reserved.ok ? 0 : reserved.retryAfterMs;
  };
  for (let i = 0; i < 5; i++) await fail('10.0.0.1', 'an', 1000 + i);
  assert.equal(await waitOf('10.0.0.1', 'someone-else', 2000), 0, 'the address still has attempts left (and a success gives its slot back)');
  for (let i = 0; i < 3; i++) await fail('10.0.0.1', `other-${i}`, 1005);
  assert.equal(await waitOf('10.0.0.1', 'someone-else', 2000), 59_000, 'eight failures lock the address');
  assert.equal(await waitOf('10.0.0.2', 'AN', 2000), 59_000, 'the user name is locked from any address, any case');
  assert.equal(await waitOf('10.0.0.2', 'binh', 2000), 0);
  assert.equal(await waitOf('10.0.0.1', 'binh', 2000, 'binh:device-1'), 0, "a browser with binh's device cookie is not shut out by the address lock");
  assert.equal(await waitOf('10.0.0.2', 'an', 2000, 'an:device-2'), 0, "nor by the lock on its own user name");
  assert.equal(await waitOf('10.0.0.1', 'an', 61_006), 0, 'the window slides');
});

test('attempts are reserved before the password check: concurrent guesses beyond the limit are refused', async () => {
  const limiter = await limiterWith({ maxFailures: 5, maxFailuresPerAddress: 20, windowMs: 60_000 });
  const reservations = await Promise.all(Array.from({ length: 30 }, () => limiter.reserve({ address: '10.0.0.9', username: 'an' }, 1000)));
  assert.equal(reservations.filter((r) => r.ok).length, 5, 'only five of 30 simultaneous attempts may check a password');
  for (const r of reservations) if (r.ok) await limiter.settle(r.attempt, false);
  assert.equal((await limiter.reserve({ address: '10.0.0.9', username: 'an' }, 2000)).ok, false);
  const device = await Promise.all(Array.from({ length: 8 }, () => limiter.reserve({ address: '10.0.0.9', username: 'an', device: 'an:d' }, 2000)));
  assert.equal(device.filter((r) => r.ok).length, 5, 'a device cookie has its own limit of five');
});
