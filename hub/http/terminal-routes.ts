/**
 * The routes terminals call: enrolment (token-authenticated), and signed requests for entry upload, bundles, the
 * building's relayed passages and the heartbeat (version, queue, data age, hardware). Signature checks run before
 * schema validation, so a stranger learns nothing from validation messages.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HUB_HEADERS, HUB_PATHS, type EnrolmentRequest, type EntryBatch, type EntryBatchAck, type PassageFeed, type TerminalHeartbeat } from '../protocol.js';
import { enrolTerminal } from '../service/enrolment.js';
import { HubError } from '../service/hub-error.js';
import { authenticateTerminal } from '../service/request-auth.js';
import { registerCheckinFeedRoute } from '../declare/declaration-routes.js';
import type { HubDependencies } from './hub-http.js';
import {
  enrolmentRequestSchema,
  enrolmentResponseSchema,
  entryBatchAckSchema,
  entryBatchSchema,
  heartbeatSchema,
  passageFeedSchema,
  passagesQuerySchema,
  signedBundleSchema,
  timeSchema,
} from './route-schemas.js';

const HOUR_MS = 3_600_000;

export function registerTerminalRoutes(app: FastifyInstance, deps: HubDependencies): void {
  const authenticate = async (request: FastifyRequest) => {
    request.terminal = await authenticateTerminal(
      deps.store,
      { method: request.method, path: request.url, headers: request.headers, body: request.rawBody ?? Buffer.alloc(0) },
      deps.now(),
    );
    await deps.terminalVersions?.observe(request.terminal, request.headers[HUB_HEADERS.appVersion], deps.now());
  };

  if (deps.declarationPage) registerCheckinFeedRoute(app, deps, deps.declarationPage, authenticate);

  app.get(HUB_PATHS.time, { schema: { response: { 200: timeSchema } } }, () => ({ hubTime: deps.now() }));

  app.post(HUB_PATHS.enrol, { schema: { body: enrolmentRequestSchema, response: { 200: enrolmentResponseSchema } } }, async (request) => {
    const response = await enrolTerminal(deps.store, deps.keys, request.body as EnrolmentRequest, deps.now());
    deps.logger.info('terminal-enrolled', { terminalId: response.terminalId, checkpointId: response.checkpointId, buildingId: response.buildingId });
    return response;
  });

  app.post(
    HUB_PATHS.entries,
    { preValidation: authenticate, schema: { body: entryBatchSchema(deps.config.maxBatchEntries), response: { 200: entryBatchAckSchema } } },
    async (request): Promise<EntryBatchAck> => {
      const terminal = request.terminal!;
      const batch = request.body as EntryBatch;
      if (batch.terminalId !== terminal.terminalId || batch.entries.some((e) => e.terminalId !== terminal.terminalId)) {
        throw new HubError('ENTRY_TERMINAL_MISMATCH', `terminal ${terminal.terminalId} may upload its own entries only`);
      }
      const result = await deps.store.insertEntries(terminal, batch.entries, deps.now());
      return { ...result, hubTime: deps.now() };
    },
  );

  app.get(HUB_PATHS.bundle, { preValidation: authenticate, schema: { response: { 200: signedBundleSchema, 304: { type: 'null' } } } }, async (request, reply) => {
    const ifNoneMatch = request.headers['if-none-match'];
    const answer = await deps.bundles.bundleFor(request.terminal!, typeof ifNoneMatch === 'string' ? ifNoneMatch : undefined, deps.now());
    void reply.header('etag', answer.etag);
    if (answer.notModified) return reply.code(304).send();
    return answer.bundle;
  });

  app.get(
    HUB_PATHS.passages,
    { preValidation: authenticate, schema: { querystring: passagesQuerySchema, response: { 200: passageFeedSchema } } },
    async (request): Promise<PassageFeed> => {
      const terminal = request.terminal!;
      const query = request.query as { after?: number; limit?: number };
      const after = query.after ?? 0;
      const now = deps.now();
      const passages = await deps.store.passagesSince(terminal.buildingId, {
        after,
        excludeTerminalId: terminal.terminalId,
        sinceEventTime: now - deps.config.relayWindowHours * HOUR_MS,
        limit: query.limit ?? 1000,
      });
      return { passages, cursor: passages.at(-1)?.cursor ?? after, hubTime: now };
    },
  );

  app.post(HUB_PATHS.heartbeat, { preValidation: authenticate, schema: { body: heartbeatSchema, response: { 200: timeSchema } } }, async (request) => {
    const terminal = request.terminal!;
    const heartbeat = request.body as TerminalHeartbeat;
    if (heartbeat.terminalId !== terminal.terminalId) throw new HubError('ENTRY_TERMINAL_MISMATCH', `terminal ${terminal.terminalId} may report for itself only`);
    await deps.store.fleet.recordHeartbeat(terminal.terminalId, heartbeat, deps.now());
    return { hubTime: deps.now() };
  });
}
