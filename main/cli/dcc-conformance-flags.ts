/**
 * What each EXPECTEDRESULTS flag of the conformance data checks (upstream README, "Code Validation"), computed with the
 * gate's own step functions from core. Each check returns what the step did (`actual`) with a detail, or says it
 * cannot be checked because the case lacks an input; the runner decides what agrees.
 */
import {
  checkDccKeyUsage,
  checkDccValidity,
  dccTypeOf,
  decodeDccBase45,
  decodeDccCose,
  inflateDcc,
  readDccClaims,
  trustStoreOf,
  unprefixDcc,
  unwrapDcc,
  validateDccPayload,
  verifyDccSignature,
  type CryptoPort,
  type DocumentSigner,
} from '../../core/index.js';
import { documentSignerFromDer } from '../crypto/document-signer.js';
import { decodeQrImage } from '../qr/decode-qr-image.js';
import { hexBytes, parseValidationClock, payloadOfCbor, sameBytes, sameJson, type ConformanceCase } from './dcc-conformance-case.js';

export type FlagCheck = { readonly actual: boolean; readonly detail: string } | { readonly untestable: string };

export interface FlagContext {
  readonly crypto: CryptoPort;
}

const result = (actual: boolean, detail: string): FlagCheck => ({ actual, detail });
const missing = (...fields: string[]): FlagCheck => ({ untestable: `the case has no ${fields.join(' / ')}` });

function signerOf(c: ConformanceCase): DocumentSigner | string {
  if (!c.certificateBase64) return 'no TESTCTX.CERTIFICATE';
  try {
    return documentSignerFromDer(Buffer.from(c.certificateBase64, 'base64'));
  } catch (error) {
    return `certificate unusable: ${(error as Error).message}`;
  }
}

/** COSE field → claims, the way the gate reads them. */
function claimsOf(c: ConformanceCase) {
  const cose = hexBytes(c.coseHex);
  if (!cose) return { error: 'COSE is not hex' } as const;
  const sign1 = decodeDccCose(cose);
  if (!sign1.ok) return { error: sign1.detail } as const;
  const claims = readDccClaims(sign1.value);
  return claims.ok ? ({ sign1: sign1.value, claims: claims.value } as const) : ({ error: claims.detail, sign1: sign1.value } as const);
}

/** The DCC payload as the case's decoded data: from COSE when present, else from the CBOR field. */
function decodedPayload(c: ConformanceCase): { payload: unknown } | { error: string } {
  if (c.coseHex !== undefined) {
    const read = claimsOf(c);
    return 'claims' in read && read.claims ? { payload: read.claims.payload } : { error: read.error ?? 'unreadable' };
  }
  const cbor = hexBytes(c.cborHex);
  if (!cbor) return { error: 'CBOR is not hex' };
  try {
    return { payload: payloadOfCbor(cbor) };
  } catch (error) {
    return { error: `CBOR: ${(error as Error).message}` };
  }
}

export const FLAG_CHECKS: Readonly<Record<string, (c: ConformanceCase, ctx: FlagContext) => FlagCheck | Promise<FlagCheck>>> = {
  async EXPECTEDPICTUREDECODE(c) {
    if (c.pngBase64 === undefined || c.prefix === undefined) return missing('2DCODE', 'PREFIX');
    const texts = await decodeQrImage(Buffer.from(c.pngBase64, 'base64'));
    if (texts.length === 0) return result(false, 'no QR code found in the image');
    return result(texts[0] === c.prefix, texts[0] === c.prefix ? 'QR text equals PREFIX' : 'QR text differs from PREFIX');
  },
  EXPECTEDUNPREFIX(c) {
    if (c.prefix === undefined || c.base45 === undefined) return missing('PREFIX', 'BASE45');
    const text = unprefixDcc(c.prefix);
    if (!text.ok) return result(false, text.detail);
    return result(text.value === c.base45, text.value === c.base45 ? 'equals BASE45' : 'differs from BASE45');
  },
  EXPECTEDB45DECODE(c, ctx) {
    if (c.base45 === undefined) return missing('BASE45');
    const compressed = hexBytes(c.compressedHex);
    const cose = hexBytes(c.coseHex);
    if (!compressed && !cose) return missing('COMPRESSED', 'COSE');
    const bytes = decodeDccBase45(c.base45);
    if (!bytes.ok) return result(false, bytes.detail);
    if (compressed) return result(sameBytes(bytes.value, compressed), 'compared with COMPRESSED');
    // No COMPRESSED in the case: the decoded bytes must inflate to its COSE instead.
    const inflated = inflateDcc(bytes.value, ctx.crypto);
    return result(inflated.ok && sameBytes(inflated.value, cose!), 'inflated and compared with COSE (the case has no COMPRESSED)');
  },
  EXPECTEDCOMPRESSION(c, ctx) {
    const cose = hexBytes(c.coseHex);
    if (!cose) return missing('COSE');
    let compressed = hexBytes(c.compressedHex);
    let source = 'COMPRESSED';
    if (!compressed) {
      // No COMPRESSED in the case: take the compressed bytes from BASE45 (or PREFIX) instead.
      const text = c.base45 ?? (c.prefix !== undefined ? unprefixDcc(c.prefix) : undefined);
      const base45 = typeof text === 'string' ? text : text?.ok ? text.value : undefined;
      const bytes = base45 !== undefined ? decodeDccBase45(base45) : undefined;
      if (!bytes?.ok) return missing('COMPRESSED', 'BASE45', 'PREFIX');
      [compressed, source] = [bytes.value, 'the base45 data (the case has no COMPRESSED)'];
    }
    const inflated = inflateDcc(compressed, ctx.crypto);
    if (!inflated.ok) return result(false, `${inflated.detail} (${source})`);
    return result(sameBytes(inflated.value, cose), `inflated ${source}, compared with COSE`);
  },
  EXPECTEDVERIFY(c, ctx) {
    if (c.coseHex === undefined) return missing('COSE');
    const signer = signerOf(c);
    if (typeof signer === 'string') return result(false, signer);
    const cose = hexBytes(c.coseHex);
    const sign1 = cose ? decodeDccCose(cose) : undefined;
    if (!sign1?.ok) return result(false, sign1?.detail ?? 'COSE is not hex');
    const verified = verifyDccSignature(sign1.value, trustStoreOf([], [signer]), ctx.crypto);
    return result(verified.ok, verified.ok ? 'signature verified' : verified.detail);
  },
  EXPECTEDEXPIRATIONCHECK(c) {
    const now = parseValidationClock(c.clockText);
    if (c.coseHex === undefined || now === undefined) return missing('COSE', 'VALIDATIONCLOCK');
    const signer = signerOf(c);
    if (typeof signer === 'string') return result(false, signer);
    const read = claimsOf(c);
    if (!('claims' in read) || !read.claims) return result(false, read.error ?? 'unreadable');
    // The flag's rule has no tolerance: the clock skew is 0 here (the gate adds policy.clockSkewMs).
    const valid = checkDccValidity(read.claims, signer, now, 0);
    return result(valid.ok, valid.ok ? 'within its validity' : valid.detail);
  },
  EXPECTEDKEYUSAGE(c) {
    if (c.coseHex === undefined) return missing('COSE');
    const signer = signerOf(c);
    if (typeof signer === 'string') return result(false, signer);
    const read = claimsOf(c);
    if (!('claims' in read) || !read.claims) return result(false, read.error ?? 'unreadable');
    const type = dccTypeOf(read.claims.payload);
    if (!type) return result(false, 'the payload holds no single certificate type');
    const usage = checkDccKeyUsage(signer, type);
    return result(usage.ok, usage.ok ? `signer may sign type ${type}` : usage.detail);
  },
  EXPECTEDSCHEMAVALIDATION(c) {
    if (c.coseHex === undefined && c.cborHex === undefined) return missing('COSE', 'CBOR');
    const decoded = decodedPayload(c);
    if ('error' in decoded) return result(false, decoded.error);
    const valid = validateDccPayload(decoded.payload);
    return result(valid.ok, valid.ok ? 'schema-valid' : valid.detail);
  },
  EXPECTEDDECODE(c) {
    if (c.coseHex === undefined && c.cborHex === undefined) return missing('COSE', 'CBOR');
    const decoded = decodedPayload(c);
    if ('error' in decoded) return result(false, decoded.error);
    if (c.json !== undefined && !sameJson(decoded.payload, c.json)) return result(false, 'decoded payload differs from JSON');
    if (c.coseHex !== undefined && c.cborHex !== undefined) {
      const cbor = hexBytes(c.cborHex);
      let fromCbor: unknown;
      try {
        fromCbor = cbor ? payloadOfCbor(cbor) : undefined;
      } catch (error) {
        return result(false, `CBOR: ${(error as Error).message}`);
      }
      if (!sameJson(decoded.payload, fromCbor)) return result(false, 'COSE payload differs from CBOR');
    }
    return result(true, 'decoded and matched');
  },
  EXPECTEDVALIDJSON(c, ctx) {
    if (c.prefix === undefined || c.json === undefined) return missing('PREFIX', 'JSON');
    const cose = unwrapDcc(c.prefix, ctx.crypto);
    if (!cose.ok) return result(false, cose.detail);
    const sign1 = decodeDccCose(cose.value);
    if (!sign1.ok) return result(false, sign1.detail);
    const claims = readDccClaims(sign1.value);
    if (!claims.ok) return result(false, claims.detail);
    return result(sameJson(claims.value.payload, c.json), 'whole chain decoded, compared with JSON');
  },
  EXPECTEDVALIDOBJECT(c) {
    if (c.json === undefined) return missing('JSON');
    const valid = validateDccPayload(c.json);
    return result(valid.ok, valid.ok ? 'JSON is schema-valid' : valid.detail);
  },
  EXPECTEDENCODE(c) {
    const cbor = hexBytes(c.cborHex);
    if (!cbor || c.json === undefined) return missing('CBOR', 'JSON');
    try {
      return result(sameJson(payloadOfCbor(cbor), c.json), 'CBOR compared with JSON');
    } catch (error) {
      return result(false, `CBOR: ${(error as Error).message}`);
    }
  },
};
