/**
 * The routes terminals call: enrolment (token-authenticated), and signed requests for entry upload, bundles, the
 * building's relayed passages and the heartbeat (version, queue, data age, hardware). Signature checks run before
 * JSON parsing and schema validation, so a stranger's body is never parsed and validation messages tell it nothing.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HUB_HEADERS, HUB_PATHS, type EntryBatchAck, type PassageFeed } from '../protocol.js';
import { enrolTerminal } from '../service/enrolment.js';
import { HubError } from '../service/hub-error.js';
import { authenticateTerminal, judgeAdmission, precheckSignedRequest } from '../service/request-auth.js';
import { registerCheckinFeedRoute } from '../declare/declaration-routes.js';
import { parseJsonBody, typedRoutes, type HubDependencies } from './hub-dependencies.js';
import type { NonceToRemember, TerminalRecord } from '../storage/hub-store.js';
import { normaliseEntryBatch } from './entry-text.js';
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
/** Body limits, checked before anything is parsed: an entry batch (the terminal sends about 1 MB at most), enrolment, heartbeat. */
export const ENTRY_BODY_LIMIT = 4 * 1024 * 1024;
const ENROL_BODY_LIMIT = 16 * 1024;
const HEARTBEAT_BODY_LIMIT = 256 * 1024;

export function registerTerminalRoutes(instance: FastifyInstance, deps: HubDependencies): void {
  const app = typedRoutes(instance);
  /** The terminal row the precheck read, reused by authenticate for the same request. */
  const prechecked = new WeakMap<FastifyRequest, TerminalRecord>();
  /** The upload's nonce and revocation check, left to its transaction (route config `admitInTransaction`). */
  const pendingAdmissions = new WeakMap<FastifyRequest, NonceToRemember>();
  const authenticate = async (request: FastifyRequest) => {
    const { terminal, admission } = await authenticateTerminal(
      deps.store,
      { method: request.method, path: request.url, headers: request.headers, body: request.rawBody ?? Buffer.alloc(0) },
      deps.now(),
      prechecked.get(request),
      request.routeOptions.config.admitInTransaction === true,
    );
    request.terminal = terminal;
    if (admission) pendingAdmissions.set(request, admission);
    deps.terminalVersions?.observe(terminal, request.headers[HUB_HEADERS.appVersion], deps.now());
    if (request.routeOptions.config.signedBody) request.body = parseJsonBody(request.rawBody ?? Buffer.alloc(0));
  };

  /** Before the body is read: unsigned requests and unknown keys are refused without receiving their body. */
  const precheck = async (request: FastifyRequest) => {
    prechecked.set(request, await precheckSignedRequest(deps.store, request.headers));
  };

  if (deps.declarationPage) registerCheckinFeedRoute(app, deps, deps.declarationPage, authenticate);

  app.get(HUB_PATHS.time, { schema: { response: { 200: timeSchema } } }, () => ({ hubTime: deps.now() }));

  app.post(HUB_PATHS.enrol, { bodyLimit: ENROL_BODY_LIMIT, schema: { body: enrolmentRequestSchema, response: { 200: enrolmentResponseSchema } } }, async (request) => {
    const response = await enrolTerminal(deps.store, deps.keys, request.body, deps.now());
    deps.logger.info('terminal-enrolled', { terminalId: response.terminalId, checkpointId: response.checkpointId, buildingId: response.buildingId });
    return response;
  });

  app.post(
    HUB_PATHS.entries,
    {
      bodyLimit: ENTRY_BODY_LIMIT,
      config: { signedBody: true, admitInTransaction: true },
      onRequest: precheck,
      preValidation: [authenticate, async (request: FastifyRequest) => normaliseEntryBatch(request.body)],
      schema: { body: entryBatchSchema(deps.config.maxBatchEntries), response: { 200: entryBatchAckSchema } },
    },
    async (request): Promise<EntryBatchAck> => {
      const terminal = request.terminal!;
      const batch = request.body;
      if (batch.terminalId !== terminal.terminalId || batch.entries.some((e) => e.terminalId !== terminal.terminalId)) {
        throw new HubError('ENTRY_TERMINAL_MISMATCH', `terminal ${terminal.terminalId} may upload its own entries only`);
      }
      // Bound to the enrolled checkpoint: the whole batch is refused (nothing stored), never rewritten (docs/security.md).
      const foreign = batch.entries.find((e) => e.checkpointId !== terminal.checkpointId);
      if (foreign) {
        throw new HubError('ENTRY_CHECKPOINT_MISMATCH', `terminal ${terminal.terminalId} is enrolled at checkpoint ${terminal.checkpointId} and may not upload entries of "${foreign.checkpointId}"; enrol it at that checkpoint instead`);
      }
      // Stored, nonce remembered and revocation read in one transaction: a revoked terminal or a replay stores nothing.
      const { admission, result } = await deps.store.entries.ingestAdmitted(terminal, batch.entries, deps.now(), pendingAdmissions.get(request)!);
      judgeAdmission(terminal, admission);
      return { ...result!, hubTime: deps.now() };
    },
  );

  app.get(HUB_PATHS.bundle, { preValidation: authenticate, schema: { response: { 200: signedBundleSchema, 304: { description: 'not modified: no body' } } } }, async (request, reply) => {
    const ifNoneMatch = request.headers['if-none-match'];
    const answer = await deps.bundles.bundleFor(request.terminal!, typeof ifNoneMatch === 'string' ? ifNoneMatch : undefined, deps.now());
    void reply.header('etag', answer.etag);
    if (answer.notModified) return reply.code(304).send();
    return answer.bundle;
  });

  app.get(
    HUB_PATHS.passages,
    { preValidation: authenticate, schema: { querystring: passagesQuerySchema, response: { 200: passageFeedSchema } } },
    async (request) => {
      const terminal = request.terminal!;
      const query = request.query;
      const after = query.after ?? 0;
      const now = deps.now();
      const passages = await deps.store.entries.passagesSince(terminal.buildingId, {
        after,
        excludeTerminalId: terminal.terminalId,
        sinceEventTime: now - deps.config.relayWindowHours * HOUR_MS,
        limit: query.limit ?? 1000,
      });
      return { passages, cursor: passages.at(-1)?.cursor ?? after, hubTime: now } satisfies PassageFeed;
    },
  );

  app.post(HUB_PATHS.heartbeat, { bodyLimit: HEARTBEAT_BODY_LIMIT, config: { signedBody: true }, onRequest: precheck, preValidation: authenticate, schema: { body: heartbeatSchema, response: { 200: timeSchema } } }, async (request) => {
    const terminal = request.terminal!;
    const heartbeat = request.body;
    if (heartbeat.terminalId !== terminal.terminalId) throw new HubError('ENTRY_TERMINAL_MISMATCH', `terminal ${terminal.terminalId} may report for itself only`);
    await deps.store.fleet.recordHeartbeat(terminal.terminalId, heartbeat, deps.now());
    return { hubTime: deps.now() };
  });
}
