/**
 * The keys that turn an ID number into a reference and a stored subject HMAC on this terminal, for the command-line
 * tools that hash an ID number outside the running host (`load-declarations`, `issue-staff-badge --id-number`): an
 * enrolled terminal uses the hub's keys from its last good bundle — verified again under the hub keys it trusts, exactly as the host does at start
 * (the deployment's identity key and the building's key, docs/identity-qr.md § One subject identity) — and a terminal
 * without a hub its local key. Otherwise a declaration loaded by hand would be keyed apart from every scan of the
 * same person. The keys stay in memory; nothing new is written.
 */
import type { CryptoPort } from '../../core/index.js';
import { createNodeCryptoPort } from '../crypto/node-crypto-port.js';
import { loadOrCreateHmacKey } from '../crypto/subject-hmac.js';
import type { SqliteDatabase } from '../storage/open-database.js';
import { verifyBundle } from './bundle-verifier.js';
import { HubDataStore } from './hub-data-store.js';
import { loadIdentity } from './hub-identity.js';
import { pinnedHubKey, trustedHubKeys } from './hub-trust.js';
import { privateKeyFromPem } from './sync-crypto.js';

export const NO_BUNDLE_YET =
  'this terminal is enrolled with a hub but has no bundle from it yet, so it cannot hash ID numbers the way the hub does. ' +
  'Start the terminal once with the hub reachable (or load the declarations on the hub: POST /admin/buildings/ID/declarations).';

/** The CryptoPort in force, or undefined for an enrolled terminal without a bundle yet (say NO_BUNDLE_YET). */
export function subjectCryptoInForce(dataDir: string, db: SqliteDatabase, localKeyPath: string): CryptoPort | undefined {
  const identity = loadIdentity(dataDir);
  if (!identity) return createNodeCryptoPort(loadOrCreateHmacKey(localKeyPath));
  const hubData = new HubDataStore(db);
  const stored = hubData.currentBundle();
  if (!stored) return undefined;
  const keys = { trustedHubKeys: trustedHubKeys(pinnedHubKey(identity.hubPublicKey), hubData.learnedHubKeys()), agreementKey: privateKeyFromPem(identity.agreementPrivateKeyPem) };
  const verified = verifyBundle(stored.signed, identity, keys, undefined);
  return createNodeCryptoPort(verified.identityKey, verified.subjectKey);
}
