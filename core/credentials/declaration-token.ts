/**
 * Our signed health-declaration token (spec: docs/declaration-token.md).
 *
 *   KBYT1:<base45( COSE_Sign1 [ protected {1: -8 EdDSA, 4: kid}, {}, claims, Ed25519 signature ] )>
 *
 * Claims are a CBOR map with small integer keys so the token fits a QR code in alphanumeric mode. The envelope and
 * the signature check are shared with staff badges (./signed-token.ts).
 */
import { ReasonCode } from '../reasons.js';
import { DECLARATION_PREFIX } from './classify.js';
import { checkIssuerSignature, CommonClaim, epochMsOf, hasTokenPrefix, hexOfBytes, openSignedToken, readSubjectClaims, sealSignedToken, type SignedTokenVerification, type SignedTokenVerifyOptions } from './signed-token.js';

export { MAX_NAME_LENGTH } from './signed-token.js';

export const DECLARATION_TOKEN_PREFIX = DECLARATION_PREFIX;

export const Claim = { ...CommonClaim, declaredAt: 4, result: 5, expiresAt: 6, notBefore: 7, tokenId: 8 } as const;

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

export type TokenVerification = SignedTokenVerification<DeclarationClaims>;

export type VerifyOptions = SignedTokenVerifyOptions;

export function looksLikeDeclarationToken(payload: string): boolean {
  return hasTokenPrefix(payload, DECLARATION_TOKEN_PREFIX);
}

function malformed(detail: string): TokenVerification {
  return { ok: false, reason: ReasonCode.TokenMalformed, detail };
}

/** Validates the claims map shape; returns a message naming the first bad claim, or the claims. */
export function readClaims(map: ReadonlyMap<unknown, unknown>): DeclarationClaims | string {
  const subject = readSubjectClaims(map);
  if (typeof subject === 'string') return subject;
  const declaredAt = epochMsOf(map.get(Claim.declaredAt));
  if (declaredAt === undefined) return 'claim 4 (declared at) must be epoch seconds';
  const resultCode = map.get(Claim.result);
  const result = typeof resultCode === 'number' ? RESULT_CODES[resultCode] : undefined;
  if (!result) return 'claim 5 (result) must be 0, 1 or 2';
  const expiresAt = epochMsOf(map.get(Claim.expiresAt));
  if (expiresAt === undefined || expiresAt <= declaredAt) return 'claim 6 (expiry) must be epoch seconds after the declaration';
  const notBefore = map.has(Claim.notBefore) ? epochMsOf(map.get(Claim.notBefore)) : declaredAt;
  if (notBefore === undefined) return 'claim 7 (not before) must be epoch seconds';
  const tokenId = hexOfBytes(map.get(Claim.tokenId), 4, 16);
  if (!tokenId) return 'claim 8 (token id) must be 4–16 bytes';
  return { ...subject, declaredAt, result, expiresAt, notBefore, tokenId };
}

export function verifyDeclarationToken(payload: string, options: VerifyOptions): TokenVerification {
  const opened = openSignedToken(payload, DECLARATION_TOKEN_PREFIX);
  if (!opened.ok) return malformed(opened.detail);
  const claims = readClaims(opened.claims);
  if (typeof claims === 'string') return malformed(claims);
  const signature = checkIssuerSignature(opened.sign1, opened.kid, options.trust, options.crypto);
  if (!signature.ok) return signature;
  if (options.now + options.clockSkewMs < claims.notBefore) {
    return { ok: false, reason: ReasonCode.TokenNotYetValid, detail: 'not before lies in the future', claims };
  }
  if (options.now >= claims.expiresAt) {
    return { ok: false, reason: ReasonCode.TokenExpired, detail: 'expired', claims };
  }
  return { ok: true, claims, issuer: signature.issuer };
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
  return sealSignedToken(DECLARATION_TOKEN_PREFIX, claims, kid, sign);
}
