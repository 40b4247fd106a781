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
 * not failures, and cannot give back a successful attempt (docs/security.md). In memory: a restart forgets.
 */
export interface LoginRateLimits {
  /** Per user name, and per device cookie. */
  readonly maxFailures: number;
  /** Per client address: higher, since an office behind one NAT shares it. */
  readonly maxFailuresPerAddress: number;
  readonly windowMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginRateLimits = { maxFailures: 5, maxFailuresPerAddress: 20, windowMs: 15 * 60_000 };

/** At most this many keys are tracked; the oldest are dropped first (bounded memory under a spraying attack). */
const MAX_KEYS = 100_000;

export interface LoginAttemptFrom {
  readonly address: string;
  readonly username: string;
  /** The verified device cookie of a browser that logged in before as `username`. */
  readonly device?: string;
}

/** A reserved attempt: give it to `settle` once the password is checked. */
export interface LoginAttempt {
  readonly keys: readonly string[];
  readonly at: number;
}

export type Reservation = { readonly ok: true; readonly attempt: LoginAttempt } | { readonly ok: false; readonly retryAfterMs: number };

export class LoginRateLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly limits: LoginRateLimits = DEFAULT_LOGIN_LIMITS) {}

  /** Reserves one attempt, or says how long to wait (ms) when a counter is full. Synchronous: no await between check and count. */
  reserve(from: LoginAttemptFrom, now: number): Reservation {
    const counters = this.countersOf(from);
    const wait = Math.max(...counters.map(([key, max]) => this.waitFor(key, max, now)));
    if (wait > 0) return { ok: false, retryAfterMs: wait };
    for (const [key] of counters) {
      const list = this.recent(key, now);
      list.push(now);
      this.failures.delete(key);
      this.failures.set(key, list);
    }
    while (this.failures.size > MAX_KEYS) this.failures.delete(this.failures.keys().next().value!);
    return { ok: true, attempt: { keys: counters.map(([key]) => key), at: now } };
  }

  /** A failure keeps its reservation; a success gives it back and clears the user name's (or device's) failures. */
  settle(attempt: LoginAttempt, succeeded: boolean): void {
    if (!succeeded) return;
    for (const key of attempt.keys) {
      if (!key.startsWith('a:')) this.failures.delete(key);
      else {
        const list = this.failures.get(key);
        const index = list?.indexOf(attempt.at) ?? -1;
        if (index >= 0) list!.splice(index, 1);
      }
    }
  }

  private countersOf(from: LoginAttemptFrom): Array<[string, number]> {
    if (from.device) return [[`d:${from.device}`, this.limits.maxFailures]];
    return [
      [`a:${from.address}`, this.limits.maxFailuresPerAddress],
      [`u:${from.username.toLowerCase()}`, this.limits.maxFailures],
    ];
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((at) => now - at < this.limits.windowMs);
  }

  private waitFor(key: string, maxFailures: number, now: number): number {
    const list = this.recent(key, now);
    if (list.length < maxFailures) return 0;
    return list[list.length - maxFailures]! + this.limits.windowMs - now;
  }
}
