/**
 * The only way core touches cryptography and compression: the host passes an implementation in (node:crypto and
 * core's own pure inflater, core/inflate.ts, in the host). Keys are opaque handles prepared by the host once, so verification stays cheap; the subject
 * key never enters core at all — core asks the port for keyed hashes.
 */
import type { DccValueSets } from './credentials/eu-dcc/dcc-value-sets.js';

export type SignatureAlgorithm = 'EdDSA' | 'ES256' | 'PS256';

export interface TrustedIssuer {
  /** Key id as lowercase hex (first 8 bytes of SHA-256 of the public key for our tokens and for DCC signers). */
  readonly kid: string;
  readonly name: string;
  readonly algorithm: SignatureAlgorithm;
  /** Opaque public-key handle understood by the CryptoPort that will verify with it. */
  readonly key: unknown;
}

/** An EU DCC document signer certificate (DSC) from the trust list. */
export interface DocumentSigner extends TrustedIssuer {
  /** Extended key usage OIDs of the certificate (empty = may sign every certificate type). */
  readonly extendedKeyUsage: readonly string[];
  /** Certificate validity, ms since the epoch. */
  readonly notBefore: number;
  readonly notAfter: number;
  /** Issuing country from the certificate subject (C=), if present. */
  readonly country?: string;
}

export interface TrustStore {
  /** Issuers of our own tokens (health declarations, staff badges). */
  issuerByKid(kid: string): TrustedIssuer | undefined;
  /** DCC document signers; several certificates may share a kid (all are tried). */
  documentSignersByKid(kid: string): readonly DocumentSigner[];
  /** The EU value sets DCC codes are checked against; absent when none are loaded (the step then checks nothing). */
  readonly dccValueSets?: DccValueSets;
}

export interface CryptoPort {
  verify(issuer: TrustedIssuer, data: Uint8Array, signature: Uint8Array): boolean;
  /** zlib (RFC 1950) inflate; throws on malformed input or when the output would exceed `maxOutputBytes`. */
  inflate(data: Uint8Array, maxOutputBytes: number): Uint8Array;
  /**
   * Keyed reference of an identity number (CCCD/CMND/passport), hex: what issuers put in a token's subject claim and
   * what the synced declaration set is keyed by. The same number always gives the same reference for one key.
   */
  identityRef(idNumber: string): string;
  /** Keyed hash of a subject reference for storage and presence (the register never holds the reference itself). */
  subjectKey(subjectRef: string): string;
}

export function trustStoreOf(
  issuers: readonly TrustedIssuer[],
  documentSigners: readonly DocumentSigner[] = [],
  dccValueSets?: DccValueSets,
): TrustStore {
  const byKid = new Map(issuers.map((i) => [i.kid, i]));
  const signers = new Map<string, DocumentSigner[]>();
  for (const s of documentSigners) signers.set(s.kid, [...(signers.get(s.kid) ?? []), s]);
  return { issuerByKid: (kid) => byKid.get(kid), documentSignersByKid: (kid) => signers.get(kid) ?? [], ...(dccValueSets ? { dccValueSets } : {}) };
}
