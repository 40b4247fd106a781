/**
 * A CAPTCHA-free throttle without outside services (hashcash): the page asks for a challenge the hub signs (HMAC)
 * with a difficulty in bits and an expiry, finds a nonce such that SHA-256(challenge ":" nonce) starts with that many
 * zero bits (WebCrypto on the phone), and sends both with the form. Each challenge is accepted once. The difficulty
 * rises by one bit per doubling of the declarations of the last minute above `loadPerMinute`, up to `maxBits`.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const CHALLENGE_TTL_MS = 5 * 60_000;

export interface Challenge {
  readonly challenge: string;
  readonly bits: number;
  readonly expiresAt: number;
}

export type PowCheck = { readonly ok: true } | { readonly ok: false; readonly why: 'malformed' | 'forged' | 'expired' | 'unsolved' | 'reused' };

export function leadingZeroBits(digest: Buffer): number {
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

export class ProofOfWork {
  private readonly used = new Map<string, number>();
  private readonly recent: number[] = [];

  constructor(
    private readonly key: Buffer,
    private readonly settings: { readonly baseBits: number; readonly maxBits: number; readonly loadPerMinute: number },
  ) {}

  /** Call once per accepted declaration: the load that raises the difficulty. */
  countIssued(now: number): void {
    this.recent.push(now);
    while (this.recent.length > 0 && this.recent[0]! < now - 60_000) this.recent.shift();
  }

  difficulty(now: number): number {
    while (this.recent.length > 0 && this.recent[0]! < now - 60_000) this.recent.shift();
    const load = this.recent.length / this.settings.loadPerMinute;
    const extra = load > 1 ? Math.ceil(Math.log2(load)) : 0;
    return Math.min(this.settings.maxBits, this.settings.baseBits + extra);
  }

  issue(now: number): Challenge {
    const bits = this.difficulty(now);
    const expiresAt = now + CHALLENGE_TTL_MS;
    const body = `${bits}.${expiresAt}.${randomBytes(12).toString('base64url')}`;
    return { challenge: `${body}.${this.mac(body)}`, bits, expiresAt };
  }

  check(challenge: unknown, nonce: unknown, now: number): PowCheck {
    if (typeof challenge !== 'string' || typeof nonce !== 'string' || nonce.length > 64) return { ok: false, why: 'malformed' };
    const parts = challenge.split('.');
    if (parts.length !== 4) return { ok: false, why: 'malformed' };
    const body = parts.slice(0, 3).join('.');
    const given = Buffer.from(parts[3]!, 'base64url');
    const expected = Buffer.from(this.mac(body), 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, why: 'forged' };
    const bits = Number(parts[0]);
    const expiresAt = Number(parts[1]);
    if (now > expiresAt) return { ok: false, why: 'expired' };
    if (leadingZeroBits(createHash('sha256').update(`${challenge}:${nonce}`).digest()) < bits) return { ok: false, why: 'unsolved' };
    this.sweep(now);
    if (this.used.has(challenge)) return { ok: false, why: 'reused' };
    this.used.set(challenge, expiresAt);
    return { ok: true };
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest().subarray(0, 16).toString('base64url');
  }

  private sweep(now: number): void {
    if (this.used.size < 10_000) return;
    for (const [c, expiresAt] of this.used) if (expiresAt < now) this.used.delete(c);
  }
}
