/**
 * What the hub accepts into its DCC trust list: one document signer certificate (DSC) at a time, checked the way a
 * terminal will use it (main/crypto/document-signer.ts, core/credentials/eu-dcc/dcc-signer-checks.ts), so that a
 * certificate no terminal could verify with never reaches a bundle:
 * - an X.509 certificate (DER);
 * - key type: EC P-256 (ES256) or RSA of at least 2048 bits (PS256) — the algorithms the DCC specification allows
 *   (eHN Technical Specifications for EU DCC, Vol. 1 §3.3.1); P-384, Ed25519 and others are refused;
 * - extended key usage: none (may sign every type) or at least one DCC OID (1.3.6.1.4.1.1847.2021.1.1–3 or the
 *   alternate 1.3.6.1.4.1.0.1847.2021.1.1–3); a certificate restricted to other purposes only is refused;
 * - validity: not expired at import (a DCC may not outlive its signer, so an expired DSC vouches for nothing any
 *   more); one not yet valid is accepted (national backends publish signers ahead of use) and marked as such;
 * - the list's country, when it names one, agrees with the certificate subject's C=.
 * Each refusal names the entry, the problem and the next step, Vietnamese first.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { DCC_KEY_USAGE_OIDS } from '../../core/index.js';

export interface DccSignerRecord {
  /** SHA-256 of the certificate DER, hex: the signer's id on the hub (several signers may share a kid). */
  readonly signerId: string;
  /** COSE kid, lowercase hex: as the list gave it, else the first 8 bytes of the certificate's SHA-256. */
  readonly kid: string;
  readonly country: string;
  /** The certificate, DER as base64. */
  readonly certificate: string;
  readonly subject: string;
  /** "EC P-256" or "RSA 3072": for the admin page. */
  readonly keyType: string;
  readonly algorithm: 'ES256' | 'PS256';
  /** Extended key usage OIDs (empty = every certificate type). */
  readonly keyUsage: readonly string[];
  readonly notBefore: number;
  readonly notAfter: number;
}

export type SignerProblem = 'NOT_A_CERTIFICATE' | 'NOT_A_DOCUMENT_SIGNER' | 'KEY_TYPE' | 'KEY_USAGE' | 'EXPIRED' | 'COUNTRY_MISMATCH' | 'BAD_KID' | 'BAD_ENTRY';

export interface SignerRefusal {
  /** Where in the import: "mục 3 / entry 3", "khối PEM 2 / PEM block 2". */
  readonly entry: string;
  readonly kid?: string;
  readonly problem: SignerProblem;
  readonly vi: string;
  readonly en: string;
}

/** One certificate as a trust-list format delivers it, before the checks. */
export interface SignerCandidate {
  readonly entry: string;
  readonly der: Buffer;
  readonly kidHex?: string;
  readonly country?: string;
}

const DCC_OIDS = new Set(Object.values(DCC_KEY_USAGE_OIDS).flat());
const MIN_RSA_BITS = 2048;

export function refusal(entry: string, problem: SignerProblem, vi: string, en: string, kid?: string): SignerRefusal {
  return { entry, problem, vi, en, ...(kid === undefined ? {} : { kid }) };
}

/** "vi — en", as logs and the CLI print a refusal. */
export function refusalText(r: SignerRefusal): string {
  return `${r.entry}${r.kid ? ` (kid ${r.kid})` : ''}: ${r.vi} — ${r.en}`;
}

/** The DCC key id of a certificate: SHA-256 of its DER, first 8 bytes, hex (hcert spec §3.3.1). */
export function dccKidOf(der: Uint8Array): string {
  return createHash('sha256').update(der).digest().subarray(0, 8).toString('hex');
}

function countryOfSubject(subject: string): string | undefined {
  for (const line of subject.split('\n')) if (line.startsWith('C=')) return line.slice(2).trim().toUpperCase() || undefined;
  return undefined;
}

function keyOf(x509: X509Certificate): { keyType: string; algorithm: 'ES256' | 'PS256' } | string {
  const key = x509.publicKey;
  if (key.asymmetricKeyType === 'ec') {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    return curve === 'prime256v1' ? { keyType: 'EC P-256', algorithm: 'ES256' } : `EC ${curve ?? '?'}`;
  }
  if (key.asymmetricKeyType === 'rsa' || key.asymmetricKeyType === 'rsa-pss') {
    const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
    return bits >= MIN_RSA_BITS ? { keyType: `RSA ${bits}`, algorithm: 'PS256' } : `RSA ${bits}`;
  }
  return key.asymmetricKeyType ?? 'unknown';
}

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The checked signer, or why it is refused. Never throws. */
export function checkDccSigner(candidate: SignerCandidate, now: number): DccSignerRecord | SignerRefusal {
  const { entry } = candidate;
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(candidate.der);
  } catch {
    return refusal(entry, 'NOT_A_CERTIFICATE', 'Không phải chứng thư X.509. Kiểm tra lại tệp tải về từ hệ thống quốc gia.', 'Not an X.509 certificate. Check the file downloaded from the national backend.', candidate.kidHex);
  }
  const kid = (candidate.kidHex ?? dccKidOf(candidate.der)).toLowerCase();
  const key = keyOf(x509);
  if (typeof key === 'string') {
    return refusal(entry, 'KEY_TYPE', `Khóa ${key}: chứng chỉ DCC chỉ được ký bằng EC P-256 hoặc RSA từ 2048 bit. Bỏ chứng thư này khỏi danh sách.`, `${key} key: DCCs are signed with EC P-256 or RSA of 2048 bits or more only. Leave this certificate out.`, kid);
  }
  const keyUsage = x509.keyUsage ?? [];
  if (keyUsage.length > 0 && !keyUsage.some((oid) => DCC_OIDS.has(oid))) {
    return refusal(entry, 'KEY_USAGE', `Mục đích sử dụng khóa (${keyUsage.join(', ')}) không cho phép ký chứng chỉ DCC. Đây không phải chứng thư ký DCC; bỏ nó khỏi danh sách.`, `Key usage ${keyUsage.join(', ')} does not allow signing DCCs: not a DCC signer; leave it out.`, kid);
  }
  const notBefore = Date.parse(x509.validFrom);
  const notAfter = Date.parse(x509.validTo);
  if (Number.isNaN(notBefore) || Number.isNaN(notAfter)) {
    return refusal(entry, 'NOT_A_CERTIFICATE', 'Không đọc được thời hạn của chứng thư.', 'The certificate validity cannot be read.', kid);
  }
  if (notAfter < now) {
    return refusal(entry, 'EXPIRED', `Chứng thư đã hết hạn ngày ${iso(notAfter)}. Tải danh sách mới từ hệ thống quốc gia.`, `The certificate expired on ${iso(notAfter)}. Download a current list from the national backend.`, kid);
  }
  const subjectCountry = countryOfSubject(x509.subject);
  const listed = candidate.country?.toUpperCase();
  if (listed !== undefined && subjectCountry !== undefined && listed !== subjectCountry) {
    return refusal(entry, 'COUNTRY_MISMATCH', `Danh sách ghi quốc gia ${listed} nhưng chứng thư thuộc ${subjectCountry}. Kiểm tra nguồn của danh sách.`, `The list says ${listed} but the certificate subject says ${subjectCountry}. Check where the list came from.`, kid);
  }
  return {
    signerId: createHash('sha256').update(candidate.der).digest('hex'),
    kid,
    country: listed ?? subjectCountry ?? '??',
    certificate: candidate.der.toString('base64'),
    subject: x509.subject.replace(/\n/g, ', '),
    keyType: key.keyType,
    algorithm: key.algorithm,
    keyUsage,
    notBefore,
    notAfter,
  };
}

export function isRefusal(result: DccSignerRecord | SignerRefusal): result is SignerRefusal {
  return 'problem' in result;
}
