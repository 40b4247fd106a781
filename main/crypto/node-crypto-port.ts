/**
 * node:crypto behind core's CryptoPort, plus the key handling the host needs: key ids, PEM loading, signing.
 * Keys are parsed once into KeyObjects; core passes them back opaquely for each verification.
 */
import { createHash, createHmac, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import type { CryptoPort, SignatureAlgorithm, TrustedIssuer } from '../../core/index.js';

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

/** Normalises an identity number before hashing: no spaces or dashes, upper case (passport numbers have letters). */
export function normaliseIdNumber(idNumber: string): string {
  return idNumber.replace(/[\s-]/g, '').toUpperCase();
}

/**
 * The host's CryptoPort. `subjectKeyMaterial` is the building's subject key (data/subject-hmac.key now, the hub's
 * bundle later): identity references and stored subject keys are HMAC-SHA-256 under it, domain-separated.
 */
export function createNodeCryptoPort(subjectKeyMaterial: Buffer): CryptoPort {
  return {
    verify: signatureVerifier.verify,
    inflate: (data, maxOutputBytes) => new Uint8Array(inflateSync(data, { maxOutputLength: maxOutputBytes })),
    identityRef: (idNumber) => createHmac('sha256', subjectKeyMaterial).update('id:').update(normaliseIdNumber(idNumber)).digest().subarray(0, 16).toString('hex'),
    subjectKey: (subjectRef) => createHmac('sha256', subjectKeyMaterial).update('subject:').update(subjectRef).digest('hex'),
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
