/** Admin login building blocks: scrypt password hashes and the login rate limit. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hashPassword, verifyPassword } from '../../../hub/admin-web/password-hash.js';
import { LoginRateLimiter } from '../../../hub/admin-web/login-rate-limiter.js';

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

test('five failures lock the user name, eight the address, for the window; success clears the user name', () => {
  const limiter = new LoginRateLimiter({ maxFailures: 5, maxFailuresPerAddress: 8, windowMs: 60_000 });
  for (let i = 0; i < 5; i++) {
    assert.equal(limiter.retryAfterMs('10.0.0.1', 'an', 1000 + i), 0);
    limiter.recordFailure('10.0.0.1', 'an', 1000 + i);
  }
  assert.equal(limiter.retryAfterMs('10.0.0.1', 'someone-else', 2000), 0, 'the address still has attempts left');
  for (let i = 0; i < 3; i++) limiter.recordFailure('10.0.0.1', `other-${i}`, 1005);
  assert.equal(limiter.retryAfterMs('10.0.0.1', 'someone-else', 2000), 59_000, 'eight failures lock the address');
  assert.equal(limiter.retryAfterMs('10.0.0.2', 'AN', 2000), 59_000, 'the user name is locked from any address, any case');
  assert.equal(limiter.retryAfterMs('10.0.0.2', 'binh', 2000), 0);
  assert.equal(limiter.retryAfterMs('10.0.0.1', 'an', 61_006), 0, 'the window slides');
  limiter.recordSuccess('an');
  assert.equal(limiter.retryAfterMs('10.0.0.3', 'an', 2000), 0);
});
