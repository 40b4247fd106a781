/**
 * node:crypto behind core's CryptoPort, plus the key handling the host needs: key ids, PEM loading, signing.
 * Keys are parsed once into KeyObjects; core passes them back opaquely for each verification.
 */
import { createHash, createHmac, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalIdNumber, inflateZlib, type CryptoPort, type SignatureAlgorithm, type TrustedIssuer } from '../../core/index.js';

/** Signature verification for core's CryptoPort: EdDSA (our tokens), ES256 and PS256 (EU DCC). */
export const signatureVerifier: Pick<CryptoPort, 'verify'> = {
  verify(issuer: TrustedIssuer, data: Uint8Array, signature: Uint8Array): boolean {
    const key = issuer.key as KeyObject;
    try {
      switch (issuer.algorithm) {
        case 'EdDSA':
          return verify(null, data, key, signature);
        case 'ES256':
          return verify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, signature);
        case 'PS256':
          return verify('sha256', data, { key, padding: 6 /* RSA_PKCS1_PSS_PADDING */, saltLength: 32 }, signature);
      }
    } catch {
      return false;
    }
  },
};

/** Normalises an identity number before hashing: core's one normal form (no separators, upper case). */
export function normaliseIdNumber(idNumber: string): string {
  return canonicalIdNumber(idNumber);
}

/**
 * The host's CryptoPort, with the two keys of docs/identity-qr.md § One subject identity:
 * `identityKey` makes the reference of an ID number (HMAC-SHA-256, "id:", 16 bytes) — the hub deployment's identity
 * key, the same at every terminal and on the hub, so a hub-issued token, a CCCD scan and a paper form agree;
 * `subjectKey` re-keys that reference into what the register stores (HMAC-SHA-256, "subject:") — the building's key.
 * A terminal without a hub uses its local key (data/subject-hmac.key) for both.
 */
export function createNodeCryptoPort(identityKey: Buffer, subjectKey: Buffer = identityKey): CryptoPort {
  return {
    verify: signatureVerifier.verify,
    // core's inflater, not node:zlib: for QR-sized data a native zlib stream per call costs more than it saves (core/inflate.ts).
    inflate: inflateZlib,
    identityRef: (idNumber) => createHmac('sha256', identityKey).update('id:').update(normaliseIdNumber(idNumber)).digest().subarray(0, 16).toString('hex'),
    subjectKey: (subjectRef) => createHmac('sha256', subjectKey).update('subject:').update(subjectRef).digest('hex'),
  };
}

/** Raw 32-byte Ed25519 public key of a KeyObject. */
export function rawEd25519PublicKey(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || !jwk.x) throw new Error('not an Ed25519 public key');
  return Buffer.from(jwk.x, 'base64url');
}

/** Key id of our tokens: the first 8 bytes of SHA-256 over the raw public key. */
export function keyIdOf(publicKey: KeyObject): Buffer {
  return createHash('sha256').update(rawEd25519PublicKey(publicKey)).digest().subarray(0, 8);
}

export function issuerFromPublicKeyPem(pem: string, name: string): TrustedIssuer {
  const key = createPublicKey(pem);
  const algorithm: SignatureAlgorithm = 'EdDSA';
  return { kid: keyIdOf(key).toString('hex'), name, algorithm, key };
}

export function ed25519Signer(privateKey: KeyObject): (data: Uint8Array) => Uint8Array {
  return (data) => sign(null, data, privateKey);
}

export function generateEd25519Pem(): { publicKeyPem: string; privateKeyPem: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
  };
}
