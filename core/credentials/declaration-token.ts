/**
 * Our signed health-declaration token (spec: docs/declaration-token.md).
 *
 *   KBYT1:<base45( COSE_Sign1 [ protected {1: -8 EdDSA, 4: kid}, {}, claims, Ed25519 signature ] )>
 *
 * Claims are a CBOR map with small integer keys so the token fits a QR code in alphanumeric mode.
 */
import { base45Decode, base45Encode } from '../base45.js';
import { CoseAlg, CoseHeader, decodeCbor, decodeCoseSign1, encodeCbor, encodeCoseSign1, headerValue, sigStructure, toHex } from '../cose.js';
import type { CryptoPort, TrustStore, TrustedIssuer } from '../crypto-port.js';
import { ReasonCode } from '../reasons.js';

export const DECLARATION_TOKEN_PREFIX = 'KBYT1:';

export const Claim = { issuer: 1, subject: 2, name: 3, declaredAt: 4, result: 5, expiresAt: 6, notBefore: 7, tokenId: 8 } as const;

export type DeclarationResult = 'clear' | 'medical-check' | 'isolate';
const RESULT_CODES: readonly DeclarationResult[] = ['clear', 'medical-check', 'isolate'];

export interface DeclarationClaims {
  readonly issuer: string;
  /** Opaque subject reference (hex), stable per person for one issuer; never an ID number in clear. */
  readonly subjectRef: string;
  readonly displayName: string;
  /** All times in ms since the Unix epoch; the wire format carries whole seconds. */
  readonly declaredAt: number;
  readonly result: DeclarationResult;
  readonly expiresAt: number;
  readonly notBefore: number;
  readonly tokenId: string;
}

export type TokenVerification =
  | { readonly ok: true; readonly claims: DeclarationClaims; readonly issuer: TrustedIssuer }
  | { readonly ok: false; readonly reason: ReasonCode; readonly detail: string; readonly claims?: DeclarationClaims };

export interface VerifyOptions {
  readonly trust: TrustStore;
  readonly crypto: CryptoPort;
  readonly now: number;
  readonly clockSkewMs: number;
}

export const MAX_NAME_LENGTH = 100;

export function looksLikeDeclarationToken(payload: string): boolean {
  return payload.slice(0, DECLARATION_TOKEN_PREFIX.length).toUpperCase() === DECLARATION_TOKEN_PREFIX;
}

function malformed(detail: string): TokenVerification {
  return { ok: false, reason: ReasonCode.TokenMalformed, detail };
}

function hexOfBytes(value: unknown, min: number, max: number): string | undefined {
  if (!(value instanceof Uint8Array) || value.length < min || value.length > max) return undefined;
  return toHex(value);
}

function seconds(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value * 1000 : undefined;
}

/** Validates the claims map shape; returns a message naming the first bad claim, or the claims. */
export function readClaims(map: ReadonlyMap<unknown, unknown>): DeclarationClaims | string {
  const issuer = map.get(Claim.issuer) ?? '';
  if (typeof issuer !== 'string' || issuer.length > 100) return 'claim 1 (issuer) must be text';
  const subjectRef = hexOfBytes(map.get(Claim.subject), 8, 32);
  if (!subjectRef) return 'claim 2 (subject) must be 8–32 bytes';
  const displayName = map.get(Claim.name);
  if (typeof displayName !== 'string' || displayName.trim() === '' || displayName.length > MAX_NAME_LENGTH) {
    return 'claim 3 (name) must be non-empty text of at most 100 characters';
  }
  const declaredAt = seconds(map.get(Claim.declaredAt));
  if (declaredAt === undefined) return 'claim 4 (declared at) must be epoch seconds';
  const resultCode = map.get(Claim.result);
  const result = typeof resultCode === 'number' ? RESULT_CODES[resultCode] : undefined;
  if (!result) return 'claim 5 (result) must be 0, 1 or 2';
  const expiresAt = seconds(map.get(Claim.expiresAt));
  if (expiresAt === undefined || expiresAt <= declaredAt) return 'claim 6 (expiry) must be epoch seconds after the declaration';
  const notBefore = map.has(Claim.notBefore) ? seconds(map.get(Claim.notBefore)) : declaredAt;
  if (notBefore === undefined) return 'claim 7 (not before) must be epoch seconds';
  const tokenId = hexOfBytes(map.get(Claim.tokenId), 4, 16);
  if (!tokenId) return 'claim 8 (token id) must be 4–16 bytes';
  return { issuer, subjectRef, displayName: displayName.normalize('NFC'), declaredAt, result, expiresAt, notBefore, tokenId };
}

export function verifyDeclarationToken(payload: string, options: VerifyOptions): TokenVerification {
  if (!looksLikeDeclarationToken(payload)) return malformed('missing KBYT1: prefix');
  let bytes: Uint8Array;
  try {
    bytes = base45Decode(payload.slice(DECLARATION_TOKEN_PREFIX.length));
  } catch (error) {
    return malformed((error as Error).message);
  }
  let sign1;
  try {
    sign1 = decodeCoseSign1(bytes);
  } catch (error) {
    return malformed((error as Error).message);
  }
  if (headerValue(sign1, CoseHeader.alg) !== CoseAlg.EdDSA) return malformed('algorithm must be EdDSA (-8)');
  const kid = hexOfBytes(headerValue(sign1, CoseHeader.kid), 1, 32);
  if (!kid) return malformed('missing key id');
  let claimsMap: unknown;
  try {
    claimsMap = decodeCbor(sign1.payload);
  } catch (error) {
    return malformed(`claims: ${(error as Error).message}`);
  }
  if (!(claimsMap instanceof Map)) return malformed('claims must be a map');
  const claims = readClaims(claimsMap);
  if (typeof claims === 'string') return malformed(claims);

  const issuer = options.trust.issuerByKid(kid);
  if (!issuer) return { ok: false, reason: ReasonCode.TokenUnknownIssuer, detail: `no trusted key ${kid}` };
  if (!options.crypto.verify(issuer, sigStructure(sign1.protectedBytes, sign1.payload), sign1.signature)) {
    return { ok: false, reason: ReasonCode.TokenSignatureInvalid, detail: `signature does not verify with key ${kid}` };
  }
  if (options.now + options.clockSkewMs < claims.notBefore) {
    return { ok: false, reason: ReasonCode.TokenNotYetValid, detail: 'not before lies in the future', claims };
  }
  if (options.now >= claims.expiresAt) {
    return { ok: false, reason: ReasonCode.TokenExpired, detail: 'expired', claims };
  }
  return { ok: true, claims, issuer };
}

export interface TokenToIssue {
  readonly issuer: string;
  readonly subjectRef: Uint8Array;
  readonly displayName: string;
  readonly declaredAt: number;
  readonly result: DeclarationResult;
  readonly expiresAt: number;
  readonly notBefore?: number;
  readonly tokenId: Uint8Array;
}

/** Encodes and signs a token. `sign` receives the Sig_structure bytes and returns the raw 64-byte Ed25519 signature. */
export function encodeDeclarationToken(token: TokenToIssue, kid: Uint8Array, sign: (data: Uint8Array) => Uint8Array): string {
  const claims = new Map<number, unknown>([
    [Claim.issuer, token.issuer],
    [Claim.subject, token.subjectRef],
    [Claim.name, token.displayName.normalize('NFC')],
    [Claim.declaredAt, Math.floor(token.declaredAt / 1000)],
    [Claim.result, RESULT_CODES.indexOf(token.result)],
    [Claim.expiresAt, Math.floor(token.expiresAt / 1000)],
    [Claim.tokenId, token.tokenId],
  ]);
  if (token.notBefore !== undefined) claims.set(Claim.notBefore, Math.floor(token.notBefore / 1000));
  const header = new Map<number, unknown>([
    [CoseHeader.alg, CoseAlg.EdDSA],
    [CoseHeader.kid, kid],
  ]);
  return DECLARATION_TOKEN_PREFIX + base45Encode(encodeCoseSign1(header, encodeCbor(claims), sign));
}
