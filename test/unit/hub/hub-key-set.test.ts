/**
 * The hub's bundle-signing key set on disk (hub/crypto/hub-key-set.ts) and the `hub-key` command over it: announce
 * writes the next key 0600 and is idempotent; activate needs an announced key and no previous one, and moves current →
 * previous, next → current; an activate interrupted after its first step is finished by running it again; retire drops
 * the previous key; what bundles vouch for and who signs follow the set.
 */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'vitest';
import { hubKeyCommand, HubKeyUsageError } from '../../../hub/cli/hub-key-commands.js';
import type { HubConfig } from '../../../hub/config/hub-config.js';
import {
  activateNextHubKey,
  announceNextHubKey,
  bundleHubKeysOf,
  enrolmentKeyOf,
  HUB_SIGNING_KEY_FILE,
  loadHubKeySet,
  NEXT_HUB_SIGNING_KEY_FILE,
  PREVIOUS_HUB_SIGNING_KEY_FILE,
  retirePreviousHubKey,
  signBundleText,
} from '../../../hub/crypto/hub-key-set.js';
import { tempDir } from '../../support/paths.js';

const mode = (path: string) => statSync(path).mode & 0o777;
const roles = (dataDir: string) => bundleHubKeysOf(loadHubKeySet(dataDir)).map((k) => `${k.role}:${k.keyId}`);

test('announce → activate → retire moves the keys through the three files, each 0600', () => {
  const dir = tempDir('hub-key-set');
  const a = loadHubKeySet(dir).current.keyId;
  assert.equal(mode(join(dir, HUB_SIGNING_KEY_FILE)), 0o600);
  assert.throws(() => activateNextHubKey(dir), /no announced key/);
  assert.throws(() => retirePreviousHubKey(dir), /no previous key/);

  const b = announceNextHubKey(dir).keyId;
  assert.equal(announceNextHubKey(dir).keyId, b, 'announcing twice keeps the announced key');
  assert.equal(mode(join(dir, NEXT_HUB_SIGNING_KEY_FILE)), 0o600);
  assert.deepEqual(roles(dir), [`current:${a}`, `next:${b}`]);
  assert.deepEqual(signBundleText(loadHubKeySet(dir), 't').signatures.map((s) => s.keyId), [a], 'the next key signs nothing');

  assert.deepEqual([activateNextHubKey(dir)].map((r) => [r.current.keyId, r.previous.keyId]), [[b, a]]);
  assert.equal(mode(join(dir, PREVIOUS_HUB_SIGNING_KEY_FILE)), 0o600);
  assert.equal(existsSync(join(dir, NEXT_HUB_SIGNING_KEY_FILE)), false);
  assert.deepEqual(roles(dir), [`current:${b}`, `previous:${a}`]);
  assert.deepEqual(signBundleText(loadHubKeySet(dir), 't').signatures.map((s) => s.keyId), [b, a]);
  assert.equal(enrolmentKeyOf(loadHubKeySet(dir)).keyId, a, 'the oldest signing key is pinned and makes the legacy signature');
  assert.equal(signBundleText(loadHubKeySet(dir), 't').signature, signBundleText(loadHubKeySet(dir), 't').signatures[1]!.signature);

  const c = announceNextHubKey(dir).keyId;
  assert.throws(() => activateNextHubKey(dir), new RegExp(`${a} is still the previous key.*retire`));
  assert.equal(retirePreviousHubKey(dir).keyId, a);
  assert.deepEqual(roles(dir), [`current:${b}`, `next:${c}`]);
  assert.deepEqual(signBundleText(loadHubKeySet(dir), 't').signatures.map((s) => s.keyId), [b]);
});

test('an activate interrupted after copying the current key is finished by running it again', () => {
  const dir = tempDir('hub-key-crash');
  const a = loadHubKeySet(dir).current.keyId;
  const b = announceNextHubKey(dir).keyId;
  copyFileSync(join(dir, HUB_SIGNING_KEY_FILE), join(dir, PREVIOUS_HUB_SIGNING_KEY_FILE)); // the crash: step one only
  assert.deepEqual(roles(dir), [`current:${a}`, `next:${b}`], 'a copy of the current key is no previous key');
  activateNextHubKey(dir);
  assert.deepEqual(roles(dir), [`current:${b}`, `previous:${a}`]);
});

test('hub-key status | announce | activate | retire print key ids; a wrong action is a usage error', () => {
  const dir = tempDir('hub-key-cli');
  const config = () => ({ dataDir: dir }) as HubConfig;
  const run = (action: string) => {
    const lines: string[] = [];
    assert.equal(hubKeyCommand([action], config, (t) => void lines.push(t)), 0);
    return lines.join('');
  };
  assert.throws(() => run('status'), (e: unknown) => e instanceof HubKeyUsageError && /start the hub once first/.test(e.message));
  const a = loadHubKeySet(dir).current.keyId;
  assert.equal(run('status'), `current  ${a}\n`);
  const b = /announced key ([0-9a-f]{16})/.exec(run('announce'))![1]!;
  assert.equal(run('status'), `current  ${a}\nnext     ${b} (announced)\n`);
  assert.match(run('activate'), new RegExp(`key ${b} is the current key and ${a} the previous one`));
  assert.equal(run('status'), `current  ${b}\nprevious ${a} (still signing)\n`);
  assert.match(run('retire'), new RegExp(`key ${a} retired`));
  assert.throws(() => run('retire'), (e: unknown) => e instanceof HubKeyUsageError && /hub-key retire: there is no previous key/.test(e.message));
  assert.throws(() => run('rotate'), HubKeyUsageError);
});
