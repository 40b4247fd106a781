/**
 * Which hub keys a terminal trusts, and whether a bundle's signatures satisfy that trust (docs/hub.md § Rotating the hub
 * key). The rule, the only one that uses a hub public key on the terminal:
 *
 * - trusted = the `hubKeys` of the last bundle this terminal verified, or — before it verified one that carried them —
 *   the key it pinned at enrolment. The pinned key is not trusted for ever: once a verified bundle names the hub's
 *   set, a key that left it (retired) is no longer trusted, even the pinned one.
 * - a bundle in the key set form (`signatures` present) is accepted when at least one signature is by a trusted key
 *   id, and every signature by a trusted key id verifies (a failing one is a forgery or damage, never "the other key
 *   will do"); signatures by keys the terminal does not know are skipped. A bundle none of whose signatures is by a
 *   trusted key is refused as BUNDLE_SIGNER_UNKNOWN, and the terminal keeps its last good bundle.
 * - a bundle without `signatures` (a hub from before key sets) is accepted when its single `signature` verifies under
 *   a trusted key.
 * - after verifying, the bundle's `hubKeys` (each key id recomputed from its key) become the trusted set; a set that
 *   does not name a key that signed this very bundle is refused as malformed, so a hub bug cannot lock a terminal out.
 */
import { createHash } from 'node:crypto';
import type { BundleHubKey, SignedBundle } from '../../core/contract/hub-protocol.js';
import { publicKeyFromRaw, verifyText } from './sync-crypto.js';
import { SyncError } from './sync-failure.js';

export interface TrustedHubKey {
  readonly keyId: string;
  /** Raw Ed25519 public key, base64. */
  readonly publicKey: string;
}

/** First 8 bytes of SHA-256 of the raw key, hex: what the hub names a signing key by (hub/crypto/hub-key-set.ts). */
export const hubKeyIdOf = (raw: string): string => createHash('sha256').update(Buffer.from(raw, 'base64')).digest().subarray(0, 8).toString('hex');

export const pinnedHubKey = (raw: string): TrustedHubKey => ({ keyId: hubKeyIdOf(raw), publicKey: raw });

/** The keys trusted now: those learned from the last verified bundle, else the one pinned at enrolment. */
export function trustedHubKeys(pinned: TrustedHubKey, learned: readonly TrustedHubKey[] | undefined): readonly TrustedHubKey[] {
  return learned && learned.length > 0 ? learned : [pinned];
}

export type SignatureCheck = (publicKey: string, text: string, signature: string) => boolean;

export const ed25519Check: SignatureCheck = (publicKey, text, signature) => {
  try {
    return verifyText(publicKeyFromRaw(publicKey, 'Ed25519'), text, signature);
  } catch {
    return false;
  }
};

const ids = (keys: readonly { keyId: string }[]) => keys.map((k) => k.keyId).join(', ') || 'none';

/** The key ids whose signature over `text` verified; throws BUNDLE_SIGNATURE_INVALID or BUNDLE_SIGNER_UNKNOWN. */
export function verifiedSigners(text: string, signed: Pick<SignedBundle, 'signature' | 'signatures'>, trusted: readonly TrustedHubKey[], check: SignatureCheck = ed25519Check): string[] {
  if (!Array.isArray(signed.signatures)) {
    const signer = trusted.find((key) => typeof signed.signature === 'string' && check(key.publicKey, text, signed.signature));
    if (signer) return [signer.keyId];
    throw new SyncError('BUNDLE_SIGNATURE_INVALID', `the bundle signature does not verify with a trusted hub key (${ids(trusted)}); the last good bundle stays in force`);
  }
  const verified: string[] = [];
  for (const entry of signed.signatures as readonly unknown[]) {
    const { keyId, signature } = (entry ?? {}) as { keyId?: unknown; signature?: unknown };
    const key = trusted.find((k) => k.keyId === keyId);
    if (!key) continue;
    if (typeof signature !== 'string' || !check(key.publicKey, text, signature)) {
      throw new SyncError('BUNDLE_SIGNATURE_INVALID', `the bundle signature of hub key ${key.keyId} does not verify; the last good bundle stays in force`);
    }
    verified.push(key.keyId);
  }
  if (verified.length > 0) return verified;
  const named = (signed.signatures as readonly { keyId?: unknown }[]).map((s) => String(s?.keyId)).join(', ') || 'none';
  throw new SyncError(
    'BUNDLE_SIGNER_UNKNOWN',
    `the bundle is signed only by hub key(s) ${named}, none of which this terminal trusts (${ids(trusted)}); the last good bundle stays in force. ` +
      'A terminal that missed a whole hub key rotation must be enrolled again.',
  );
}

/** The set to trust after a verified bundle: its hubKeys (checked), or undefined when it carries none (an older hub). */
export function learnedHubKeys(hubKeys: readonly BundleHubKey[] | undefined, signers: readonly string[]): TrustedHubKey[] | undefined {
  if (hubKeys === undefined) return undefined;
  const learned = hubKeys.map((k) => ({ keyId: k.keyId, publicKey: k.publicKey }));
  const wrong = learned.find((k) => Buffer.from(k.publicKey, 'base64').length !== 32 || hubKeyIdOf(k.publicKey) !== k.keyId);
  if (wrong) throw new SyncError('BUNDLE_MALFORMED', `the bundle's hub key ${wrong.keyId} does not match its public key`);
  if (!learned.some((k) => signers.includes(k.keyId))) {
    throw new SyncError('BUNDLE_MALFORMED', `the bundle's hub keys (${ids(learned)}) do not include a key that signed it (${signers.join(', ')})`);
  }
  return learned;
}
