/**
 * The only way core touches cryptography: the host passes an implementation in (node:crypto in the host, WebCrypto or
 * a pure library elsewhere). Keys are opaque handles prepared by the host once, so verification stays cheap.
 */
export type SignatureAlgorithm = 'EdDSA' | 'ES256' | 'PS256';

export interface TrustedIssuer {
  /** Key id as lowercase hex (first 8 bytes of SHA-256 of the public key for our tokens). */
  readonly kid: string;
  readonly name: string;
  readonly algorithm: SignatureAlgorithm;
  /** Opaque public-key handle understood by the CryptoPort that will verify with it. */
  readonly key: unknown;
}

export interface TrustStore {
  issuerByKid(kid: string): TrustedIssuer | undefined;
}

export interface CryptoPort {
  verify(issuer: TrustedIssuer, data: Uint8Array, signature: Uint8Array): boolean;
}

export function trustStoreOf(issuers: readonly TrustedIssuer[]): TrustStore {
  const byKid = new Map(issuers.map((i) => [i.kid, i]));
  return { issuerByKid: (kid) => byKid.get(kid) };
}
