/**
 * The hub's public routes (no login): the declaration page at `/` and `/c/<checkpointId>` (the checkpoint poster's
 * QR, checkpoint preselected), its two static files, the proof-of-work challenge, issuing a declaration, and the
 * phone check-in. Security headers come from hub-http.ts (@fastify/helmet, declarationPageCsp), per-address limits
 * from @fastify/rate-limit. Plus the terminals' long-poll feed of phone check-ins (signed like every terminal request).
 */
import { SEE_GUARD_TEXT } from '../../core/index.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { typedRoutes, type DeclarationPageDependencies, type HubDependencies } from '../http/hub-dependencies.js';
import { HUB_PATHS, type CheckinFeed } from '../protocol.js';
import { acceptsGzip, loadDeclarationAssets, SERVICE_WORKER_PATH } from './declaration-assets.js';
import { declarationPage, type PageCheckpoint } from './declaration-page-html.js';
import { gzipSync } from 'node:zlib';

const RESULT_TEXT = {
  clear: { vi: 'Bình thường', en: 'Clear' },
  'medical-check': { vi: 'Cần kiểm tra y tế', en: 'Needs a medical check' },
  isolate: { vi: 'Phải cách ly', en: 'Must isolate' },
} as const;

export function registerDeclarationRoutes(app: FastifyInstance, deps: HubDependencies, page: DeclarationPageDependencies): void {
  const assets = loadDeclarationAssets();
  const limits = deps.config.declarationPage.rateLimits;
  /** Per client address (IPv6 by /64), `@fastify/rate-limit`: its store is pluggable for a hub run as replicas. */
  const perAddress = (max: number, body: (seconds: number) => Record<string, unknown>) => ({
    rateLimit: {
      max,
      timeWindow: 60_000,
      errorResponseBuilder: (_request: FastifyRequest, context: { ttl: number }) => {
        const seconds = Math.max(1, Math.ceil(context.ttl / 1000));
        return Object.assign(new Error('rate limited'), { statusCode: 429, publicBody: body(seconds) });
      },
    },
  });

  const sendPage = (request: FastifyRequest, reply: FastifyReply, options: { checkpoint?: PageCheckpoint; unknownCheckpointId?: string }) => {
    const body = Buffer.from(declarationPage({ ...options, hubNow: deps.now(), assetVersion: assets.version, css: assets.style.css, currentYear: new Date(deps.now()).getUTCFullYear(), timeZone: deps.config.timeZone }), 'utf8');
    reply.header('cache-control', 'no-store').type('text/html; charset=utf-8');
    if (acceptsGzip(request.headers['accept-encoding'])) return reply.header('content-encoding', 'gzip').send(gzipSync(body));
    return reply.send(body);
  };

  app.get('/', (request, reply) => sendPage(request, reply, {}));

  const checkpointParams = { type: 'object', properties: { checkpointId: { type: 'string', maxLength: 64 } }, required: ['checkpointId'] } as const;
  typedRoutes(app).get('/c/:checkpointId', { schema: { params: checkpointParams } }, async (request, reply) => {
    const { checkpointId } = request.params;
    const checkpoint = await deps.store.buildings.checkpoint(checkpointId);
    const building = checkpoint && (await deps.store.buildings.building(checkpoint.buildingId));
    if (!checkpoint || !building) return sendPage(request, reply.code(404), { unknownCheckpointId: checkpointId });
    return sendPage(request, reply, { checkpoint: { checkpointId, name: checkpoint.name, buildingName: building.name } });
  });

  for (const [path, file] of assets.files) {
    app.get(path, (request, reply) => {
      // The worker's own script is checked for updates on every visit; the rest is versioned (?v=) and immutable.
      const caching = path === SERVICE_WORKER_PATH ? 'no-cache' : 'public, max-age=604800, immutable';
      reply.header('cache-control', caching).header('vary', 'accept-encoding').type(file.type);
      if (acceptsGzip(request.headers['accept-encoding'])) return reply.header('content-encoding', 'gzip').send(file.gzipped);
      return reply.send(file.body);
    });
  }

  app.get('/api/challenge', (_request, reply) => {
    void reply.header('cache-control', 'no-store');
    return page.declarations.pow.issue(deps.now());
  });

  const declarationsLimit = perAddress(limits.perIpPerMinute, (seconds) => ({
    code: 'RATE_LIMITED_IP',
    problems: [{ field: '', vi: `Quá nhiều lần khai báo. Hãy thử lại sau ${seconds} giây.`, en: `Too many declarations. Try again in ${seconds} seconds.` }],
  }));
  app.post('/api/declarations', { bodyLimit: 8 * 1024, config: declarationsLimit }, async (request, reply) => {
    const outcome = await page.declarations.issue((request.body ?? {}) as Record<string, unknown>, deps.now());
    void reply.header('cache-control', 'no-store');
    if (!outcome.ok) {
      if (outcome.retryAfterSeconds) void reply.header('retry-after', String(outcome.retryAfterSeconds));
      return reply.code(outcome.status).send({ code: outcome.code, problems: outcome.problems });
    }
    const d = outcome.declaration;
    deps.logger.info('declaration-issued', { tokenId: d.tokenId, result: d.result });
    return { ...d, resultText: RESULT_TEXT[d.result] };
  });

  const checkinsLimit = perAddress(limits.checkinsPerIpPerMinute, () => ({
    code: 'RATE_LIMITED_IP', vi: 'Quá nhiều lần check-in. Hãy thử lại sau ít phút.', en: 'Too many check-ins. Try again in a few minutes.',
  }));
  app.post('/api/checkins', { bodyLimit: 4 * 1024, config: checkinsLimit }, async (request, reply) => {
    const now = deps.now();
    const outcome = await page.checkins.checkIn((request.body ?? {}) as Record<string, unknown> as never, now);
    if (!outcome.ok) {
      deps.logger.warn('checkin-refused', { code: outcome.code });
      return reply.code(outcome.status).send({ code: outcome.code, vi: outcome.vi, en: outcome.en });
    }
    // A check-in the checkpoint's policy does not admit outright (review: e.g. a medical-check declaration) needs the
    // guard, and the phone says so in the guard screen's words.
    return outcome.outcome === 'admit' ? outcome : { ...outcome, seeGuard: SEE_GUARD_TEXT };
  });
}

/** The terminals' long poll of phone check-ins at their checkpoint (registered among the signed terminal routes). */
export function registerCheckinFeedRoute(app: FastifyInstance, deps: HubDependencies, page: DeclarationPageDependencies, authenticate: (request: FastifyRequest) => Promise<void>): void {
  const querystring = { type: 'object', additionalProperties: false, properties: { after: { type: 'integer', minimum: -1 }, waitMs: { type: 'integer', minimum: 0, maximum: 25_000 } } } as const;
  typedRoutes(app).get(HUB_PATHS.checkins, { preValidation: authenticate, schema: { querystring } }, async (request): Promise<CheckinFeed> => {
    const query = request.query;
    const feed = await page.waiters.feed(deps.store.selfDeclarations, request.terminal!.checkpointId, query.after ?? -1, query.waitMs ?? 0, page.isClosing);
    return { ...feed, hubTime: deps.now() };
  });
}
