/**
 * EU DCC document signer certificates (DSC, X.509 DER) → core's DocumentSigner, with node:crypto's X509Certificate.
 * The key is parsed once into a KeyObject; core hands it back to the CryptoPort for every verification.
 *
 * - algorithm from the key type: EC P-256 → ES256, RSA (or RSA-PSS) → PS256; any other key is refused.
 * - key id: the first 8 bytes of SHA-256 over the certificate DER (hcert spec §3.3.1), unless the trust list says
 *   otherwise.
 * - extended key usage: Node reports the EKU OIDs as `keyUsage` (undefined when the extension is absent).
 */
import { createHash, X509Certificate } from 'node:crypto';
import type { DocumentSigner, SignatureAlgorithm } from '../../core/index.js';

export class DocumentSignerError extends Error {}

/** The DCC key id of a certificate: SHA-256 of its DER, first 8 bytes, as lowercase hex. */
export function dccKeyIdOfCertificate(der: Uint8Array): string {
  return createHash('sha256').update(der).digest().subarray(0, 8).toString('hex');
}

function algorithmOf(x509: X509Certificate): SignatureAlgorithm {
  const key = x509.publicKey;
  if (key.asymmetricKeyType === 'ec') {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    if (curve === 'prime256v1' || curve === 'P-256') return 'ES256';
    // The DCC specification (eHN, Technical Specifications for EU DCC, Vol. 1 §3.3.1) allows ES256 (ECDSA on P-256
    // with SHA-256) and PS256 only; ES256 is defined on P-256 (RFC 7518 §3.4), so a P-384 key can sign no DCC.
    throw new DocumentSignerError(`EC key on curve ${curve ?? '?'}: the DCC specification allows ES256 (EC P-256) and PS256 (RSA) signers only`);
  }
  if (key.asymmetricKeyType === 'rsa' || key.asymmetricKeyType === 'rsa-pss') return 'PS256';
  throw new DocumentSignerError(`${key.asymmetricKeyType ?? 'unknown'} key; DCC signers use EC P-256 or RSA`);
}

function parseValidity(text: string, what: string): number {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new DocumentSignerError(`unreadable ${what} date "${text}"`);
  return ms;
}

/** `C=` of an X.509 subject as Node prints it (one `key=value` per line). */
export function countryOfSubject(subject: string): string | undefined {
  for (const line of subject.split('\n')) if (line.startsWith('C=')) return line.slice(2).trim() || undefined;
  return undefined;
}

/**
 * A DocumentSigner from a certificate's DER bytes. `kidHex` overrides the computed key id (trust lists name each
 * certificate's kid, and a few national lists have kids that are not the certificate hash). Throws
 * DocumentSignerError (or node:crypto's error) for anything that is not a usable DSC.
 */
export function documentSignerFromDer(der: Uint8Array, kidHex?: string): DocumentSigner {
  const x509 = new X509Certificate(der);
  const country = countryOfSubject(x509.subject);
  const kid = (kidHex ?? dccKeyIdOfCertificate(der)).toLowerCase();
  return {
    kid,
    name: country ? `DSC ${country} ${kid}` : `DSC ${kid}`,
    algorithm: algorithmOf(x509),
    key: x509.publicKey,
    extendedKeyUsage: x509.keyUsage ?? [],
    notBefore: parseValidity(x509.validFrom, 'not-before'),
    notAfter: parseValidity(x509.validTo, 'not-after'),
    ...(country ? { country } : {}),
  };
}
