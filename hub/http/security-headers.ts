/**
 * Security headers of the hub's HTML pages (admin web, public declaration page) through `@fastify/helmet`: the page's
 * strict CSP, nosniff, no referrer, frame and cross-origin isolation headers, and HSTS only when the hub is served over
 * HTTPS (a browser ignores HSTS on plain HTTP, and sending it there would only confuse a later move to HTTPS).
 */
import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/** "default-src 'none'; img-src 'self' data:" → { defaultSrc: ["'none'"], imgSrc: ["'self'", 'data:'] }. */
export function cspDirectives(csp: string): Record<string, string[]> {
  const directives: Record<string, string[]> = {};
  for (const part of csp.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) directives[name.replace(/-([a-z])/g, (_m: string, c: string) => c.toUpperCase())] = values;
  }
  return directives;
}

export const HSTS_MAX_AGE_SECONDS = 365 * 86_400;

/** Registers helmet on `scope` (and its children only). */
export async function securityHeaders(scope: FastifyInstance, options: { csp: string; hsts: boolean }): Promise<void> {
  await scope.register(fastifyHelmet, {
    contentSecurityPolicy: { useDefaults: false, directives: cspDirectives(options.csp) },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: options.hsts ? { maxAge: HSTS_MAX_AGE_SECONDS, includeSubDomains: false } : false,
  });
}
