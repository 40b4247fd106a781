/**
 * The envelope shared by our own signed tokens — health declarations (`KBYT1:`, docs/declaration-token.md) and staff
 * badges (`NVB1:`, docs/staff-badge.md):
 *
 *   PREFIX base45( COSE_Sign1 [ protected {1: -8 EdDSA, 4: kid}, {}, claims (CBOR map, integer keys), Ed25519 sig ] )
 *
 * This module opens and seals the envelope and checks the issuer's signature; each token module validates its own
 * claims. Contract: the envelope and the claims are checked for shape BEFORE the issuer is looked up, so a damaged
 * token is always TOKEN_MALFORMED whoever signed it; the signature is verified over the protected header bytes as
 * they arrived.
 */
import { base45Decode, base45Encode } from '../base45.js';
import { CoseAlg, CoseHeader, decodeCbor, decodeCoseSign1, encodeCbor, encodeCoseSign1, headerValue, sigStructure, toHex, type CoseSign1 } from '../cose.js';
import type { CryptoPort, TrustStore, TrustedIssuer } from '../crypto-port.js';
import { ReasonCode } from '../reasons.js';

/** Claim keys 1–3 mean the same in every token of ours. */
export const CommonClaim = { issuer: 1, subject: 2, name: 3 } as const;

export const MAX_NAME_LENGTH = 100;

export type OpenedToken =
  | { readonly ok: true; readonly sign1: CoseSign1; readonly kid: string; readonly claims: ReadonlyMap<unknown, unknown> }
  | { readonly ok: false; readonly detail: string };

export type SignatureCheck =
  | { readonly ok: true; readonly issuer: TrustedIssuer }
  | { readonly ok: false; readonly reason: ReasonCode; readonly detail: string };

/** What verifying a token of ours answers; a refusal carries the claims only once the signature verified. */
export type SignedTokenVerification<C> =
  | { readonly ok: true; readonly claims: C; readonly issuer: TrustedIssuer }
  | { readonly ok: false; readonly reason: ReasonCode; readonly detail: string; readonly claims?: C };

export interface SignedTokenVerifyOptions {
  readonly trust: TrustStore;
  readonly crypto: CryptoPort;
  readonly now: number;
  readonly clockSkewMs: number;
}

/** Prefixes are matched case-insensitively: some scanners and QR readers change the case of alphanumeric text. */
export function hasTokenPrefix(payload: string, prefix: string): boolean {
  return payload.slice(0, prefix.length).toUpperCase() === prefix;
}

export function hexOfBytes(value: unknown, min: number, max: number): string | undefined {
  if (!(value instanceof Uint8Array) || value.length < min || value.length > max) return undefined;
  return toHex(value);
}

/** Epoch seconds on the wire → ms; undefined unless a non-negative safe integer. */
export function epochMsOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value * 1000 : undefined;
}

/** Decodes prefix, base45, COSE_Sign1, algorithm, key id and the claims map; the detail names the first problem. */
export function openSignedToken(payload: string, prefix: string): OpenedToken {
  if (!hasTokenPrefix(payload, prefix)) return { ok: false, detail: `missing ${prefix} prefix` };
  let sign1: CoseSign1;
  try {
    sign1 = decodeCoseSign1(base45Decode(payload.slice(prefix.length)));
  } catch (error) {
    return { ok: false, detail: (error as Error).message };
  }
  if (headerValue(sign1, CoseHeader.alg) !== CoseAlg.EdDSA) return { ok: false, detail: 'algorithm must be EdDSA (-8)' };
  const kid = hexOfBytes(headerValue(sign1, CoseHeader.kid), 1, 32);
  if (!kid) return { ok: false, detail: 'missing key id' };
  let claims: unknown;
  try {
    claims = decodeCbor(sign1.payload);
  } catch (error) {
    return { ok: false, detail: `claims: ${(error as Error).message}` };
  }
  if (!(claims instanceof Map)) return { ok: false, detail: 'claims must be a map' };
  return { ok: true, sign1, kid, claims };
}

/** The issuer must be trusted (by key id) and its Ed25519 signature must cover the Sig_structure. */
export function checkIssuerSignature(sign1: CoseSign1, kid: string, trust: TrustStore, crypto: CryptoPort): SignatureCheck {
  const issuer = trust.issuerByKid(kid);
  if (!issuer) return { ok: false, reason: ReasonCode.TokenUnknownIssuer, detail: `no trusted key ${kid}` };
  if (!crypto.verify(issuer, sigStructure(sign1.protectedBytes, sign1.payload), sign1.signature)) {
    return { ok: false, reason: ReasonCode.TokenSignatureInvalid, detail: `signature does not verify with key ${kid}` };
  }
  return { ok: true, issuer };
}

export interface SubjectClaims {
  readonly issuer: string;
  /** Opaque subject reference (hex); for the building's own issuers, CryptoPort.identityRef of the ID number. */
  readonly subjectRef: string;
  /** NFC-normalised. */
  readonly displayName: string;
}

/** Claims 1 (issuer), 2 (subject) and 3 (name); returns a message naming the first bad claim. */
export function readSubjectClaims(map: ReadonlyMap<unknown, unknown>): SubjectClaims | string {
  const issuer = map.get(CommonClaim.issuer) ?? '';
  if (typeof issuer !== 'string' || issuer.length > 100) return 'claim 1 (issuer) must be text';
  const subjectRef = hexOfBytes(map.get(CommonClaim.subject), 8, 32);
  if (!subjectRef) return 'claim 2 (subject) must be 8–32 bytes';
  const displayName = map.get(CommonClaim.name);
  if (typeof displayName !== 'string' || displayName.trim() === '' || displayName.length > MAX_NAME_LENGTH) {
    return 'claim 3 (name) must be non-empty text of at most 100 characters';
  }
  return { issuer, subjectRef, displayName: displayName.normalize('NFC') };
}

/** Encodes and signs. `sign` receives the Sig_structure bytes and returns the raw 64-byte Ed25519 signature. */
export function sealSignedToken(prefix: string, claims: ReadonlyMap<number, unknown>, kid: Uint8Array, sign: (data: Uint8Array) => Uint8Array): string {
  const header = new Map<number, unknown>([
    [CoseHeader.alg, CoseAlg.EdDSA],
    [CoseHeader.kid, kid],
  ]);
  return prefix + base45Encode(encodeCoseSign1(header, encodeCbor(claims), sign));
}
