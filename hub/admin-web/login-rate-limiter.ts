/**
 * Rate limit of admin logins: after too many failed attempts within `windowMs` by user name and, separately, by
 * client address (so spreading a guess over many addresses does not help), further attempts are refused
 * until the oldest failure leaves the window. A success clears the user name's failures. In memory: a hub restart
 * forgets, which only ever helps an admin who locked themselves out.
 */
export interface LoginRateLimits {
  /** Per user name. */
  readonly maxFailures: number;
  /** Per client address: higher, since an office behind one NAT shares it. */
  readonly maxFailuresPerAddress: number;
  readonly windowMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginRateLimits = { maxFailures: 5, maxFailuresPerAddress: 20, windowMs: 15 * 60_000 };

/** At most this many keys are tracked; the oldest are dropped first (bounded memory under a spraying attack). */
const MAX_KEYS = 100_000;

export class LoginRateLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly limits: LoginRateLimits = DEFAULT_LOGIN_LIMITS) {}

  /** Milliseconds until a new attempt is allowed for this address and user name; 0 when allowed now. */
  retryAfterMs(address: string, username: string, now: number): number {
    return Math.max(this.waitFor(`a:${address}`, this.limits.maxFailuresPerAddress, now), this.waitFor(`u:${username.toLowerCase()}`, this.limits.maxFailures, now));
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

  private waitFor(key: string, maxFailures: number, now: number): number {
    const list = this.recent(key, now);
    if (list.length < maxFailures) return 0;
    return list[list.length - maxFailures]! + this.limits.windowMs - now;
  }
}
