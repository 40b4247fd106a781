/** The declaration issuer's key set on disk: announce, activate, and which keys bundles carry when. */
import assert from 'node:assert/strict';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'vitest';
import { rawPublicKey } from '../../../hub/crypto/hub-crypto.js';
import { activateNextDeclarationKey, announceNextDeclarationKey, bundleIssuersOf, NEXT_DECLARATION_KEY_FILE, readDeclarationKeySet } from '../../../hub/declare/declaration-key-set.js';
import { tempDir } from '../../support/paths.js';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-12-01T00:00:00Z');

test('announce → both keys in bundles; activate → the old key stays until its tokens expired (+ a day), then leaves', () => {
  const dir = tempDir('issuer-keys');
  const currentPath = join(dir, 'declaration-issuer-key.pem');
  writeFileSync(currentPath, generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), { mode: 0o600 });
  const first = rawPublicKey(createPublicKey(readFileSync(currentPath, 'utf8')));
  assert.throws(() => activateNextDeclarationKey(dir, currentPath, 24 * HOUR, T0), /no announced key/);
  assert.deepEqual(bundleIssuersOf('Hub', readDeclarationKeySet(dir, first), T0), [{ name: 'Hub', publicKey: first }]);

  const next = announceNextDeclarationKey(dir);
  assert.equal(announceNextDeclarationKey(dir), next, 'announcing twice keeps the announced key');
  assert.equal(statSync(join(dir, NEXT_DECLARATION_KEY_FILE)).mode & 0o777, 0o600);
  assert.deepEqual(bundleIssuersOf('Hub', readDeclarationKeySet(dir, first), T0).map((i) => i.publicKey), [first, next]);

  const { previous, current } = activateNextDeclarationKey(dir, currentPath, 24 * HOUR, T0);
  assert.equal(current, next);
  assert.deepEqual(previous, { publicKey: first, retiredAt: T0, validUntil: T0 + 48 * HOUR });
  const set = readDeclarationKeySet(dir, current);
  assert.equal(set.next, undefined);
  assert.deepEqual(bundleIssuersOf('Hub', set, T0 + 47 * HOUR).map((i) => i.publicKey), [next, first]);
  assert.deepEqual(bundleIssuersOf('Hub', set, T0 + 48 * HOUR).map((i) => i.publicKey), [next], 'gone once its last token has expired');
});
