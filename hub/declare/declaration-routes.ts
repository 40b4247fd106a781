/**
 * The hub's public routes (no login): the declaration page at `/` and `/c/<checkpointId>` (the checkpoint poster's
 * QR, checkpoint preselected), its two static files, the proof-of-work challenge, issuing a declaration, and the
 * phone check-in. Plus the terminals' long-poll feed of phone check-ins (signed like every terminal request).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { HubDependencies } from '../http/hub-http.js';
import { HUB_PATHS, type CheckinFeed } from '../protocol.js';
import { acceptsGzip, loadDeclarationAssets } from './declaration-assets.js';
import { DECLARATION_PAGE_CSP, declarationPage, type PageCheckpoint } from './declaration-page-html.js';
import type { DeclarationService } from './declaration-service.js';
import type { CheckinService } from './checkin-service.js';
import type { CheckinWaiters } from './checkin-waiters.js';
import { WindowCounter } from './rate-limits.js';
import { gzipSync } from 'node:zlib';

export interface DeclarationPageDependencies {
  readonly declarations: DeclarationService;
  readonly checkins: CheckinService;
  readonly waiters: CheckinWaiters;
  readonly isClosing: () => boolean;
}

const RESULT_TEXT = {
  clear: { vi: 'Bình thường', en: 'Clear' },
  'medical-check': { vi: 'Cần kiểm tra y tế', en: 'Needs a medical check' },
  isolate: { vi: 'Phải cách ly', en: 'Must isolate' },
} as const;

export function registerDeclarationRoutes(app: FastifyInstance, deps: HubDependencies, page: DeclarationPageDependencies): void {
  const assets = loadDeclarationAssets();
  const checkinLimiter = new WindowCounter(deps.config.declarationPage.rateLimits.checkinsPerIpPerMinute, 60_000);
  const security = (reply: FastifyReply) =>
    reply.header('content-security-policy', DECLARATION_PAGE_CSP).header('x-content-type-options', 'nosniff').header('referrer-policy', 'no-referrer');

  const sendPage = (request: FastifyRequest, reply: FastifyReply, options: { checkpoint?: PageCheckpoint; unknownCheckpointId?: string }) => {
    const body = Buffer.from(declarationPage({ ...options, hubNow: deps.now(), assetVersion: assets.version, timeZone: deps.config.timeZone }), 'utf8');
    security(reply).header('cache-control', 'no-store').type('text/html; charset=utf-8');
    if (acceptsGzip(request.headers['accept-encoding'])) return reply.header('content-encoding', 'gzip').send(gzipSync(body));
    return reply.send(body);
  };

  app.get('/', (request, reply) => sendPage(request, reply, {}));

  app.get('/c/:checkpointId', { schema: { params: { type: 'object', properties: { checkpointId: { type: 'string', maxLength: 64 } }, required: ['checkpointId'] } } }, async (request, reply) => {
    const { checkpointId } = request.params as { checkpointId: string };
    const checkpoint = await deps.store.checkpoint(checkpointId);
    const building = checkpoint && (await deps.store.building(checkpoint.buildingId));
    if (!checkpoint || !building) return sendPage(request, reply.code(404), { unknownCheckpointId: checkpointId });
    return sendPage(request, reply, { checkpoint: { checkpointId, name: checkpoint.name, buildingName: building.name } });
  });

  for (const [path, file] of assets.files) {
    app.get(path, (request, reply) => {
      security(reply).header('cache-control', 'public, max-age=604800, immutable').header('vary', 'accept-encoding').type(file.type);
      if (acceptsGzip(request.headers['accept-encoding'])) return reply.header('content-encoding', 'gzip').send(file.gzipped);
      return reply.send(file.body);
    });
  }

  app.get('/api/challenge', (_request, reply) => {
    void reply.header('cache-control', 'no-store');
    return page.declarations.pow.issue(deps.now());
  });

  app.post('/api/declarations', { bodyLimit: 8 * 1024 }, async (request, reply) => {
    const outcome = await page.declarations.issue((request.body ?? {}) as Record<string, unknown>, request.ip, deps.now());
    void reply.header('cache-control', 'no-store');
    if (!outcome.ok) {
      if (outcome.retryAfterSeconds) void reply.header('retry-after', String(outcome.retryAfterSeconds));
      return reply.code(outcome.status).send({ code: outcome.code, problems: outcome.problems });
    }
    const d = outcome.declaration;
    deps.logger.info('declaration-issued', { tokenId: d.tokenId, result: d.result });
    return { ...d, resultText: RESULT_TEXT[d.result] };
  });

  app.post('/api/checkins', { bodyLimit: 4 * 1024 }, async (request, reply) => {
    const now = deps.now();
    if (!checkinLimiter.take(request.ip, now)) {
      return reply.code(429).header('retry-after', String(checkinLimiter.retryAfterSeconds(request.ip, now))).send({
        code: 'RATE_LIMITED_IP', vi: 'Quá nhiều lần check-in. Hãy thử lại sau ít phút.', en: 'Too many check-ins. Try again in a few minutes.',
      });
    }
    const outcome = await page.checkins.checkIn((request.body ?? {}) as Record<string, unknown> as never, now);
    if (!outcome.ok) {
      deps.logger.warn('checkin-refused', { code: outcome.code });
      return reply.code(outcome.status).send({ code: outcome.code, vi: outcome.vi, en: outcome.en });
    }
    return outcome;
  });
}

/** The terminals' long poll of phone check-ins at their checkpoint (registered among the signed terminal routes). */
export function registerCheckinFeedRoute(app: FastifyInstance, deps: HubDependencies, page: DeclarationPageDependencies, authenticate: (request: FastifyRequest) => Promise<void>): void {
  const querystring = { type: 'object', additionalProperties: false, properties: { after: { type: 'integer', minimum: -1 }, waitMs: { type: 'integer', minimum: 0, maximum: 25_000 } } };
  app.get(HUB_PATHS.checkins, { preValidation: authenticate, schema: { querystring } }, async (request): Promise<CheckinFeed> => {
    const query = request.query as { after?: number; waitMs?: number };
    const feed = await page.waiters.feed(deps.store.selfDeclarations, request.terminal!.checkpointId, query.after ?? -1, query.waitMs ?? 0, page.isClosing);
    return { ...feed, hubTime: deps.now() };
  });
}
