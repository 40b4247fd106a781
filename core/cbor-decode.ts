/**
 * A CBOR (RFC 8949) decoder for COSE, CWT and the EU DCC payload: straight from the bytes to the values, with no token
 * objects in between (cborg, which encodes for us, makes one per item — most of a DCC's decoding time and garbage).
 *
 * Contract: for well-formed input the result is what cborg's decode gives with { useMaps: true,
 * rejectDuplicateMapKeys: true } and the same tags (checked by test/unit/core/cbor-decode.property.test.ts): maps as
 * Map, integers beyond 2^53 as BigInt, undefined as undefined, text as UTF-8 with U+FFFD for bad sequences. Byte
 * strings are views into the input, not copies: callers must not change the input afterwards. Malformed input — short
 * data, a reserved or unsupported initial byte, an indefinite byte/text string, a repeated map key, an untagged break,
 * an unknown tag, nesting deeper than MAX_DEPTH, bytes after the item — throws CborError; nothing else is thrown.
 */
export class CborError extends Error {
  constructor(message: string) {
    super(`CBOR decode error: ${message}`);
    this.name = 'CborError';
  }
}

/** Tag number → what the tagged item becomes; a tag without a function here is refused. */
export type CborTags = readonly (((inner: unknown) => unknown) | undefined)[];

/**
 * How maps come out: always as Map (`map`, cborg's useMaps), or (`json`) a map whose keys are all text as a
 * null-prototype object — what a JSON reader needs, without building a Map first — and any other map as Map.
 * An empty map is a Map in both.
 */
export type CborMaps = 'map' | 'json';

/** Far beyond any COSE or DCC structure (they nest 5 deep), far below the call stack's limit. */
export const MAX_DEPTH = 256;
const BREAK = Symbol('break');
const utf8 = new TextDecoder();
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
/**
 * Short ASCII texts seen before, by their bytes packed in a number: map keys (`fn`, `dob`, `ci`…) come out as the same
 * string every time instead of a new one per scan. Strings are immutable, so sharing them is safe; bounded in size.
 */
const shortTexts = new Map<number, string>();
const SHORT_TEXTS_MAX = 4096;

class Reader {
  pos = 0;
  constructor(
    readonly data: Uint8Array,
    readonly tags: CborTags,
    readonly maps: CborMaps,
  ) {}

  need(n: number): void {
    if (this.data.length - this.pos < n) throw new CborError('not enough data');
  }

  /** The argument of an initial byte with additional information `minor` (24–27 read 1, 2, 4 or 8 more bytes). */
  argument(minor: number): number | bigint {
    if (minor < 24) return minor;
    const d = this.data;
    const p = this.pos;
    if (minor === 24) return this.need(1), this.pos++, d[p]!;
    if (minor === 25) return this.need(2), (this.pos += 2), (d[p]! << 8) | d[p + 1]!;
    if (minor === 26) return this.need(4), (this.pos += 4), d[p]! * 0x1000000 + ((d[p + 1]! << 16) | (d[p + 2]! << 8) | d[p + 3]!);
    if (minor !== 27) throw new CborError(`invalid initial byte 0x${d[p - 1]!.toString(16)}`);
    this.need(8);
    this.pos += 8;
    const hi = d[p]! * 0x1000000 + ((d[p + 1]! << 16) | (d[p + 2]! << 8) | d[p + 3]!);
    const lo = d[p + 4]! * 0x1000000 + ((d[p + 5]! << 16) | (d[p + 6]! << 8) | d[p + 7]!);
    const value = (BigInt(hi) << 32n) + BigInt(lo);
    return value <= MAX_SAFE ? Number(value) : value;
  }

  length(minor: number, what: string): number {
    const n = this.argument(minor);
    if (typeof n === 'bigint') throw new CborError(`64-bit ${what} lengths are not supported`);
    return n;
  }

  text(n: number): string {
    this.need(n);
    const d = this.data;
    const start = this.pos;
    const end = start + n;
    this.pos = end;
    if (n <= 3) {
      let packed = n;
      for (let i = start; i < end; i++) packed = packed * 128 + d[i]!;
      if (d[start]! < 0x80 && (n < 2 || d[start + 1]! < 0x80) && (n < 3 || d[start + 2]! < 0x80)) {
        let cached = shortTexts.get(packed);
        if (cached === undefined) {
          cached = String.fromCharCode(...d.subarray(start, end));
          if (shortTexts.size < SHORT_TEXTS_MAX) shortTexts.set(packed, cached);
        }
        return cached;
      }
    }
    if (n <= 8) {
      let out = '';
      for (let i = start; i < end; i++) {
        const c = d[i]!;
        if (c & 0x80) return utf8.decode(d.subarray(start, end));
        out += String.fromCharCode(c);
      }
      return out;
    }
    return utf8.decode(d.subarray(start, end));
  }

  item(depth: number): unknown {
    if (depth > MAX_DEPTH) throw new CborError(`nested deeper than ${MAX_DEPTH}`);
    this.need(1);
    const initial = this.data[this.pos++]!;
    const major = initial >> 5;
    const minor = initial & 31;
    if (major === 7) return this.simple(minor);
    if (minor === 31) {
      if (major === 4) return this.array(Infinity, depth);
      if (major === 5) return this.map(Infinity, depth);
      throw new CborError(major === 2 || major === 3 ? 'indefinite length bytes/strings are not supported' : `invalid initial byte 0x${initial.toString(16)}`);
    }
    switch (major) {
      case 0:
        return this.argument(minor);
      case 1: {
        const n = this.argument(minor);
        if (typeof n === 'bigint') return -1n - n;
        return n < Number.MAX_SAFE_INTEGER ? -1 - n : -1n - BigInt(n);
      }
      case 2: {
        const n = this.length(minor, 'byte string');
        this.need(n);
        this.pos += n;
        return this.data.subarray(this.pos - n, this.pos);
      }
      case 3:
        return this.text(this.length(minor, 'text string'));
      case 4:
        return this.array(this.length(minor, 'array'), depth);
      case 5:
        return this.map(this.length(minor, 'map'), depth);
      default: {
        const tag = this.argument(minor);
        const decodeTag = typeof tag === 'number' ? this.tags[tag] : undefined;
        if (typeof decodeTag !== 'function') throw new CborError(`tag not supported (${tag})`);
        const inner = this.item(depth + 1);
        if (inner === BREAK) throw new CborError('unexpected break');
        return decodeTag(inner);
      }
    }
  }

  simple(minor: number): unknown {
    const d = this.data;
    const p = this.pos;
    switch (minor) {
      case 20:
        return false;
      case 21:
        return true;
      case 22:
        return null;
      case 23:
        return undefined;
      case 25:
        return this.need(2), (this.pos += 2), halfFloat((d[p]! << 8) | d[p + 1]!);
      case 26:
        return this.need(4), (this.pos += 4), new DataView(d.buffer, d.byteOffset + p, 4).getFloat32(0);
      case 27:
        return this.need(8), (this.pos += 8), new DataView(d.buffer, d.byteOffset + p, 8).getFloat64(0);
      case 31:
        return BREAK;
      default:
        throw new CborError(minor < 28 ? 'simple values are not supported' : `invalid initial byte 0x${(0xe0 | minor).toString(16)}`);
    }
  }

  array(n: number, depth: number): unknown[] {
    const out: unknown[] = [];
    for (let i = 0; i < n; i++) {
      const value = this.item(depth + 1);
      if (value === BREAK) {
        if (n === Infinity) break;
        throw new CborError('unexpected break in a definite-length array');
      }
      out.push(value);
    }
    return out;
  }

  map(n: number, depth: number): Map<unknown, unknown> | Record<string, unknown> {
    let object: Record<string, unknown> | undefined;
    let map: Map<unknown, unknown> | undefined;
    for (let i = 0; i < n; i++) {
      const key = this.item(depth + 1);
      if (key === BREAK) {
        if (n === Infinity) break;
        throw new CborError('unexpected break in a definite-length map');
      }
      if (map === undefined && typeof key === 'string' && this.maps === 'json') {
        object ??= Object.create(null) as Record<string, unknown>;
        if (key in object) throw new CborError(`found repeat map key "${key}"`);
        object[key] = this.value(depth);
        continue;
      }
      // The first key that is not text turns a text-keyed object into a Map, with what it held so far.
      map ??= new Map(object ? Object.entries(object) : []);
      if (map.has(key)) throw new CborError(`found repeat map key "${String(key)}"`);
      map.set(key, this.value(depth));
    }
    return map ?? object ?? new Map();
  }

  /** A map's value: any item but a break. */
  value(depth: number): unknown {
    const value = this.item(depth + 1);
    if (value === BREAK) throw new CborError('unexpected break: a map key without its value');
    return value;
  }
}

/** IEEE 754 half precision, as cborg reads it. */
function halfFloat(half: number): number {
  const exponent = (half >> 10) & 0x1f;
  const mantissa = half & 0x3ff;
  const value = exponent === 0 ? mantissa * 2 ** -24 : exponent !== 31 ? (mantissa + 1024) * 2 ** (exponent - 25) : mantissa === 0 ? Infinity : NaN;
  return half & 0x8000 ? -value : value;
}

/** Decodes exactly one CBOR item that fills `bytes`. */
export function decodeCborValue(bytes: Uint8Array, tags: CborTags = [], maps: CborMaps = 'map'): unknown {
  // A plain Uint8Array view, so byte strings come out as Uint8Array even from a Node Buffer.
  const reader = new Reader(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), tags, maps);
  if (bytes.length === 0) throw new CborError('no content to decode');
  const value = reader.item(0);
  if (value === BREAK) throw new CborError('unexpected break');
  if (reader.pos !== bytes.length) throw new CborError('bytes after the item');
  return value;
}
