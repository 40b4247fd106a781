/**
 * COSE_Sign1 (RFC 9052) as used by EU DCC and by our declaration token.
 *
 * Contract: signatures are always verified over the ORIGINAL protected-header bytes as they arrived (never a
 * re-encoding), because issuers differ in how they encode maps. Decoding tolerates a missing, single or doubled
 * tag 18/61 wrapper, as seen in real certificates.
 */
import { decode, encode } from 'cborg';

export const CoseHeader = { alg: 1, kid: 4 } as const;
export const CoseAlg = { ES256: -7, EdDSA: -8, PS256: -37 } as const;

export class CoseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CoseError';
  }
}

export interface CoseSign1 {
  readonly protectedBytes: Uint8Array;
  readonly protectedHeader: ReadonlyMap<unknown, unknown>;
  readonly unprotectedHeader: ReadonlyMap<unknown, unknown>;
  readonly payload: Uint8Array;
  readonly signature: Uint8Array;
}

const passThroughTag = (inner: unknown): unknown => inner;
const TAGS: ((inner: unknown) => unknown)[] = [];
TAGS[18] = passThroughTag; // COSE_Sign1
TAGS[61] = passThroughTag; // CWT

/** Decodes CBOR with integer-keyed maps, as COSE and CWT need. Throws on malformed input. */
export function decodeCbor(bytes: Uint8Array): unknown {
  return decode(bytes, { useMaps: true, tags: TAGS, rejectDuplicateMapKeys: true });
}

export function encodeCbor(value: unknown): Uint8Array {
  return encode(value);
}

function asMap(value: unknown, what: string): ReadonlyMap<unknown, unknown> {
  if (value instanceof Map) return value;
  throw new CoseError(`${what} is not a map`);
}

function asBytes(value: unknown, what: string): Uint8Array {
  if (value instanceof Uint8Array) return value;
  throw new CoseError(`${what} is not a byte string`);
}

export function decodeCoseSign1(bytes: Uint8Array): CoseSign1 {
  let top: unknown;
  try {
    top = decodeCbor(bytes);
  } catch (error) {
    throw new CoseError(`not CBOR: ${(error as Error).message}`);
  }
  if (!Array.isArray(top) || top.length !== 4) throw new CoseError('COSE_Sign1 must be an array of 4');
  const protectedBytes = asBytes(top[0], 'protected header');
  let protectedHeader: ReadonlyMap<unknown, unknown> = new Map();
  if (protectedBytes.length > 0) {
    try {
      protectedHeader = asMap(decodeCbor(protectedBytes), 'protected header');
    } catch (error) {
      throw new CoseError(`protected header: ${(error as Error).message}`);
    }
  }
  return {
    protectedBytes,
    protectedHeader,
    unprotectedHeader: asMap(top[1], 'unprotected header'),
    payload: asBytes(top[2], 'payload'),
    signature: asBytes(top[3], 'signature'),
  };
}

const EMPTY = new Uint8Array(0);

/** The bytes a COSE_Sign1 signature covers: Sig_structure = ["Signature1", protected, external_aad, payload]. */
export function sigStructure(protectedBytes: Uint8Array, payload: Uint8Array, externalAad: Uint8Array = EMPTY): Uint8Array {
  return encode(['Signature1', protectedBytes, externalAad, payload]);
}

/** Header value looked up in the protected header first, then the unprotected one. */
export function headerValue(sign1: CoseSign1, label: number): unknown {
  return sign1.protectedHeader.has(label) ? sign1.protectedHeader.get(label) : sign1.unprotectedHeader.get(label);
}

const COSE_SIGN1_TAG = 0xd2; // major type 6, tag 18

export function encodeCoseSign1(
  protectedHeader: ReadonlyMap<number, unknown>,
  payload: Uint8Array,
  sign: (toBeSigned: Uint8Array) => Uint8Array,
  options: { tagged?: boolean } = {},
): Uint8Array {
  const protectedBytes = encode(protectedHeader);
  const signature = sign(sigStructure(protectedBytes, payload));
  const body = encode([protectedBytes, new Map(), payload, signature]);
  if (!options.tagged) return body;
  const out = new Uint8Array(body.length + 1);
  out[0] = COSE_SIGN1_TAG;
  out.set(body, 1);
  return out;
}

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}
