/**
 * The pieces both sides must agree on: the subject key sealed by the hub opens only with the terminal's own X25519
 * key and its terminal id; a subject reference computed by the hub equals the terminal's CryptoPort.identityRef;
 * and the hub config is validated like the terminal's (defaults, unknown keys, PostgreSQL without a URL).
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { test } from 'vitest';
import { subjectKeySealInfo } from '../../../core/contract/hub-signing.js';
import { HubConfigError, validateHubConfig } from '../../../hub/config/hub-config.js';
import { rawPublicKey, sealToTerminal, subjectRefOf } from '../../../hub/crypto/hub-crypto.js';
import { createNodeCryptoPort } from '../../../main/crypto/node-crypto-port.js';
import { openSealedKey } from '../../../main/sync/sync-crypto.js';

test('the sealed subject key opens with the right terminal key and id only, and not when altered', () => {
  const terminal = generateKeyPairSync('x25519');
  const other = generateKeyPairSync('x25519');
  const key = randomBytes(32);
  const sealed = sealToTerminal(key, rawPublicKey(terminal.publicKey), subjectKeySealInfo('gate-01.abcd'));
  assert.deepEqual(openSealedKey(sealed, terminal.privateKey, subjectKeySealInfo('gate-01.abcd')), key);
  assert.throws(() => openSealedKey(sealed, other.privateKey, subjectKeySealInfo('gate-01.abcd')));
  assert.throws(() => openSealedKey(sealed, terminal.privateKey, subjectKeySealInfo('gate-02.abcd')), 'bound to the terminal id');
  const bytes = Buffer.from(sealed.ciphertext, 'base64');
  bytes[0] = bytes[0]! ^ 1;
  assert.throws(() => openSealedKey({ ...sealed, ciphertext: bytes.toString('base64') }, terminal.privateKey, subjectKeySealInfo('gate-01.abcd')));
});

test("the hub's subject reference of an ID number equals the terminal's identityRef under the same key", () => {
  const key = randomBytes(32);
  const port = createNodeCryptoPort(key);
  for (const id of ['001099012345', '012345678', 'b1234567', '0010 9901-2345']) assert.equal(subjectRefOf(key, id), port.identityRef(id), id);
  assert.notEqual(subjectRefOf(randomBytes(32), '001099012345'), port.identityRef('001099012345'));
});

test('the hub config: defaults, paths against the file, unknown keys and a PostgreSQL store without URL refused', () => {
  const config = validateHubConfig('/etc/gate/hub.yaml', {}, {});
  assert.equal(config.listen.port, 8450);
  assert.equal(config.retentionDays, 28);
  assert.deepEqual(config.storage, { kind: 'sqlite', path: '/etc/gate/hub-data/hub.sqlite' });
  assert.equal(config.dataDir, '/etc/gate/hub-data');
  assert.throws(() => validateHubConfig('/x/hub.yaml', { retentionDay: 3 }, {}), (e: unknown) => e instanceof HubConfigError && e.fieldPath === 'retentionDay');
  assert.throws(() => validateHubConfig('/x/hub.yaml', { storage: { kind: 'postgres' } }, {}), /GATE_HUB_PG_URL/);
  const pg = validateHubConfig('/x/hub.yaml', { storage: { kind: 'postgres' } }, { GATE_HUB_PG_URL: 'postgres://h/db' });
  assert.deepEqual(pg.storage, { kind: 'postgres', url: 'postgres://h/db', poolSize: 10 });
  assert.throws(() => validateHubConfig('/x/hub.yaml', { buildings: [{ id: 'b', name: 'B', checkpoints: [{ id: 'c', name: 'C', policy: { maxDeclarationAgeHours: 3 } }] }] }, {}), /buildings\.0\.checkpoints\.0\.policy/);
});
