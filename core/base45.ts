/**
 * Base45 (RFC 9285): bytes ↔ the 45-character QR alphanumeric set. Used by EU DCC (`HC1:`) and by our declaration
 * token, because QR alphanumeric mode stores these characters in 5.5 bits each.
 */
export const BASE45_CHARSET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

/** Value of every UTF-16 unit: 0–44 for the charset, -1 for anything else (a table of all 65,536 needs no range test). */
const DECODE_TABLE: Int8Array = (() => {
  const table = new Int8Array(65536).fill(-1);
  for (let i = 0; i < BASE45_CHARSET.length; i++) table[BASE45_CHARSET.charCodeAt(i)] = i;
  return table;
})();

export class Base45Error extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Base45Error';
  }
}

export function base45Encode(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 1 < bytes.length; i += 2) {
    const n = bytes[i]! * 256 + bytes[i + 1]!;
    out += BASE45_CHARSET[n % 45]! + BASE45_CHARSET[Math.floor(n / 45) % 45]! + BASE45_CHARSET[Math.floor(n / 2025)]!;
  }
  if (i < bytes.length) {
    const n = bytes[i]!;
    out += BASE45_CHARSET[n % 45]! + BASE45_CHARSET[Math.floor(n / 45)]!;
  }
  return out;
}

function invalidAt(text: string, from: number): never {
  let index = from;
  while (DECODE_TABLE[text.charCodeAt(index)]! >= 0) index++;
  throw new Base45Error(`invalid base45 character at ${index}`);
}

export function base45Decode(text: string): Uint8Array {
  const length = text.length;
  if (length % 3 === 1) throw new Base45Error(`invalid base45 length ${length}`);
  const out = new Uint8Array(Math.floor(length / 3) * 2 + (length % 3 === 2 ? 1 : 0));
  let o = 0;
  let i = 0;
  for (; i + 2 < length; i += 3) {
    const a = DECODE_TABLE[text.charCodeAt(i)]!;
    const b = DECODE_TABLE[text.charCodeAt(i + 1)]!;
    const c = DECODE_TABLE[text.charCodeAt(i + 2)]!;
    if ((a | b | c) < 0) invalidAt(text, i);
    const n = a + b * 45 + c * 2025;
    if (n > 0xffff) throw new Base45Error(`base45 triplet out of range at ${i}`);
    out[o++] = n >> 8;
    out[o++] = n & 0xff;
  }
  if (i < length) {
    const a = DECODE_TABLE[text.charCodeAt(i)]!;
    const b = DECODE_TABLE[text.charCodeAt(i + 1)]!;
    if ((a | b) < 0) invalidAt(text, i);
    const n = a + b * 45;
    if (n > 0xff) throw new Base45Error(`base45 pair out of range at ${i}`);
    out[o++] = n;
  }
  return out;
}
