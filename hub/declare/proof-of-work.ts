/**
 * A CAPTCHA-free throttle without outside services (hashcash): the page asks for a challenge the hub signs (HMAC)
 * with a difficulty in bits and an expiry, finds a nonce such that SHA-256(challenge ":" nonce) starts with that many
 * zero bits (WebCrypto on the phone), and sends both with the form. Each challenge is accepted once. The difficulty
 * rises by one bit per doubling of the declarations of the last minute above `loadPerMinute`, up to `maxBits`.
 * Shared by hub replicas: a spent challenge is remembered in the store (request_nonces, so a challenge spent on one
 * replica is refused on every other), and the load is a store counter of the current minute (hub_counters).
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { HubCoordination } from '../storage/hub-coordination.js';

const LOAD_KEY = 'pow-load';
const MINUTE_MS = 60_000;

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
  constructor(
    private readonly key: Buffer,
    private readonly settings: { readonly baseBits: number; readonly maxBits: number; readonly loadPerMinute: number },
    private readonly coordination: HubCoordination,
    /** Remembers a spent challenge until it expires; false when it was spent before (on any replica). */
    private readonly spend: (challenge: string, expiresAt: number) => Promise<boolean>,
  ) {}

  /** Call once per accepted declaration: the load that raises the difficulty. */
  async countIssued(now: number): Promise<void> {
    await this.coordination.hit(LOAD_KEY, MINUTE_MS, now);
  }

  async difficulty(now: number): Promise<number> {
    const load = (await this.coordination.peek(LOAD_KEY, MINUTE_MS, now)) / this.settings.loadPerMinute;
    const extra = load > 1 ? Math.ceil(Math.log2(load)) : 0;
    return Math.min(this.settings.maxBits, this.settings.baseBits + extra);
  }

  async issue(now: number): Promise<Challenge> {
    const bits = await this.difficulty(now);
    const expiresAt = now + CHALLENGE_TTL_MS;
    const body = `${bits}.${expiresAt}.${randomBytes(12).toString('base64url')}`;
    return { challenge: `${body}.${this.mac(body)}`, bits, expiresAt };
  }

  async check(challenge: unknown, nonce: unknown, now: number): Promise<PowCheck> {
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
    return (await this.spend(challenge, expiresAt)) ? { ok: true } : { ok: false, why: 'reused' };
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest().subarray(0, 16).toString('base64url');
  }
}
