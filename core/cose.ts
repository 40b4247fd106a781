/**
 * COSE_Sign1 (RFC 9052) as used by EU DCC and by our declaration token.
 *
 * Contract: signatures are always verified over the ORIGINAL protected-header bytes as they arrived (never a
 * re-encoding), because issuers differ in how they encode maps. Decoding tolerates a missing, single or doubled
 * tag 18/61 wrapper, as seen in real certificates.
 */
import { encode } from 'cborg';
import { decodeCborValue } from './cbor-decode.js';

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

/** Decodes CBOR with integer-keyed maps (as Map), as COSE and CWT need; byte strings are views into `bytes`. Throws on malformed input. */
export function decodeCbor(bytes: Uint8Array): unknown {
  return decodeCborValue(bytes, TAGS);
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
/** 0x84 (array of 4), then "Signature1" as a 10-byte text string (0x6a). */
const SIG_STRUCTURE_HEAD = new Uint8Array([0x84, 0x6a, ...Array.from('Signature1', (c) => c.charCodeAt(0))]);

/** Size of the head of a CBOR byte string of `length` bytes (definite length, shortest form as RFC 8949 §4.2.1). */
function byteStringHeadSize(length: number): number {
  return length < 24 ? 1 : length < 0x100 ? 2 : length < 0x10000 ? 3 : 5;
}

function writeByteString(out: Uint8Array, at: number, bytes: Uint8Array): number {
  const n = bytes.length;
  const head = byteStringHeadSize(n);
  if (head === 1) {
    out[at] = 0x40 | n;
  } else {
    out[at] = head === 2 ? 0x58 : head === 3 ? 0x59 : 0x5a;
    for (let k = head - 1, v = n; k >= 1; k--, v = Math.floor(v / 256)) out[at + k] = v & 0xff;
  }
  out.set(bytes, at + head);
  return at + head + n;
}

/**
 * The bytes a COSE_Sign1 signature covers: Sig_structure = ["Signature1", protected, external_aad, payload], in the
 * shortest-form encoding every CBOR encoder writes for it (the same bytes as cborg's encode, in one copy of each part).
 */
export function sigStructure(protectedBytes: Uint8Array, payload: Uint8Array, externalAad: Uint8Array = EMPTY): Uint8Array {
  const parts = [protectedBytes, externalAad, payload];
  let size = SIG_STRUCTURE_HEAD.length;
  for (const part of parts) size += byteStringHeadSize(part.length) + part.length;
  const out = new Uint8Array(size);
  out.set(SIG_STRUCTURE_HEAD, 0);
  let at = SIG_STRUCTURE_HEAD.length;
  for (const part of parts) at = writeByteString(out, at, part);
  return out;
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

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += HEX[bytes[i]!]!;
  return out;
}
