/**
 * The hub's HTTP server (Fastify): JSON bodies kept raw for signature checks, schema validation on every route
 * (extra properties refused), one error shape ({ code, message, hubTime }) and the hub's time on every answer, so a
 * terminal without a real-time clock corrects its own on each exchange.
 */
import { readFileSync } from 'node:fs';
import fastifyRateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { HubConfig } from '../config/hub-config.js';
import { HUB_HEADERS } from '../protocol.js';
import { HubError } from '../service/hub-error.js';
import { registerAdminWebRoutes } from '../admin-web/admin-web-routes.js';
import { registerAdminRoutes } from './admin-routes.js';
import { registerRegistryRoutes } from './registry-routes.js';
import { registerDccSignerRoutes } from './dcc-signer-routes.js';
import { registerTerminalRoutes } from './terminal-routes.js';
import { registerHealthRoute } from './health-route.js';
import { sharedRateLimitStore } from './shared-rate-limit-store.js';
import { parseJsonBody, type HubDependencies } from './hub-dependencies.js';
import { registerDeclarationRoutes } from '../declare/declaration-routes.js';
import { declarationPageCsp } from '../declare/declaration-page-html.js';
import { declarationPageStyle } from '../declare/declaration-assets.js';
import { securityHeaders } from './security-headers.js';

/** Default body limit; routes that need more say so (entries: ENTRY_BODY_LIMIT, the token-guarded admin API: ADMIN_BODY_LIMIT). */
const BODY_LIMIT = 64 * 1024;
export const ADMIN_BODY_LIMIT = 32 * 1024 * 1024;

/** True when browsers reach the hub over HTTPS: its own TLS (`https`), or a TLS proxy in front (`trustProxy` + an https `publicBaseUrl`). */
export function servedOverHttps(config: HubConfig): boolean {
  return Boolean(config.https) || (config.trustProxy !== false && Boolean(config.publicBaseUrl?.startsWith('https://')));
}

export function createHubHttp(deps: HubDependencies): FastifyInstance {
  const { https, trustProxy } = deps.config;
  // Fastify's types pick the server type from the literal options; the https variant is the same instance to the routes.
  const app = Fastify({
    logger: false,
    bodyLimit: BODY_LIMIT,
    trustProxy: trustProxy as boolean | string,
    ...(https ? { https: { key: readFileSync(https.keyPath), cert: readFileSync(https.certPath) } } : {}),
    forceCloseConnections: true,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: false } },
  } as Parameters<typeof Fastify>[0]) as unknown as FastifyInstance;
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const raw = body as Buffer;
    request.rawBody = raw;
    // A signed route parses only after its signature verified (terminal-routes.ts), so a stranger's body is never parsed.
    if (request.routeOptions.config.signedBody) return done(null, undefined);
    try {
      done(null, parseJsonBody(raw));
    } catch (error) {
      done(error as HubError);
    }
  });
  app.addHook('onSend', (_request, reply, payload, done) => {
    reply.header(HUB_HEADERS.hubTime, String(deps.now()));
    done(null, payload);
  });
  app.setErrorHandler((error: FastifyError | HubError, request, reply) => {
    const hubTime = deps.now();
    if (error instanceof HubError) {
      if (error.status >= 500) deps.logger.error('request-failed', { url: request.url, error });
      else deps.logger.warn('request-refused', { url: request.url, code: error.code });
      return reply.code(error.status).send({ code: error.code, message: error.message, hubTime });
    }
    const status = (error as FastifyError).statusCode ?? 500;
    if ((error as FastifyError).validation || (status >= 400 && status < 500)) {
      const publicBody = (error as { publicBody?: unknown }).publicBody;
      if (status === 429) return reply.code(429).send(publicBody ?? { code: 'RATE_LIMITED', message: error.message, hubTime });
      return reply.code(status === 413 ? 413 : 400).send({ code: 'BAD_REQUEST', message: error.message, hubTime });
    }
    deps.logger.error('request-failed', { url: request.url, error });
    return reply.code(500).send({ code: 'INTERNAL', message: 'internal error in the hub', hubTime });
  });
  app.setNotFoundHandler((request, reply) => reply.code(404).send({ code: 'NOT_FOUND', message: `no route ${request.method} ${request.url}`, hubTime: deps.now() }));
  registerHealthRoute(app, deps.store);
  // Per-route limits only (`config.rateLimit`), counted in the hub's store so that replicas share them.
  void app.register(fastifyRateLimit, { global: false, store: sharedRateLimitStore(deps.store.coordination) });
  registerTerminalRoutes(app, deps);
  // In a plugin, so that its routes are added after @fastify/rate-limit has loaded (its per-route limits need that).
  const declarationPage = deps.declarationPage;
  if (declarationPage) {
    void app.register(async (pub) => {
      await securityHeaders(pub, { csp: declarationPageCsp(declarationPageStyle().cspSource), hsts: servedOverHttps(deps.config) });
      registerDeclarationRoutes(pub, deps, declarationPage);
    });
  }
  void app.register((admin, _options, done) => {
    // The admin API checks its token in onRequest, before any body is read: only then may a body be large.
    admin.addHook('onRoute', (route) => {
      route.bodyLimit ??= ADMIN_BODY_LIMIT;
    });
    registerAdminRoutes(admin, deps);
    registerRegistryRoutes(admin, deps);
    registerDccSignerRoutes(admin, deps);
    done();
  }, { prefix: '/admin' });
  void app.register((web) => registerAdminWebRoutes(web, deps, { secure: servedOverHttps(deps.config) }), { prefix: '/admin-web' });
  return app;
}
