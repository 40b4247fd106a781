/** UUIDv7 (RFC 9562): 48-bit ms timestamp, then random bits, so entry ids sort by creation time. */
import { randomFillSync } from 'node:crypto';

export function uuidv7(nowMs: number = Date.now(), random: (bytes: Uint8Array) => void = (b) => void randomFillSync(b)): string {
  const bytes = new Uint8Array(16);
  random(bytes);
  let ts = Math.max(0, Math.floor(nowMs));
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ts % 256;
    ts = Math.floor(ts / 256);
  }
  bytes[6] = 0x70 | (bytes[6]! & 0x0f);
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = Buffer.from(bytes).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
