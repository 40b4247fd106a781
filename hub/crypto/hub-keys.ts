/**
 * The hub's long-lived secrets in its data dir: the Ed25519 key set that signs every bundle (hub-key-set.ts: the
 * current key, which terminals pin at enrolment, and during a rotation the next and previous keys) and the admin API
 * token. Created on first start, 0600, fsync'd; never rewritten (rotation renames whole files).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { enrolmentKeyOf, loadHubKeySet, type HubKeySet } from './hub-key-set.js';
import { readOrCreate } from './secret-file.js';

export { readOrCreate } from './secret-file.js';
export { HUB_SIGNING_KEY_FILE } from './hub-key-set.js';
export const ADMIN_TOKEN_FILE = 'admin-token';

export interface HubKeys {
  /**
   * Raw public key, base64, that terminals pin at enrolment: the current key, or the previous one during an overlap
   * (hub-key-set.ts enrolmentKeyOf: the key of the legacy single signature, so any terminal enrolled now verifies).
   */
  readonly publicKeyRaw: string;
  /** Current, next and previous signing keys: what bundles vouch for and are signed with. */
  readonly keySet: HubKeySet;
  readonly adminToken: string;
  readonly adminTokenFile: string;
}

export function loadOrCreateHubKeys(dataDir: string): HubKeys {
  mkdirSync(dataDir, { recursive: true });
  const keySet = loadHubKeySet(dataDir);
  const adminTokenFile = join(dataDir, ADMIN_TOKEN_FILE);
  const adminToken = readOrCreate(adminTokenFile, () => randomBytes(32).toString('base64url') + '\n').trim();
  return { publicKeyRaw: enrolmentKeyOf(keySet).publicKeyRaw, keySet, adminToken, adminTokenFile };
}
