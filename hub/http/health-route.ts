/**
 * GET /healthz for a load balancer's health check: 200 while the hub's store answers a trivial query within
 * PING_TIMEOUT_MS, 503 otherwise (PostgreSQL lost: take this replica out of the pool; it refuses uploads anyway, since
 * it acknowledges only what it committed). No authentication and nothing secret in the answer.
 */
import type { FastifyInstance } from 'fastify';
import type { HubStore } from '../storage/hub-store.js';

const PING_TIMEOUT_MS = 2_000;

const answer = { type: 'object', properties: { ok: { type: 'boolean' }, storage: { type: 'string' }, code: { type: 'string' }, message: { type: 'string' } } };

function withTimeout(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((_resolve, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)));
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

export function registerHealthRoute(app: FastifyInstance, store: HubStore): void {
  app.get('/healthz', { schema: { response: { 200: answer, 503: answer } } }, async (_request, reply) => {
    try {
      await withTimeout(store.ping(), PING_TIMEOUT_MS);
      return { ok: true, storage: store.kind };
    } catch (error) {
      return reply.code(503).header('cache-control', 'no-store').send({
        ok: false,
        storage: store.kind,
        code: 'STORAGE_UNREACHABLE',
        message: `Hub không kết nối được cơ sở dữ liệu (${(error as Error).message}). — The hub cannot reach its storage; the load balancer should send traffic to another replica.`,
      });
    }
  });
}
