/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226's HOTP), with node:crypto only: the second factor of admin
 * accounts with tracing rights. Pure functions — the time, the key and the randomness are arguments — so the RFC's
 * test vectors run as they are printed (test/unit/hub/totp.test.ts). Secrets travel as RFC 4648 base32, the form
 * authenticator apps take from an `otpauth://totp/…` URI.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export type TotpAlgorithm = 'sha1' | 'sha256' | 'sha512';

export interface TotpOptions {
  /** Seconds per step (X in RFC 6238); 30 is what every authenticator app uses. */
  readonly stepSeconds?: number;
  readonly digits?: number;
  readonly algorithm?: TotpAlgorithm;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** Accepts lower case, spaces and padding (as people copy secrets); throws on any other character. */
export function base32Decode(text: string): Buffer {
  const clean = text.toUpperCase().replace(/[\s=]/g, '');
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of clean) {
    const index = BASE32.indexOf(char);
    if (index < 0) throw new Error(`not base32: "${char}"`);
    value = ((value << 5) | index) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

/** RFC 4226 HOTP: HMAC of the 8-byte big-endian counter, dynamic truncation, `digits` decimal digits. */
export function hotp(key: Buffer, counter: number, digits = 6, algorithm: TotpAlgorithm = 'sha1'): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm, key).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return String(binary).padStart(digits, '0');
}

/** The time step (T in RFC 6238) of an instant in milliseconds since the Unix epoch (T0 = 0). */
export function totpStep(atMs: number, stepSeconds = 30): number {
  return Math.floor(atMs / 1000 / stepSeconds);
}

export function totp(key: Buffer, atMs: number, options: TotpOptions = {}): string {
  return hotp(key, totpStep(atMs, options.stepSeconds), options.digits ?? 6, options.algorithm);
}

/**
 * The step whose code matches, looking one step either side of `atMs` (a phone clock up to ~30 s off, and the
 * time the person takes to type); undefined when none does. Callers must refuse a step not after the last one
 * accepted for the account (RFC 6238 § 5.2: a code is good once).
 */
export function matchingTotpStep(key: Buffer, code: string, atMs: number, options: TotpOptions = {}): number | undefined {
  const digits = options.digits ?? 6;
  const typed = code.replace(/\s/g, '');
  if (!new RegExp(`^\\d{${digits}}$`).test(typed)) return undefined;
  const now = totpStep(atMs, options.stepSeconds);
  let found: number | undefined;
  for (const step of [now - 1, now, now + 1]) {
    const expected = hotp(key, step, digits, options.algorithm);
    // Every candidate is compared (no early exit), in constant time.
    if (timingSafeEqual(Buffer.from(expected), Buffer.from(typed)) && found === undefined) found = step;
  }
  return found;
}

/** The URI authenticator apps read from the enrolment QR (Google Authenticator's key-uri format). */
export function otpauthUri(issuer: string, account: string, secretBase32: string): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  return `otpauth://totp/${label}?secret=${secretBase32}&issuer=${encodeURIComponent(issuer)}&algorithm=SHA1&digits=6&period=30`;
}
