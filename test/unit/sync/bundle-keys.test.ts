/**
 * The keys a bundle seals to its terminal (issue 15): 64 bytes from a current hub — the deployment's identity key,
 * then the building's key, which the terminal's CryptoPort uses for references and for stored subject HMACs
 * respectively; 32 bytes from a hub before issue 15 — the building's key for both; any other length refused.
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { test } from 'vitest';
import { DEFAULT_POLICY } from '../../../core/index.js';
import { bundleSignatureText, subjectKeySealInfo } from '../../../core/contract/hub-signing.js';
import type { SignedBundle } from '../../../core/contract/hub-protocol.js';
import { buildingSubjectHmac, rawPublicKey, sealToTerminal, sha256Hex, signText, subjectRefOf } from '../../../hub/crypto/hub-crypto.js';
import { createNodeCryptoPort } from '../../../main/crypto/node-crypto-port.js';
import { verifyBundle } from '../../../main/sync/bundle-verifier.js';
import type { TerminalIdentity } from '../../../main/sync/hub-identity.js';
import { pinnedHubKey } from '../../../main/sync/hub-trust.js';
import { SyncError } from '../../../main/sync/sync-failure.js';

const hub = generateKeyPairSync('ed25519');
const terminal = generateKeyPairSync('x25519');
const identity = { terminalId: 'gate-01.abcd', checkpointId: 'cp', buildingId: 'b' } as TerminalIdentity;
const payload = JSON.stringify({
  format: 1, version: 3, issuedAt: 0, buildingId: 'b', checkpointId: 'cp', checkpointName: 'Cổng', policy: DEFAULT_POLICY, issuers: [], revocations: [], declarations: [], staff: [],
});

function bundleSealing(secret: Buffer): SignedBundle {
  const sealedSubjectKey = sealToTerminal(secret, rawPublicKey(terminal.publicKey), subjectKeySealInfo(identity.terminalId));
  const unsigned = { terminalId: identity.terminalId, version: 3, payload, payloadSha256: sha256Hex(payload), sealedSubjectKey };
  return { ...unsigned, signature: signText(hub.privateKey, bundleSignatureText(unsigned)) };
}

const open = (secret: Buffer) => verifyBundle(bundleSealing(secret), identity, { trustedHubKeys: [pinnedHubKey(rawPublicKey(hub.publicKey))], agreementKey: terminal.privateKey }, undefined);

test('a current hub seals identity key ‖ building key; the terminal hashes exactly as the hub does', () => {
  const identityKey = randomBytes(32);
  const buildingKey = randomBytes(32);
  const verified = open(Buffer.concat([identityKey, buildingKey]));
  assert.deepEqual([verified.identityKey, verified.subjectKey], [identityKey, buildingKey]);
  const port = createNodeCryptoPort(verified.identityKey, verified.subjectKey);
  assert.equal(port.identityRef(' 001.099 012345 '), subjectRefOf(identityKey, '001099012345'));
  assert.equal(port.subjectKey(port.identityRef('001099012345')), buildingSubjectHmac(buildingKey, subjectRefOf(identityKey, '001099012345')));
});

test('a hub before issue 15 sealed the building key alone: it serves as both; other lengths are refused', () => {
  const buildingKey = randomBytes(32);
  const verified = open(buildingKey);
  assert.deepEqual([verified.identityKey, verified.subjectKey], [buildingKey, buildingKey]);
  for (const length of [16, 48, 96]) {
    assert.throws(() => open(randomBytes(length)), (e: unknown) => e instanceof SyncError && e.code === 'BUNDLE_MALFORMED', `${length} bytes`);
  }
});
