/**
 * The trust-list formats national backends publish, reduced to certificate candidates (dcc-signer-check.ts checks
 * each one):
 * - JSON, any of
 *     [ { "kid": "<base64>", "country": "DE", "certificate" | "rawData": "<base64 DER>" }, … ]   (EU gateway download)
 *     { "certificates": [ …the same entries… ] }                  (the German DSC list; a signature line before it is skipped)
 *     { "<kid base64>": "<base64 DER>" | entry | [entry, …], … }  (kid → certificate maps)
 *   an entry may carry `x5c` (the first element is the certificate) and `certificateType` (only "DSC" is a signer);
 * - PEM: a bundle of `-----BEGIN CERTIFICATE-----` blocks; country from each certificate's subject.
 * A text that is no list at all (invalid JSON, no PEM block) is refused as a whole (TrustListFormatError); a bad entry
 * is refused alone, and the others go on.
 */
import { refusal, type SignerCandidate, type SignerRefusal } from './dcc-signer-check.js';

export type TrustListFormat = 'json' | 'pem';

export class TrustListFormatError extends Error {
  constructor(
    readonly vi: string,
    readonly en: string,
  ) {
    super(`${vi} — ${en}`);
  }
}

export interface ParsedTrustList {
  readonly candidates: readonly SignerCandidate[];
  readonly refused: readonly SignerRefusal[];
}

const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;
const COUNTRY = /^[A-Za-z]{2}$/;

export function detectFormat(text: string): TrustListFormat {
  return text.includes('-----BEGIN ') ? 'pem' : 'json';
}

export function parseTrustList(text: string, format: TrustListFormat = detectFormat(text)): ParsedTrustList {
  return format === 'pem' ? parsePemBundle(text) : parseJsonList(text);
}

function base64Bytes(value: unknown): Buffer | undefined {
  if (typeof value !== 'string') return undefined;
  const compact = value.replace(/\s+/g, '');
  if (compact === '' || !BASE64.test(compact)) return undefined;
  return Buffer.from(compact, /[-_]/.test(compact) ? 'base64url' : 'base64');
}

function jsonOf(text: string): unknown {
  const trimmed = text.trim();
  // The German list is "<signature>\n<json>": skip a first line that is not JSON.
  const body = /^[[{]/.test(trimmed) || !trimmed.includes('\n') ? trimmed : trimmed.slice(trimmed.indexOf('\n') + 1).trim();
  try {
    return JSON.parse(body) as unknown;
  } catch (error) {
    throw new TrustListFormatError(
      `Tệp không phải JSON hợp lệ (${(error as Error).message.slice(0, 120)}). Chọn đúng định dạng (JSON hay PEM) của tệp.`,
      `Not valid JSON (${(error as Error).message.slice(0, 120)}). Choose the file's format (JSON or PEM).`,
    );
  }
}

/** (entry label, raw entry, kid from a map key) of every entry the JSON names. */
function jsonEntries(data: unknown): [string, unknown, string | undefined][] {
  const label = (i: number) => `mục ${i + 1} / entry ${i + 1}`;
  if (Array.isArray(data)) return data.map((e, i) => [label(i), e, undefined]);
  if (typeof data === 'object' && data !== null) {
    const record = data as Record<string, unknown>;
    if (Array.isArray(record.certificates)) return record.certificates.map((e, i) => [label(i), e, undefined]);
    return Object.entries(record).flatMap(([kid, value]) =>
      (Array.isArray(value) ? value : [value]).map((e, i, all): [string, unknown, string] => [`kid ${kid}${all.length > 1 ? ` #${i + 1}` : ''}`, e, kid]),
    );
  }
  throw new TrustListFormatError(
    'Danh sách JSON phải là mảng các mục { kid, country, certificate } hoặc bảng kid → chứng thư.',
    'A JSON trust list is an array of { kid, country, certificate } or a map of kid → certificate.',
  );
}

function candidateOfEntry(entry: string, raw: unknown, mapKid: string | undefined): SignerCandidate | SignerRefusal {
  const bad = (vi: string, en: string) => refusal(entry, 'BAD_ENTRY', vi, en);
  const object = typeof raw === 'string' ? { certificate: raw } : raw;
  if (typeof object !== 'object' || object === null || Array.isArray(object)) return bad('Mục không phải đối tượng { kid, country, certificate }.', 'The entry is not an object { kid, country, certificate }.');
  const e = object as Record<string, unknown>;
  if (e.certificateType !== undefined && e.certificateType !== 'DSC') {
    return refusal(entry, 'NOT_A_DOCUMENT_SIGNER', `Loại chứng thư ${String(e.certificateType)} không phải chứng thư ký tài liệu (DSC); chỉ nhập DSC.`, `Certificate type ${String(e.certificateType)} is not a document signer (DSC); import DSCs only.`);
  }
  const der = base64Bytes(e.certificate ?? e.rawData ?? (Array.isArray(e.x5c) ? e.x5c[0] : undefined));
  if (!der) return bad('Thiếu chứng thư (certificate / rawData: DER dạng base64).', 'No certificate (certificate / rawData: DER as base64).');
  const kidText = e.kid ?? mapKid;
  let kidHex: string | undefined;
  if (kidText !== undefined) {
    const kid = base64Bytes(kidText);
    if (!kid || kid.length > 64) return refusal(entry, 'BAD_KID', 'kid phải là 1–64 byte dạng base64.', 'The kid must be 1–64 bytes as base64.');
    kidHex = kid.toString('hex');
  }
  if (e.country !== undefined && (typeof e.country !== 'string' || !COUNTRY.test(e.country))) {
    return bad('Mã quốc gia phải gồm 2 chữ cái (ISO 3166).', 'The country must be a 2-letter ISO 3166 code.');
  }
  return { entry, der, ...(kidHex ? { kidHex } : {}), ...(typeof e.country === 'string' ? { country: e.country.toUpperCase() } : {}) };
}

function split(results: (SignerCandidate | SignerRefusal)[]): ParsedTrustList {
  const candidates: SignerCandidate[] = [];
  const refused: SignerRefusal[] = [];
  for (const r of results) {
    if ('problem' in r) refused.push(r);
    else candidates.push(r);
  }
  return { candidates, refused };
}

export function parseJsonList(text: string): ParsedTrustList {
  return split(jsonEntries(jsonOf(text)).map(([entry, raw, kid]) => candidateOfEntry(entry, raw, kid)));
}

/** A block's body may not contain "-----": a BEGIN without its END must not swallow the next block. */
const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----((?:(?!-----)[\s\S])*)-----END ([A-Z0-9 ]+)-----/g;

export function parsePemBundle(text: string): ParsedTrustList {
  const results: (SignerCandidate | SignerRefusal)[] = [];
  let index = 0;
  for (const match of text.matchAll(PEM_BLOCK)) {
    const entry = `khối PEM ${++index} / PEM block ${index}`;
    const [, begin, body, end] = match as unknown as [string, string, string, string];
    if (begin !== end) results.push(refusal(entry, 'BAD_ENTRY', `Khối PEM mở bằng ${begin} nhưng đóng bằng ${end}.`, `The PEM block begins ${begin} but ends ${end}.`));
    else if (begin !== 'CERTIFICATE') results.push(refusal(entry, 'BAD_ENTRY', `Khối ${begin} không phải chứng thư; chỉ nhập khối CERTIFICATE.`, `A ${begin} block is not a certificate; only CERTIFICATE blocks are imported.`));
    else {
      const der = base64Bytes(body);
      results.push(der ? { entry, der } : refusal(entry, 'NOT_A_CERTIFICATE', 'Nội dung khối PEM không phải base64.', 'The PEM block body is not base64.'));
    }
  }
  const begins = text.split('-----BEGIN ').length - 1;
  if (begins > index) {
    results.push(refusal(`khối PEM ${index + 1} / PEM block ${index + 1}`, 'BAD_ENTRY', 'Khối PEM không có dòng END; tệp bị cắt cụt?', 'A PEM block has no END line: was the file cut short?'));
  }
  if (results.length === 0) {
    throw new TrustListFormatError('Không tìm thấy khối -----BEGIN CERTIFICATE----- nào. Chọn đúng định dạng (JSON hay PEM) của tệp.', 'No -----BEGIN CERTIFICATE----- block found. Choose the file\'s format (JSON or PEM).');
  }
  return split(results);
}
