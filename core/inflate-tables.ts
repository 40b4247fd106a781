/**
 * The constant tables of DEFLATE (RFC 1951 §3.2.5–3.2.7) and the canonical Huffman table builder for core/inflate.ts.
 *
 * A table is indexed by the next `bits` input bits (DEFLATE sends Huffman codes most significant bit first, so the
 * index is the code bit-reversed); each entry is symbol << 4 | code length, and 0 marks a bit pattern that is no code.
 * Code-length sets are checked as zlib checks them: an over-subscribed set is refused; an incomplete one only when it is
 * the code-length code or has codes longer than one bit (a lone 1-bit code, or no code at all, is legal — using a
 * missing code is then the error).
 */
export class InflateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InflateError';
  }
}

export interface HuffmanTable {
  /** Codes of up to `bits` (≤ PRIMARY_BITS) bits, looked up at once; 0 = a longer code, or none (see slowSymbol). */
  readonly entries: Int32Array;
  bits: number;
  /** Codes per length and the symbols in canonical order: the bit-by-bit decoder of codes longer than PRIMARY_BITS. */
  readonly counts: Int32Array;
  readonly symbols: Int32Array;
}

/** Longer codes are rare in QR-sized data; a 2^15-entry table would cost more to fill than the block to decode. */
export const PRIMARY_BITS = 9;

export function huffmanTable(): HuffmanTable {
  return { entries: new Int32Array(1 << PRIMARY_BITS), bits: 0, counts: new Int32Array(16), symbols: new Int32Array(288) };
}

export const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
export const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
export const DIST_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
export const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
/** The order in which a dynamic block sends the lengths of the code-length code. */
export const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

const MAX_BITS = 15;
const nextCode = new Int32Array(MAX_BITS + 1);
const offsets = new Int32Array(MAX_BITS + 1);

/** REVERSED[c] is c's PRIMARY_BITS bits reversed; a shorter code reversed is REVERSED[code << (PRIMARY_BITS - length)]. */
const REVERSED = Int32Array.from({ length: 1 << PRIMARY_BITS }, (_, c) => {
  let reversed = 0;
  for (let i = 0; i < PRIMARY_BITS; i++, c >>= 1) reversed = (reversed << 1) | (c & 1);
  return reversed;
});

/**
 * Fills `table` with the canonical code of lengths[from..from+count) (symbol i has code length lengths[from+i], 0 = no
 * code).
 */
export function buildHuffmanTable(lengths: Uint8Array, from: number, count: number, table: HuffmanTable, isCodeLengthCode: boolean): void {
  const countOf = table.counts;
  countOf.fill(0);
  let max = 0;
  for (let i = from; i < from + count; i++) {
    const length = lengths[i]!;
    countOf[length]!++;
    if (length > max) max = length;
  }
  countOf[0] = 0;
  let left = 1;
  for (let length = 1; length <= MAX_BITS; length++) {
    left = left * 2 - countOf[length]!;
    if (left < 0) throw new InflateError('over-subscribed code lengths');
  }
  if (max > 0 && left > 0 && (isCodeLengthCode || max !== 1)) throw new InflateError('incomplete code lengths');
  const bits = Math.min(max, PRIMARY_BITS);
  const size = 1 << bits;
  const entries = table.entries;
  entries.fill(0, 0, size);
  table.bits = bits;
  let code = 0;
  let offset = 0;
  for (let length = 1; length <= MAX_BITS; length++) {
    code = (code + countOf[length - 1]!) << 1;
    nextCode[length] = code;
    offsets[length] = offset;
    offset += countOf[length]!;
  }
  for (let symbol = 0; symbol < count; symbol++) {
    const length = lengths[from + symbol]!;
    if (length === 0) continue;
    table.symbols[offsets[length]!++] = symbol;
    const first = nextCode[length]!++;
    if (length > bits) continue;
    const entry = (symbol << 4) | length;
    for (let i = REVERSED[first << (PRIMARY_BITS - length)]!; i < size; i += 1 << length) entries[i] = entry;
  }
}

/**
 * The symbol of a code longer than the table's primary bits (puff.c's decode): `peek` holds the next 15 input bits,
 * first bit lowest. Returns symbol << 4 | length, or 0 when the bits start no code.
 */
export function slowSymbol(table: HuffmanTable, peek: number): number {
  let code = 0;
  let first = 0;
  let index = 0;
  for (let length = 1; length <= MAX_BITS; length++) {
    code |= (peek >> (length - 1)) & 1;
    const count = table.counts[length]!;
    if (code - count < first) return (table.symbols[index + code - first]! << 4) | length;
    index += count;
    first = (first + count) << 1;
    code <<= 1;
  }
  return 0;
}

function fixedTable(lengths: number[]): HuffmanTable {
  const table = huffmanTable();
  buildHuffmanTable(Uint8Array.from(lengths), 0, lengths.length, table, false);
  return table;
}

/** The fixed codes of block type 1: literal/length symbols 0–287 (286 and 287 exist but are invalid), distances 0–31. */
export const FIXED_LIT = fixedTable([...Array<number>(144).fill(8), ...Array<number>(112).fill(9), ...Array<number>(24).fill(7), ...Array<number>(8).fill(8)]);
export const FIXED_DIST = fixedTable(Array<number>(32).fill(5));
