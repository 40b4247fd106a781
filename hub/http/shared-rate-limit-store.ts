/**
 * A store for `@fastify/rate-limit` over the hub's own store (hub_counters, migration 10), in place of the plugin's
 * in-memory LRU: hub replicas behind a load balancer count one client's requests together. The plugin's other store
 * is Redis; this avoids a second database next to PostgreSQL. Fixed windows aligned on their length (the same on every
 * replica). When the store cannot be reached the request is counted as the first of its window: a flood cap must not
 * turn a database fault into refusals (the route's own work then fails and says so).
 */
import type { FastifyRateLimitStore } from '@fastify/rate-limit';
import type { HubCoordination } from '../storage/hub-coordination.js';

type Incr = FastifyRateLimitStore['incr'];

export function sharedRateLimitStore(coordination: HubCoordination, now: () => number = Date.now): new () => FastifyRateLimitStore {
  class SharedRateLimitStore implements FastifyRateLimitStore {
    constructor(private readonly prefix = 'http:') {}

    incr(key: string, callback: Parameters<Incr>[1], timeWindow: number): void {
      coordination.hit(`${this.prefix}${key}`, timeWindow, now()).then(
        ({ count, resetInMs }) => callback(null, { current: count, ttl: resetInMs }),
        () => callback(null, { current: 1, ttl: timeWindow }),
      );
    }

    child(routeOptions: Parameters<FastifyRateLimitStore['child']>[0]): FastifyRateLimitStore {
      const route = (routeOptions as { routeInfo?: { method?: string | string[]; url?: string } }).routeInfo;
      return new SharedRateLimitStore(`http:${String(route?.method ?? '')}${route?.url ?? ''}:`);
    }
  }
  return SharedRateLimitStore as unknown as new () => FastifyRateLimitStore;
}
