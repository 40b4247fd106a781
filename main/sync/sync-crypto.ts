/**
 * node:crypto for the terminal's side of the hub protocol: raw keys (base64) as the wire carries them, request
 * signatures, bundle verification with the pinned hub key, and opening the subject key the hub sealed to this
 * terminal (X25519 + HKDF-SHA-256 + AES-256-GCM; the hub's half is hub/crypto/hub-crypto.ts).
 */
import { createDecipheriv, createHash, createPrivateKey, createPublicKey, diffieHellman, hkdfSync, sign, verify, type KeyObject } from 'node:crypto';
import type { SealedKey } from '../../core/contract/hub-protocol.js';

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export function publicKeyFromRaw(rawBase64: string, curve: 'Ed25519' | 'X25519'): KeyObject {
  const raw = Buffer.from(rawBase64, 'base64');
  if (raw.length !== 32) throw new Error(`a raw ${curve} public key has 32 bytes, not ${raw.length}`);
  return createPublicKey({ key: { kty: 'OKP', crv: curve, x: raw.toString('base64url') }, format: 'jwk' });
}

export function rawPublicKeyOf(key: KeyObject): string {
  const jwk = (key.type === 'private' ? createPublicKey(key) : key).export({ format: 'jwk' });
  if (jwk.kty !== 'OKP' || !jwk.x) throw new Error('not an OKP key');
  return Buffer.from(jwk.x, 'base64url').toString('base64');
}

export function privateKeyFromPem(pem: string): KeyObject {
  return createPrivateKey(pem);
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

/** Opens a key sealed to this terminal's X25519 key; throws when it was sealed to another key or altered. */
export function openSealedKey(sealed: SealedKey, agreementPrivateKey: KeyObject, info: string): Buffer {
  const ephemeral = publicKeyFromRaw(sealed.ephemeralPublicKey, 'X25519');
  const shared = diffieHellman({ privateKey: agreementPrivateKey, publicKey: ephemeral });
  const ownRaw = rawPublicKeyOf(agreementPrivateKey);
  const salt = Buffer.concat([Buffer.from(sealed.ephemeralPublicKey, 'base64'), Buffer.from(ownRaw, 'base64')]);
  const key = Buffer.from(hkdfSync('sha256', shared, salt, info, 32));
  const data = Buffer.from(sealed.ciphertext, 'base64');
  if (data.length < 17) throw new Error('sealed key too short');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
  decipher.setAuthTag(data.subarray(data.length - 16));
  return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]);
}
