/**
 * The fleet page of the admin web: terminals and open enrolment tokens of the account's checkpoints (the
 * `?checkpoint=` filter must be one of them: 403 otherwise), creating a token (shown once, text and QR), revoking a
 * token or a terminal. Every POST carries the session's CSRF token; every id is checked against the scope, and an id
 * outside it answers 403 exactly like an unknown one (no probing for what exists).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import type { HubDependencies } from '../http/hub-http.js';
import { createEnrolmentToken } from '../service/enrolment.js';
import { html, page } from './admin-html.js';
import { visibleCheckpoints } from './admin-scope.js';
import type { AdminSession } from './admin-sessions.js';
import type { AdminWebTools } from './admin-web-tools.js';
import { createdTokenBody, fleetBody } from './fleet-page.js';

const TOKEN_ID = /^[0-9a-f]{16}$/;

export function registerFleetRoutes(web: FastifyInstance, deps: HubDependencies, tools: AdminWebTools): void {
  const refuse = (reply: FastifyReply, session: AdminSession, what: string) => {
    deps.logger.warn('admin-scope-refused', { username: session.username, what });
    return tools.sendHtml(reply, 403, page('Không được phép', html`<p>Tài khoản của bạn không quản lý mục này.</p>`, tools.headerOf(session)));
  };

  /** The session of a POST (its CSRF token was checked by admin-sessions.ts); otherwise the login redirect is already sent. */
  const postSession = async (request: FastifyRequest, reply: FastifyReply): Promise<AdminSession | undefined> => {
    const session = tools.sessionOf(request);
    if (!session) return void (await reply.redirect('/admin-web/login', 303));
    return session;
  };

  const scopeOf = async (session: AdminSession) => visibleCheckpoints(deps.store.registry, session.role, session.scopeId);

  web.get('/fleet', async (request, reply) => {
    const session = tools.sessionOf(request);
    if (!session) return reply.redirect('/admin-web/login', 303);
    let checkpoints = await scopeOf(session);
    const wanted = (request.query as Record<string, unknown>).checkpoint;
    if (typeof wanted === 'string' && wanted !== '') {
      checkpoints = checkpoints.filter((c) => c.checkpointId === wanted);
      if (checkpoints.length === 0) return refuse(reply, session, `fleet of ${wanted}`);
    }
    const ids = checkpoints.map((c) => c.checkpointId);
    const now = deps.now();
    const [terminals, tokens] = await Promise.all([deps.store.fleet.terminals(ids), deps.store.fleet.openEnrolmentTokens(ids, now)]);
    const body = fleetBody({ checkpoints, terminals, tokens, csrf: session.csrfToken, now, defaultTtlMinutes: deps.config.enrolmentTokenTtlMinutes, versionOf: (id) => deps.terminalVersions?.of(id) });
    return tools.sendHtml(reply, 200, page('Thiết bị', body, tools.headerOf(session)));
  });

  web.post('/fleet/enrolment-tokens', async (request, reply) => {
    const session = await postSession(request, reply);
    if (!session) return reply;
    const form = request.body as Record<string, unknown>;
    const checkpoint = (await scopeOf(session)).find((c) => c.checkpointId === form.checkpointId);
    if (!checkpoint) return refuse(reply, session, `enrolment token for ${String(form.checkpointId)}`);
    const ttl = Number(form.ttlMinutes ?? deps.config.enrolmentTokenTtlMinutes);
    if (!Number.isInteger(ttl) || ttl < 1 || ttl > 7 * 24 * 60) {
      return tools.sendHtml(reply, 400, page('Thiết bị', html`<p role="alert">Hiệu lực phải là số phút nguyên từ 1 đến 10080.</p><p><a href="/admin-web/fleet">Quay lại</a></p>`, tools.headerOf(session)));
    }
    const created = await createEnrolmentToken(deps.store, checkpoint.checkpointId, { now: deps.now(), ttlMs: ttl * 60_000 });
    deps.logger.info('enrolment-token-created', { tokenId: created.tokenId, checkpointId: created.checkpointId, expiresAt: created.expiresAt, by: session.username });
    const qr = await QRCode.toDataURL(created.token, { errorCorrectionLevel: 'M', margin: 4, width: 320 });
    return tools.sendHtml(reply, 200, page('Mã đăng ký thiết bị', createdTokenBody(created.token, checkpoint.name, created.expiresAt, qr), tools.headerOf(session)));
  });

  web.post('/fleet/enrolment-tokens/:tokenId/revoke', async (request, reply) => {
    const session = await postSession(request, reply);
    if (!session) return reply;
    const { tokenId } = request.params as { tokenId: string };
    const checkpointId = TOKEN_ID.test(tokenId) ? await deps.store.fleet.enrolmentTokenCheckpoint(tokenId) : undefined;
    if (!checkpointId || !(await scopeOf(session)).some((c) => c.checkpointId === checkpointId)) return refuse(reply, session, `enrolment token ${tokenId}`);
    const revoked = await deps.store.fleet.revokeEnrolmentToken(tokenId, deps.now());
    deps.logger.warn('enrolment-token-revoked', { tokenId, checkpointId, by: session.username, alreadyClosed: !revoked });
    return reply.redirect('/admin-web/fleet', 303);
  });

  web.post('/fleet/terminals/:terminalId/revoke', async (request, reply) => {
    const session = await postSession(request, reply);
    if (!session) return reply;
    const { terminalId } = request.params as { terminalId: string };
    const terminal = await deps.store.terminal(terminalId);
    if (!terminal || !(await scopeOf(session)).some((c) => c.checkpointId === terminal.checkpointId)) return refuse(reply, session, `terminal ${terminalId}`);
    const revoked = await deps.store.revokeTerminal(terminalId, deps.now());
    deps.logger.warn('terminal-revoked', { terminalId, by: session.username, alreadyRevoked: !revoked });
    return reply.redirect('/admin-web/fleet', 303);
  });
}
