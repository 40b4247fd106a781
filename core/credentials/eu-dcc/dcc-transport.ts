/**
 * The transport layers of an EU DCC QR code, outermost first:
 *
 *   "HC1:" + base45( zlib( COSE_Sign1 ) )
 *
 * Contract: compression is required. Data without a zlib header (RFC 1950: CMF 0x78, header checksum) is refused
 * rather than read as bare COSE — the conformance data marks an uncompressed payload as invalid (common/Z2), and a gate
 * accepts only what a conforming issuer produces. Inflation is capped (`DCC_MAX_INFLATED_BYTES`) so a decompression
 * bomb costs at most that much memory and stops at once.
 */
import { base45Decode } from '../../base45.js';
import type { CryptoPort } from '../../crypto-port.js';
import { ReasonCode } from '../../reasons.js';
import { DCC_PREFIX } from '../classify.js';
import { stepFailed, stepOk, type DccStep } from './dcc-step.js';

/** Real DCCs inflate to 300–1,500 bytes; 64 KiB is far above any of them and far below harm. */
export const DCC_MAX_INFLATED_BYTES = 64 * 1024;

/** `HC1:` + base45 → the base45 text. The prefix is matched case-insensitively, like classification does. */
export function unprefixDcc(payload: string): DccStep<string> {
  if (payload.slice(0, DCC_PREFIX.length).toUpperCase() !== DCC_PREFIX) {
    return stepFailed(ReasonCode.DccMalformed, `missing ${DCC_PREFIX} prefix`);
  }
  return stepOk(payload.slice(DCC_PREFIX.length));
}

export function decodeDccBase45(text: string): DccStep<Uint8Array> {
  try {
    return stepOk(base45Decode(text));
  } catch (error) {
    return stepFailed(ReasonCode.DccMalformed, (error as Error).message);
  }
}

/** RFC 1950 header: deflate method with a window of at most 32 KiB, and CMF·256 + FLG divisible by 31. */
export function hasZlibHeader(bytes: Uint8Array): boolean {
  if (bytes.length < 2) return false;
  const cmf = bytes[0]!;
  const flg = bytes[1]!;
  return (cmf & 0x0f) === 8 && cmf >> 4 <= 7 && (cmf * 256 + flg) % 31 === 0;
}

export function inflateDcc(bytes: Uint8Array, crypto: Pick<CryptoPort, 'inflate'>): DccStep<Uint8Array> {
  if (!hasZlibHeader(bytes)) return stepFailed(ReasonCode.DccMalformed, 'not zlib-compressed (no RFC 1950 header)');
  try {
    return stepOk(crypto.inflate(bytes, DCC_MAX_INFLATED_BYTES));
  } catch (error) {
    return stepFailed(ReasonCode.DccMalformed, `zlib: ${(error as Error).message}`);
  }
}

/** The three transport steps in a row: scanned text → COSE bytes. */
export function unwrapDcc(payload: string, crypto: Pick<CryptoPort, 'inflate'>): DccStep<Uint8Array> {
  const text = unprefixDcc(payload);
  if (!text.ok) return text;
  const compressed = decodeDccBase45(text.value);
  if (!compressed.ok) return compressed;
  return inflateDcc(compressed.value, crypto);
}
