/**
 * The declaration issuer's key set: the key that signs KBYT1 tokens now, the next one announced ahead of use, and the
 * previous ones kept until the last token they signed has expired. Every bundle carries the public half of each (as
 * BundleContent.issuers; a terminal knows a key by its COSE kid, the first 8 bytes of SHA-256 of the raw key), so a
 * rotation never leaves a terminal unable to read a token:
 *
 *   1. `gate-terminal declaration-key announce` writes `declaration-issuer-key.next.pem` (0600) beside the current key;
 *      after a hub restart, bundles carry both keys. Wait until every terminal has synced (the fleet page's data age).
 *   2. `gate-terminal declaration-key activate` moves the current key's public half to `declaration-issuer-previous.json`
 *      with `validUntil` = now + the tokens' lifetime (`declarationPage.validHours`) + a day of margin (the hubs keep
 *      signing with the old key until they restart), and the next key becomes the current one; restart the hubs. New
 *      tokens carry the new kid, old ones stay valid until they expire, and the old key leaves the bundles after validUntil.
 *
 * Replicas share the data dir (docs/scaling.md § Keys), so all of them read the same set.
 */
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BundleIssuer } from '../protocol.js';
import { rawPublicKey } from '../crypto/hub-crypto.js';
import { readOrCreate } from '../crypto/hub-keys.js';

export const NEXT_DECLARATION_KEY_FILE = 'declaration-issuer-key.next.pem';
export const PREVIOUS_DECLARATION_KEYS_FILE = 'declaration-issuer-previous.json';
const MARGIN_MS = 86_400_000;

export interface PreviousIssuerKey {
  /** Raw Ed25519 public key, base64. */
  readonly publicKey: string;
  readonly retiredAt: number;
  /** The key leaves the bundles after this instant (its last token has expired by then). */
  readonly validUntil: number;
}

export interface DeclarationKeySet {
  readonly current: string;
  readonly next?: string;
  readonly previous: readonly PreviousIssuerKey[];
}

function publicOfPem(pem: string): string {
  return rawPublicKey(createPublicKey(pem));
}

function readPrevious(dataDir: string): PreviousIssuerKey[] {
  const path = join(dataDir, PREVIOUS_DECLARATION_KEYS_FILE);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as PreviousIssuerKey[]) : [];
}

/** The set around the current key (its public half, raw base64). */
export function readDeclarationKeySet(dataDir: string, currentPublicKey: string): DeclarationKeySet {
  const nextPath = join(dataDir, NEXT_DECLARATION_KEY_FILE);
  const next = existsSync(nextPath) ? publicOfPem(readFileSync(nextPath, 'utf8')) : undefined;
  return { current: currentPublicKey, ...(next ? { next } : {}), previous: readPrevious(dataDir) };
}

/** What bundles carry at `now`: the current key, the announced one, and the previous ones still within validUntil. */
export function bundleIssuersOf(name: string, set: DeclarationKeySet, now: number): BundleIssuer[] {
  const keys = [set.current, ...(set.next ? [set.next] : []), ...set.previous.filter((p) => p.validUntil > now).map((p) => p.publicKey)];
  return [...new Set(keys)].map((publicKey) => ({ name, publicKey }));
}

/** Step 1: creates the next key unless one is announced already; returns its public half. */
export function announceNextDeclarationKey(dataDir: string): string {
  const pem = readOrCreate(join(dataDir, NEXT_DECLARATION_KEY_FILE), () => generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
  return publicOfPem(pem);
}

/**
 * Step 2: the announced key becomes the current one (written at `currentKeyPath`, renamed over it so no reader sees
 * half a file); the old current key's public half is kept until validUntil. Throws when no key was announced.
 */
export function activateNextDeclarationKey(dataDir: string, currentKeyPath: string, tokenLifetimeMs: number, now: number): { previous: PreviousIssuerKey; current: string } {
  const nextPath = join(dataDir, NEXT_DECLARATION_KEY_FILE);
  if (!existsSync(nextPath)) throw new Error('no announced key: run `gate-terminal declaration-key announce` and let every terminal sync first');
  const previous: PreviousIssuerKey = { publicKey: publicOfPem(readFileSync(currentKeyPath, 'utf8')), retiredAt: now, validUntil: now + tokenLifetimeMs + MARGIN_MS };
  const kept = readPrevious(dataDir).filter((p) => p.validUntil > now && p.publicKey !== previous.publicKey);
  const listPath = join(dataDir, PREVIOUS_DECLARATION_KEYS_FILE);
  writeFileSync(`${listPath}.tmp`, JSON.stringify([...kept, previous], null, 2), { mode: 0o600 });
  renameSync(`${listPath}.tmp`, listPath);
  renameSync(nextPath, currentKeyPath);
  return { previous, current: publicOfPem(readFileSync(currentKeyPath, 'utf8')) };
}
