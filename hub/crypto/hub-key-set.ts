/**
 * The hub's bundle-signing key set, three files in the data dir (0600, like every secret there):
 *
 *   hub-signing-key.pem            current: signs every bundle
 *   hub-signing-key.next.pem       next: announced, vouched for in every bundle, signs nothing yet
 *   hub-signing-key.previous.pem   previous: signs beside the current key until it is retired
 *
 * Rotation without touching a terminal (docs/hub.md § Rotating the hub key): `gate-terminal hub-key announce` writes
 * the next key; once the hubs restarted and every terminal synced, each terminal trusts it (a terminal trusts the
 * `hubKeys` of the last bundle it verified). `activate` makes it the current key and the old current key the previous
 * one, which keeps signing so a terminal that has not synced since still verifies; `retire` drops the previous key.
 * Each step takes effect when the hub(s) restart. Key ids are the first 8 bytes of SHA-256 of the raw public key, hex.
 *
 * The oldest key that signs (the previous one during an overlap, else the current one) is the one a terminal pins at
 * enrolment and the one that makes the single legacy `signature`: a terminal enrolled during an overlap — with this
 * software or with software from before key sets — verifies its first bundle like every other terminal.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { copyFileSync, existsSync, fsyncSync, openSync, closeSync, readFileSync, renameSync, unlinkSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import type { BundleHubKey, BundleSignature } from '../protocol.js';
import { rawPublicKey, signText } from './hub-crypto.js';
import { readOrCreate } from './secret-file.js';

export const HUB_SIGNING_KEY_FILE = 'hub-signing-key.pem';
export const NEXT_HUB_SIGNING_KEY_FILE = 'hub-signing-key.next.pem';
export const PREVIOUS_HUB_SIGNING_KEY_FILE = 'hub-signing-key.previous.pem';
export const HUB_KEY_SET_FILES = [HUB_SIGNING_KEY_FILE, NEXT_HUB_SIGNING_KEY_FILE, PREVIOUS_HUB_SIGNING_KEY_FILE] as const;

export interface HubSigningKey {
  readonly keyId: string;
  readonly privateKey: KeyObject;
  /** Raw public key, base64. */
  readonly publicKeyRaw: string;
}

export interface HubKeySet {
  readonly current: HubSigningKey;
  readonly next?: HubSigningKey;
  readonly previous?: HubSigningKey;
}

export const hubKeyIdOf = (raw: string): string => createHash('sha256').update(Buffer.from(raw, 'base64')).digest().subarray(0, 8).toString('hex');

const newPem = () => generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();

function keyOfPem(pem: string, path: string): HubSigningKey {
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`hub signing key ${path} is not an Ed25519 private key`);
  const publicKeyRaw = rawPublicKey(createPublicKey(privateKey));
  return { keyId: hubKeyIdOf(publicKeyRaw), privateKey, publicKeyRaw };
}

function readKey(path: string): HubSigningKey | undefined {
  return existsSync(path) ? keyOfPem(readFileSync(path, 'utf8'), path) : undefined;
}

/** The set in `dataDir`; the current key is created on first start. */
export function loadHubKeySet(dataDir: string): HubKeySet {
  const currentPath = join(dataDir, HUB_SIGNING_KEY_FILE);
  const current = keyOfPem(readOrCreate(currentPath, newPem), currentPath);
  const next = readKey(join(dataDir, NEXT_HUB_SIGNING_KEY_FILE));
  const previous = readKey(join(dataDir, PREVIOUS_HUB_SIGNING_KEY_FILE));
  // A crash inside `activate` can leave the current key copied as the previous one: that is no second key.
  return { current, ...(next ? { next } : {}), ...(previous && previous.keyId !== current.keyId ? { previous } : {}) };
}

/** The oldest key that signs: pinned by terminals enrolled now, and the maker of the legacy single signature. */
export function enrolmentKeyOf(set: HubKeySet): HubSigningKey {
  return set.previous ?? set.current;
}

/** What every bundle carries: the keys the hub vouches for, current first. */
export function bundleHubKeysOf(set: HubKeySet): BundleHubKey[] {
  const of = (key: HubSigningKey, role: BundleHubKey['role']): BundleHubKey => ({ keyId: key.keyId, publicKey: key.publicKeyRaw, role });
  return [of(set.current, 'current'), ...(set.next ? [of(set.next, 'next')] : []), ...(set.previous ? [of(set.previous, 'previous')] : [])];
}

/**
 * The signatures of one bundle text: `signatures` by the current key and the previous one (overlap), and the single
 * `signature` of the oldest signing key for terminals from before key sets (hub-protocol.ts SignedBundle.signature).
 */
export function signBundleText(set: HubKeySet, text: string): { signature: string; signatures: BundleSignature[] } {
  const signers = [set.current, ...(set.previous ? [set.previous] : [])];
  const signatures = signers.map((key) => ({ keyId: key.keyId, signature: signText(key.privateKey, text) }));
  const legacy = enrolmentKeyOf(set).keyId;
  return { signature: signatures.find((s) => s.keyId === legacy)!.signature, signatures };
}

function durableCopy(from: string, to: string): void {
  copyFileSync(from, `${to}.tmp`);
  chmodSync(`${to}.tmp`, 0o600);
  const fd = openSync(`${to}.tmp`, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(`${to}.tmp`, to);
}

/** Step 1: creates the next key unless one is announced already. */
export function announceNextHubKey(dataDir: string): HubSigningKey {
  const path = join(dataDir, NEXT_HUB_SIGNING_KEY_FILE);
  return keyOfPem(readOrCreate(path, newPem), path);
}

/**
 * Step 2: the next key becomes the current one and the current one the previous one. Refused without an announced
 * key, and while a previous key is still there (retire it first: one overlap at a time). Crash-safe in this order:
 * the current key is copied to the previous file first, then the next key is renamed over the current file.
 */
export function activateNextHubKey(dataDir: string): { current: HubSigningKey; previous: HubSigningKey } {
  const set = loadHubKeySet(dataDir);
  if (!set.next) throw new Error('no announced key: run `gate-terminal hub-key announce`, restart the hub(s) and let every terminal sync first');
  if (set.previous) throw new Error(`key ${set.previous.keyId} is still the previous key: run \`gate-terminal hub-key retire\` first`);
  durableCopy(join(dataDir, HUB_SIGNING_KEY_FILE), join(dataDir, PREVIOUS_HUB_SIGNING_KEY_FILE));
  renameSync(join(dataDir, NEXT_HUB_SIGNING_KEY_FILE), join(dataDir, HUB_SIGNING_KEY_FILE));
  return { current: set.next, previous: set.current };
}

/** Step 3: the previous key stops signing and leaves the bundles; terminals stop trusting it at their next sync. */
export function retirePreviousHubKey(dataDir: string): HubSigningKey {
  const previous = loadHubKeySet(dataDir).previous;
  const path = join(dataDir, PREVIOUS_HUB_SIGNING_KEY_FILE);
  if (!previous) {
    if (existsSync(path)) unlinkSync(path); // the leftover copy of an interrupted activate
    throw new Error('there is no previous key to retire');
  }
  unlinkSync(path);
  return previous;
}
