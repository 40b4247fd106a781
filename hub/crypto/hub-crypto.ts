/**
 * node:crypto for the hub: raw Ed25519 keys (base64) as the wire carries them, request and bundle signatures, the
 * subject key sealed to one terminal (X25519 + HKDF-SHA-256 + AES-256-GCM), and subject references.
 */
import {
  createCipheriv,
  createHash,
  createHmac,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { canonicalIdNumber } from '../../core/index.js';
import type { SealedKey } from '../protocol.js';

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export function publicKeyFromRaw(rawBase64: string, curve: 'Ed25519' | 'X25519'): KeyObject {
  const raw = Buffer.from(rawBase64, 'base64');
  if (raw.length !== 32) throw new Error(`a raw ${curve} public key has 32 bytes, not ${raw.length}`);
  return createPublicKey({ key: { kty: 'OKP', crv: curve, x: raw.toString('base64url') }, format: 'jwk' });
}

export function rawPublicKey(key: KeyObject): string {
  const jwk = key.export({ format: 'jwk' });
  if (jwk.kty !== 'OKP' || !jwk.x) throw new Error('not an OKP public key');
  return Buffer.from(jwk.x, 'base64url').toString('base64');
}

/** Key id of a terminal's signing key: the first 16 bytes of SHA-256 over the raw public key, hex. */
export function keyIdOfRaw(rawBase64: string): string {
  return createHash('sha256').update(Buffer.from(rawBase64, 'base64')).digest().subarray(0, 16).toString('hex');
}

export function signText(privateKey: KeyObject, text: string): string {
  return sign(null, Buffer.from(text, 'utf8'), privateKey).toString('base64');
}

export function verifyText(publicKey: KeyObject, text: string, signatureBase64: string): boolean {
  try {
    const signature = Buffer.from(signatureBase64, 'base64');
    return signature.length === 64 && verify(null, Buffer.from(text, 'utf8'), publicKey, signature);
  } catch {
    return false;
  }
}

/** Seals `secret` to the holder of the X25519 private key of `recipientRaw`; only that terminal can open it. */
export function sealToTerminal(secret: Buffer, recipientRaw: string, info: string): SealedKey {
  const recipient = publicKeyFromRaw(recipientRaw, 'X25519');
  const ephemeral = generateKeyPairSync('x25519');
  const ephemeralRaw = rawPublicKey(ephemeral.publicKey);
  const shared = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: recipient });
  const salt = Buffer.concat([Buffer.from(ephemeralRaw, 'base64'), Buffer.from(recipientRaw, 'base64')]);
  const key = Buffer.from(hkdfSync('sha256', shared, salt, info, 32));
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(secret), cipher.final(), cipher.getAuthTag()]);
  return { ephemeralPublicKey: ephemeralRaw, iv: iv.toString('base64'), ciphertext: ciphertext.toString('base64') };
}

/**
 * Reference of an identity number under the hub deployment's identity key (docs/identity-qr.md § One subject
 * identity): the subject claim of the tokens the hub issues, the key of the declaration sets, and what a terminal's
 * CryptoPort.identityRef computes from a CCCD / PC-Covid QR or a paper form (main/crypto/node-crypto-port.ts; proved
 * equal by test/integration/hub/one-identity.test.ts).
 */
export function subjectRefOf(identityKey: Buffer, idNumber: string): string {
  return createHmac('sha256', identityKey).update('id:').update(canonicalIdNumber(idNumber)).digest().subarray(0, 16).toString('hex');
}

/** What a terminal of the building stores in an entry's subject_hmac for a subject reference (CryptoPort.subjectKey). */
export function buildingSubjectHmac(buildingKey: Buffer, subjectRef: string): string {
  return createHmac('sha256', buildingKey).update('subject:').update(subjectRef).digest('hex');
}

/**
 * The subject HMACs under which one building's entries of an identity number are stored: first the current one
 * (reference under the identity key, re-keyed with the building's key), then the one terminals wrote before issue 15
 * for CCCD / PC-Covid / paper / badge entries (reference under the building's own key). The older form cannot be
 * converted without the number, so search and tracing look for both until retention has removed those rows.
 * The number itself is never stored or logged.
 */
export function entrySubjectHmacsOf(identityKey: Buffer, buildingKey: Buffer, idNumber: string): [current: string, legacy: string] {
  return [buildingSubjectHmac(buildingKey, subjectRefOf(identityKey, idNumber)), buildingSubjectHmac(buildingKey, subjectRefOf(buildingKey, idNumber))];
}

/** The current subject HMAC of an ID number in one building (tests, bench): entrySubjectHmacsOf's first. */
export function entrySubjectHmacOf(identityKey: Buffer, buildingKey: Buffer, idNumber: string): string {
  return entrySubjectHmacsOf(identityKey, buildingKey, idNumber)[0];
}
