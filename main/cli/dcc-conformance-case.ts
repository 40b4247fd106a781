/**
 * One case of the EU DCC conformance data (the dgc-testdata layout): its inputs read into bytes and values, the
 * validation clock parsed, and the helpers the flag checks share. See dcc-conformance-flags.ts for what each flag means.
 */
import { cborToJson, CwtClaim, dateTimeMs, decodeDccCbor, HCERT_EU_DCC } from '../../core/index.js';

export interface ConformanceCase {
  /** Path relative to the walked folder, with `/` separators: how the report and the exceptions file name it. */
  readonly name: string;
  readonly json?: unknown;
  readonly cborHex?: string;
  readonly coseHex?: string;
  readonly compressedHex?: string;
  readonly base45?: string;
  readonly prefix?: string;
  readonly pngBase64?: string;
  readonly certificateBase64?: string;
  readonly clockText?: string;
  readonly expected: Readonly<Record<string, unknown>>;
}

export class CaseFileError extends Error {}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

export function readCase(name: string, text: string): ConformanceCase {
  let data: unknown;
  try {
    data = JSON.parse(text) as unknown;
  } catch (error) {
    throw new CaseFileError(`not JSON: ${(error as Error).message}`);
  }
  if (typeof data !== 'object' || data === null) throw new CaseFileError('not a JSON object');
  const d = data as Record<string, unknown>;
  const ctx = (typeof d.TESTCTX === 'object' && d.TESTCTX !== null ? d.TESTCTX : {}) as Record<string, unknown>;
  const expected = d.EXPECTEDRESULTS;
  if (typeof expected !== 'object' || expected === null) throw new CaseFileError('no EXPECTEDRESULTS object');
  return {
    name,
    ...(d.JSON !== undefined ? { json: d.JSON } : {}),
    cborHex: str(d.CBOR),
    coseHex: str(d.COSE),
    compressedHex: str(d.COMPRESSED),
    base45: str(d.BASE45),
    prefix: str(d.PREFIX),
    // LV's files name the image `_2DCODE`; it is the same image, and checking it beats skipping the flag.
    pngBase64: str(d['2DCODE']) ?? str(d._2DCODE),
    certificateBase64: str(ctx.CERTIFICATE),
    clockText: str(ctx.VALIDATIONCLOCK),
    expected: expected as Record<string, unknown>,
  };
}

/** Hex text → bytes; undefined for odd lengths or non-hex characters (such a field is unreadable, not empty). */
export function hexBytes(hex: string | undefined): Uint8Array | undefined {
  if (hex === undefined || hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) return undefined;
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/**
 * VALIDATIONCLOCK: ISO 8601 with any number of fractional digits (C# writes seven); a clock without a zone is UTC, as
 * the upstream README's harness reads it.
 */
export function parseValidationClock(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const zoned = /([Zz]|[+-]\d{2}:\d{2})$/.test(text) ? text : `${text}Z`;
  return dateTimeMs(zoned);
}

/**
 * The DCC payload inside a CBOR field. Issuers' test files hold it at two levels: the bare payload, or the whole CWT
 * claims map with the payload under -260/1 (the upstream harness accepts both).
 */
export function payloadOfCbor(bytes: Uint8Array): unknown {
  const decoded = decodeDccCbor(bytes);
  if (decoded instanceof Map && decoded.get(CwtClaim.hcert) instanceof Map) {
    return cborToJson((decoded.get(CwtClaim.hcert) as Map<unknown, unknown>).get(HCERT_EU_DCC));
  }
  return cborToJson(decoded);
}

/** A date-time's instant; a full date (`2021-05-01`) is midnight UTC of that day, as issuers re-encode it. */
function instantOf(text: string): number | undefined {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) ? dateTimeMs(`${text}T00:00:00Z`) : dateTimeMs(text);
}

/**
 * JSON equality as the conformance data means it — a canonical comparison, not a byte one: objects regardless of key
 * order, arrays in order, numbers by value (a CBOR 64-bit integer decoded as a BigInt equals the same JSON number),
 * and two strings that are dates or date-times by instant (issuers re-encode `Z` as `+00:00`, add `.000`, or write a
 * date as that day's midnight UTC).
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string') {
    if (a === b) return true;
    const [ta, tb] = [instantOf(a), instantOf(b)];
    return ta !== undefined && ta === tb;
  }
  if (typeof a === 'bigint' || typeof b === 'bigint') {
    const big = (v: unknown) => (typeof v === 'bigint' ? v : typeof v === 'number' && Number.isInteger(v) ? BigInt(v) : undefined);
    const [ba, bb] = [big(a), big(b)];
    return ba !== undefined && ba === bb;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameJson(item, b[i]));
  }
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return a === b;
}
