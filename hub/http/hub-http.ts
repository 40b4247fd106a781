/**
 * The hub's HTTP server (Fastify): JSON bodies kept raw for signature checks, schema validation on every route
 * (extra properties refused), one error shape ({ code, message, hubTime }) and the hub's time on every answer, so a
 * terminal without a real-time clock corrects its own on each exchange.
 */
import type { TerminalVersions } from '../service/terminal-versions.js';
import { readFileSync } from 'node:fs';
import fastifyRateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { HubConfig } from '../config/hub-config.js';
import { HUB_HEADERS } from '../protocol.js';
import type { HubKeys } from '../crypto/hub-keys.js';
import type { HubLogger } from '../hub-logger.js';
import type { BundleService } from '../service/bundle-service.js';
import { HubError } from '../service/hub-error.js';
import type { HubStore, TerminalRecord } from '../storage/hub-store.js';
import { registerAdminWebRoutes } from '../admin-web/admin-web-routes.js';
import { registerAdminRoutes } from './admin-routes.js';
import { registerRegistryRoutes } from './registry-routes.js';
import { registerTerminalRoutes } from './terminal-routes.js';
import { registerDeclarationRoutes, type DeclarationPageDependencies } from '../declare/declaration-routes.js';

declare module 'fastify' {
  interface FastifyRequest {
    rawBody?: Buffer;
    terminal?: TerminalRecord;
  }
}

export interface HubDependencies {
  readonly store: HubStore;
  readonly keys: HubKeys;
  readonly config: HubConfig;
  readonly bundles: BundleService;
  /** The app versions terminals report; optional so that test set-ups without it keep working. */
  readonly terminalVersions?: TerminalVersions;
  readonly logger: HubLogger;
  readonly now: () => number;
  /** The public declaration page and phone check-in; absent when `declarationPage.enabled` is false. */
  readonly declarationPage?: DeclarationPageDependencies;
}

const BODY_LIMIT = 32 * 1024 * 1024;

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
    try {
      done(null, raw.length === 0 ? undefined : (JSON.parse(raw.toString('utf8')) as unknown));
    } catch {
      done(new HubError('BAD_REQUEST', 'the body is not valid JSON'));
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
      if (status === 429) return reply.code(429).send({ code: 'RATE_LIMITED', message: error.message, hubTime });
      return reply.code(status === 413 ? 413 : 400).send({ code: 'BAD_REQUEST', message: error.message, hubTime });
    }
    deps.logger.error('request-failed', { url: request.url, error });
    return reply.code(500).send({ code: 'INTERNAL', message: 'internal error in the hub', hubTime });
  });
  app.setNotFoundHandler((request, reply) => reply.code(404).send({ code: 'NOT_FOUND', message: `no route ${request.method} ${request.url}`, hubTime: deps.now() }));
  app.get('/healthz', { schema: { response: { 200: { type: 'object', properties: { ok: { type: 'boolean' }, storage: { type: 'string' } } } } } }, () => ({
    ok: true,
    storage: deps.store.kind,
  }));
  // Per-route limits only (`config.rateLimit`); the store is pluggable (`store`/`redis`) for a hub run as replicas.
  void app.register(fastifyRateLimit, { global: false });
  registerTerminalRoutes(app, deps);
  if (deps.declarationPage) registerDeclarationRoutes(app, deps, deps.declarationPage);
  void app.register((admin, _options, done) => {
    registerAdminRoutes(admin, deps);
    registerRegistryRoutes(admin, deps);
    done();
  }, { prefix: '/admin' });
  void app.register((web) => registerAdminWebRoutes(web, deps, { secure: servedOverHttps(deps.config) }), { prefix: '/admin-web' });
  return app;
}
