/**
 * Rate limit of admin logins by failures within `windowMs`. Each attempt *reserves* its slot before the slow password
 * check and keeps it when the check fails (a success gives it back), so concurrent guesses cannot all slip in before
 * the first failure is counted.
 *
 * Which counters an attempt uses:
 * - a browser that logged in before as this user shows its signed device cookie (OWASP "device cookies"): it is
 *   limited by that cookie alone, so an attacker who locks the user name or the office's address does not shut out the
 *   admins who already use the hub from their own browsers;
 * - any other attempt is limited per user name (any address) and per client address (a guess spread over many user
 *   names), the latter higher since an office behind one NAT shares it.
 *
 * Hand-written rather than `@fastify/rate-limit` (used for the flood cap of the route): that plugin counts requests,
 * not failures, and cannot give back a successful attempt (docs/security.md). The attempts live in the store
 * (login_attempts, migration 10): every hub replica counts the same failures, and a restart forgets nothing.
 */
import type { HubCoordination } from '../storage/hub-coordination.js';

export interface LoginRateLimits {
  /** Per user name, and per device cookie. */
  readonly maxFailures: number;
  /** Per client address: higher, since an office behind one NAT shares it. */
  readonly maxFailuresPerAddress: number;
  readonly windowMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginRateLimits = { maxFailures: 5, maxFailuresPerAddress: 20, windowMs: 15 * 60_000 };

export interface LoginAttemptFrom {
  readonly address: string;
  readonly username: string;
  /** The verified device cookie of a browser that logged in before as `username`. */
  readonly device?: string;
}

/** A reserved attempt: give it to `settle` once the password is checked. */
export interface LoginAttempt {
  readonly keys: readonly string[];
  readonly attemptId: string;
}

export type Reservation = { readonly ok: true; readonly attempt: LoginAttempt } | { readonly ok: false; readonly retryAfterMs: number };

export class LoginRateLimiter {
  constructor(
    private readonly coordination: HubCoordination,
    private readonly limits: LoginRateLimits = DEFAULT_LOGIN_LIMITS,
  ) {}

  /** Reserves one attempt, or says how long to wait (ms) when a counter is full (hub-coordination.ts: race-safe). */
  async reserve(from: LoginAttemptFrom, now: number): Promise<Reservation> {
    const counters = this.countersOf(from);
    const reserved = await this.coordination.reserveLogin(counters, this.limits.windowMs, now);
    if (!reserved.ok) return reserved;
    return { ok: true, attempt: { keys: counters.map(([key]) => key), attemptId: reserved.attemptId } };
  }

  /** A failure keeps its reservation; a success gives it back and clears the user name's (or device's) failures. */
  async settle(attempt: LoginAttempt, succeeded: boolean): Promise<void> {
    await this.coordination.settleLogin(attempt.keys, attempt.attemptId, succeeded, attempt.keys.filter((key) => !key.startsWith('a:')));
  }

  private countersOf(from: LoginAttemptFrom): Array<[string, number]> {
    if (from.device) return [[`d:${from.device}`, this.limits.maxFailures]];
    return [
      [`a:${from.address}`, this.limits.maxFailuresPerAddress],
      [`u:${from.username.toLowerCase()}`, this.limits.maxFailures],
    ];
  }
}
