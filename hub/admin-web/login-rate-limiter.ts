/**
 * Rate limit of admin logins: after `maxFailures` failed attempts within `windowMs`, by client address and,
 * separately, by user name (so spreading a guess over many addresses does not help), further attempts are refused
 * until the oldest failure leaves the window. A success clears the user name's failures. In memory: a hub restart
 * forgets, which only ever helps an admin who locked themselves out.
 */
export interface LoginRateLimits {
  readonly maxFailures: number;
  readonly windowMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginRateLimits = { maxFailures: 5, windowMs: 15 * 60_000 };

/** At most this many keys are tracked; the oldest are dropped first (bounded memory under a spraying attack). */
const MAX_KEYS = 100_000;

export class LoginRateLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly limits: LoginRateLimits = DEFAULT_LOGIN_LIMITS) {}

  /** Milliseconds until a new attempt is allowed for this address and user name; 0 when allowed now. */
  retryAfterMs(address: string, username: string, now: number): number {
    return Math.max(this.waitFor(`a:${address}`, now), this.waitFor(`u:${username.toLowerCase()}`, now));
  }

  recordFailure(address: string, username: string, now: number): void {
    for (const key of [`a:${address}`, `u:${username.toLowerCase()}`]) {
      const list = this.recent(key, now);
      list.push(now);
      this.failures.delete(key);
      this.failures.set(key, list);
    }
    while (this.failures.size > MAX_KEYS) this.failures.delete(this.failures.keys().next().value!);
  }

  recordSuccess(username: string): void {
    this.failures.delete(`u:${username.toLowerCase()}`);
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((at) => now - at < this.limits.windowMs);
  }

  private waitFor(key: string, now: number): number {
    const list = this.recent(key, now);
    if (list.length < this.limits.maxFailures) return 0;
    return list[list.length - this.limits.maxFailures]! + this.limits.windowMs - now;
  }
}
