/**
 * Fixed-window counters for the public page: per client IP and per person (the ID number's keyed HMAC, never the
 * number). The counts live in the hub's store (hub_counters, migration 10), with windows aligned on multiples of their
 * length, so every hub replica behind a load balancer counts against the same limit.
 */
import type { HubCoordination } from '../storage/hub-coordination.js';

export type WindowTake = { readonly ok: true } | { readonly ok: false; readonly retryAfterSeconds: number };

export class WindowCounter {
  constructor(
    private readonly coordination: HubCoordination,
    /** Namespaces this counter's keys in the shared table (e.g. 'declare-ip'). */
    private readonly name: string,
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts one attempt of `key`; refused (with the seconds until the window ends) when over the limit. */
  async take(key: string, now: number): Promise<WindowTake> {
    const { count, resetInMs } = await this.coordination.hit(`${this.name}:${key}`, this.windowMs, now);
    return count <= this.limit ? { ok: true } : { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(resetInMs / 1000)) };
  }
}
