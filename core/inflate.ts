/**
 * zlib (RFC 1950) around DEFLATE (RFC 1951), decompressed in plain TypeScript: what an EU DCC's QR code carries.
 *
 * Why not node:zlib: for a few hundred bytes, setting up a native zlib stream (a Transform stream object, a 32 KiB
 * window and a 16 KiB output chunk per call) costs more than the inflation itself and leaves garbage behind on every
 * scan. Here the Huffman tables and the output buffer are module scratch, reused call after call (the calls are
 * synchronous, so never interleaved); only the returned bytes are allocated.
 *
 * Contract (as zlib's inflate): the header is checked (method 8, window ≤ 32 KiB, header checksum, no preset
 * dictionary), the Adler-32 trailer must match, bytes after the trailer are ignored. The output never grows past
 * `maxOutputBytes`: a decompression bomb stops with an InflateError as soon as it would exceed the cap. Malformed or
 * truncated input throws InflateError; nothing else is thrown and every loop consumes input or output, so no input
 * can hang it.
 */
import {
  buildHuffmanTable,
  CODE_LENGTH_ORDER,
  DIST_BASE,
  DIST_EXTRA,
  FIXED_DIST,
  FIXED_LIT,
  huffmanTable,
  InflateError,
  LENGTH_BASE,
  LENGTH_EXTRA,
  slowSymbol,
  type HuffmanTable,
} from './inflate-tables.js';

export { InflateError } from './inflate-tables.js';

const litTable = huffmanTable();
const distTable = huffmanTable();
const codeLengthTable = huffmanTable();
const lengths = new Uint8Array(286 + 30);
const codeLengths = new Uint8Array(19);
let scratch = new Uint8Array(4096);

class Inflater {
  pos: number;
  bitBuf = 0;
  bitCount = 0;
  outLen = 0;

  constructor(
    private readonly input: Uint8Array,
    start: number,
    private readonly cap: number,
  ) {
    this.pos = start;
  }

  /** At least `n` (≤ 16) bits in the buffer (which holds at most 30); past the end of the input zeros come in, and drop() notices their use. */
  need(n: number): void {
    while (this.bitCount < n) {
      const byte = this.pos < this.input.length ? this.input[this.pos]! : 0;
      this.pos++;
      this.bitBuf |= byte << this.bitCount;
      this.bitCount += 8;
    }
  }

  drop(n: number): void {
    this.bitBuf >>>= n;
    this.bitCount -= n;
    if (this.pos > this.input.length && this.bitCount < (this.pos - this.input.length) * 8) throw new InflateError('unexpected end of data');
  }

  bits(n: number): number {
    this.need(n);
    const value = this.bitBuf & ((1 << n) - 1);
    this.drop(n);
    return value;
  }

  decode(table: HuffmanTable): number {
    this.need(table.bits);
    let entry = table.entries[this.bitBuf & ((1 << table.bits) - 1)]!;
    if (entry === 0) {
      this.need(15);
      entry = slowSymbol(table, this.bitBuf);
      if (entry === 0) throw new InflateError('invalid Huffman code');
    }
    this.drop(entry & 15);
    return entry >> 4;
  }

  /** Room for `n` more output bytes, within the cap. */
  reserve(n: number): Uint8Array {
    const end = this.outLen + n;
    if (end > this.cap) throw new InflateError(`output exceeds ${this.cap} bytes`);
    if (end > scratch.length) {
      const grown = new Uint8Array(Math.min(this.cap, Math.max(scratch.length * 2, end)));
      grown.set(scratch.subarray(0, this.outLen));
      scratch = grown;
    }
    return scratch;
  }

  /** Inflates every block; returns the index of the first byte after the DEFLATE data. */
  run(): number {
    let final = 0;
    while (!final) {
      final = this.bits(1);
      const type = this.bits(2);
      if (type === 0) this.stored();
      else if (type === 1) this.codes(FIXED_LIT, FIXED_DIST);
      else if (type === 2) {
        this.dynamicTables();
        this.codes(litTable, distTable);
      } else throw new InflateError('invalid block type');
    }
    this.drop(this.bitCount & 7);
    return this.pos - (this.bitCount >> 3);
  }

  private stored(): void {
    this.drop(this.bitCount & 7);
    this.pos -= this.bitCount >> 3; // whole bytes still in the buffer are read again from the input
    this.bitBuf = 0;
    this.bitCount = 0;
    const input = this.input;
    if (this.pos + 4 > input.length) throw new InflateError('unexpected end of data');
    const length = input[this.pos]! | (input[this.pos + 1]! << 8);
    const check = input[this.pos + 2]! | (input[this.pos + 3]! << 8);
    if (length !== (~check & 0xffff)) throw new InflateError('invalid stored block lengths');
    this.pos += 4;
    if (this.pos + length > input.length) throw new InflateError('unexpected end of data');
    this.reserve(length).set(input.subarray(this.pos, this.pos + length), this.outLen);
    this.outLen += length;
    this.pos += length;
  }

  /** Reads a dynamic block's code lengths into litTable and distTable. */
  private dynamicTables(): void {
    const literalCount = this.bits(5) + 257;
    const distanceCount = this.bits(5) + 1;
    const codeLengthCount = this.bits(4) + 4;
    if (literalCount > 286 || distanceCount > 30) throw new InflateError('too many length or distance symbols');
    codeLengths.fill(0);
    for (let i = 0; i < codeLengthCount; i++) codeLengths[CODE_LENGTH_ORDER[i]!] = this.bits(3);
    buildHuffmanTable(codeLengths, 0, 19, codeLengthTable, true);
    const total = literalCount + distanceCount;
    lengths.fill(0);
    for (let i = 0; i < total; ) {
      const symbol = this.decode(codeLengthTable);
      if (symbol < 16) {
        lengths[i++] = symbol;
        continue;
      }
      let value = 0;
      let repeat: number;
      if (symbol === 16) {
        if (i === 0) throw new InflateError('invalid bit length repeat');
        value = lengths[i - 1]!;
        repeat = 3 + this.bits(2);
      } else {
        repeat = symbol === 17 ? 3 + this.bits(3) : 11 + this.bits(7);
      }
      if (i + repeat > total) throw new InflateError('invalid bit length repeat');
      lengths.fill(value, i, i + repeat);
      i += repeat;
    }
    if (lengths[256] === 0) throw new InflateError('invalid code -- missing end-of-block');
    buildHuffmanTable(lengths, 0, literalCount, litTable, false);
    buildHuffmanTable(lengths, literalCount, distanceCount, distTable, false);
  }

  private codes(lit: HuffmanTable, dist: HuffmanTable): void {
    const input = this.input;
    for (;;) {
      // Two input bytes at once while at least two remain (up to 30 bits buffered): one refill per symbol, mostly.
      if (this.bitCount < 15 && this.pos + 2 <= input.length) {
        this.bitBuf |= (input[this.pos]! | (input[this.pos + 1]! << 8)) << this.bitCount;
        this.pos += 2;
        this.bitCount += 16;
      }
      let symbol = this.decode(lit);
      if (symbol < 256) {
        this.reserve(1)[this.outLen++] = symbol;
        continue;
      }
      if (symbol === 256) return;
      symbol -= 257;
      if (symbol >= 29) throw new InflateError('invalid literal/length code');
      const length = LENGTH_BASE[symbol]! + this.bits(LENGTH_EXTRA[symbol]!);
      const distSymbol = this.decode(dist);
      if (distSymbol >= 30) throw new InflateError('invalid distance code');
      const distance = DIST_BASE[distSymbol]! + this.bits(DIST_EXTRA[distSymbol]!);
      if (distance > this.outLen) throw new InflateError('invalid distance too far back');
      const out = this.reserve(length);
      // Byte by byte: a match may overlap the bytes it produces (distance < length repeats them).
      for (let from = this.outLen - distance, end = this.outLen + length; this.outLen < end; ) out[this.outLen++] = out[from++]!;
    }
  }
}

function adler32(bytes: Uint8Array, length: number): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i < length; ) {
    // 3,800 bytes keep b below 2^31 (zlib's NMAX is 5,552 for unsigned 32-bit sums).
    for (const end = Math.min(length, i + 3800); i < end; i++) {
      a += bytes[i]!;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return (b * 65536 + a) >>> 0;
}

/** zlib-wrapped DEFLATE → the bytes it holds, at most `maxOutputBytes` of them. */
export function inflateZlib(data: Uint8Array, maxOutputBytes: number): Uint8Array {
  if (data.length < 2) throw new InflateError('unexpected end of data');
  const cmf = data[0]!;
  const flg = data[1]!;
  if ((cmf * 256 + flg) % 31 !== 0) throw new InflateError('incorrect header check');
  if ((cmf & 0x0f) !== 8) throw new InflateError('unknown compression method');
  if (cmf >> 4 > 7) throw new InflateError('invalid window size');
  if (flg & 0x20) throw new InflateError('preset dictionary not supported');
  const inflater = new Inflater(data, 2, maxOutputBytes);
  const end = inflater.run();
  if (end + 4 > data.length) throw new InflateError('unexpected end of data');
  const expected = ((data[end]! << 24) | (data[end + 1]! << 16) | (data[end + 2]! << 8) | data[end + 3]!) >>> 0;
  if (adler32(scratch, inflater.outLen) !== expected) throw new InflateError('incorrect data check');
  return scratch.slice(0, inflater.outLen);
}
