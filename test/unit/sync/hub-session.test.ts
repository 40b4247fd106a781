/**
 * The hub session (main/sync/hub-session.ts): no identity, no session; an identity becomes a session with its signed
 * client and bundle keys, read once and kept while the file is unchanged (a damaged file with the same modification
 * time is not even read again); a rewritten identity (`gate-terminal enrol --force` from a shell) starts a new
 * session; an identity enrolled for another terminal.id is refused; a removed one ends the session.
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { test } from 'vitest';
import type { HostClock } from '../../../main/platform/clock.js';
import { HubClock } from '../../../main/sync/hub-clock.js';
import { identityPath, saveIdentity, type TerminalIdentity } from '../../../main/sync/hub-identity.js';
import { HubSession } from '../../../main/sync/hub-session.js';
import { rawPublicKeyOf } from '../../../main/sync/sync-crypto.js';
import type { SyncError } from '../../../main/sync/sync-failure.js';
import { tempDir } from '../../support/paths.js';

const clock: HostClock = { wallNow: () => 1_800_000_000_000, monoNow: () => 1000, bootId: 'boot' };

function identity(terminalId: string, localTerminalId = 'cong-1'): TerminalIdentity {
  const pem = (key: KeyObject) => key.export({ type: 'pkcs8', format: 'pem' }).toString();
  return {
    format: 1,
    hubUrl: 'http://127.0.0.1:9',
    terminalId,
    keyId: `${terminalId}.key`,
    localTerminalId,
    checkpointId: 'cp',
    checkpointName: 'Cổng',
    buildingId: 'b',
    buildingName: 'Tòa nhà',
    hubPublicKey: rawPublicKeyOf(generateKeyPairSync('ed25519').publicKey),
    signingPrivateKeyPem: pem(generateKeyPairSync('ed25519').privateKey),
    agreementPrivateKeyPem: pem(generateKeyPairSync('x25519').privateKey),
    enrolledAt: 0,
  };
}

/** A session over a temp data dir whose identity "modification time" the test moves by hand. */
function rig() {
  const dataDir = tempDir('hub-session');
  let version = 1;
  const session = new HubSession({
    dataDir,
    localTerminalId: 'cong-1',
    hubClock: new HubClock(clock, () => undefined),
    requestTimeoutMs: 1000,
    modifiedAt: (path) => (existsSync(path) ? version : undefined),
  });
  return { dataDir, session, touch: () => version++ };
}

test('no identity: no session; an identity becomes one, kept (not re-read) while the file is unchanged', () => {
  const { dataDir, session } = rig();
  assert.equal(session.current(), undefined);
  saveIdentity(dataDir, identity('cong-1.a'));
  const first = session.current();
  assert.equal(first?.identity.terminalId, 'cong-1.a');
  assert.equal(first.keys.pinnedHubKey.publicKey, first.identity.hubPublicKey);
  assert.equal(first.keys.agreementKey.asymmetricKeyType, 'x25519');
  writeFileSync(identityPath(dataDir), '{ damaged');
  assert.equal(session.current(), first, 'same modification time: the same session, the file not read again');
  assert.equal(session.last(), first);
});

test('a rewritten identity starts a new session; a damaged one is refused; a removed one ends it', () => {
  const { dataDir, session, touch } = rig();
  saveIdentity(dataDir, identity('cong-1.a'));
  const first = session.current();
  saveIdentity(dataDir, identity('cong-1.b'));
  touch();
  const second = session.current();
  assert.notEqual(second, first);
  assert.equal(second?.identity.terminalId, 'cong-1.b');
  assert.notEqual(second.client, first?.client, 'a new signed client for the new keys');
  writeFileSync(identityPath(dataDir), '{ damaged');
  touch();
  assert.throws(() => session.current(), (error: SyncError) => error.code === 'IDENTITY_DAMAGED');
  rmSync(identityPath(dataDir));
  assert.equal(session.current(), undefined);
  assert.equal(session.last(), undefined, 'no session left for the status or the check-in feed');
});

test('an identity enrolled for another terminal.id is refused (IDENTITY_MISMATCH), every round until fixed', () => {
  const { dataDir, session, touch } = rig();
  saveIdentity(dataDir, identity('cong-2.a', 'cong-2'));
  for (let round = 0; round < 2; round++) {
    assert.throws(() => session.current(), (error: SyncError) => error.code === 'IDENTITY_MISMATCH' && /enrolled for terminal cong-2, not cong-1/.test(error.message));
  }
  saveIdentity(dataDir, identity('cong-1.c'));
  touch();
  assert.equal(session.current()?.identity.terminalId, 'cong-1.c');
});

test('without an injected check the real file modification time is used', () => {
  const dataDir = tempDir('hub-session-real');
  const session = new HubSession({ dataDir, localTerminalId: 'cong-1', hubClock: new HubClock(clock, () => undefined), requestTimeoutMs: 1000 });
  assert.equal(session.current(), undefined);
  saveIdentity(dataDir, identity('cong-1.a'));
  assert.equal(session.current()?.identity.terminalId, 'cong-1.a');
});
