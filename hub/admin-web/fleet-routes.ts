/**
 * The fleet page of the admin web: terminals and open enrolment tokens of the account's checkpoints (the
 * `?checkpoint=` filter must be one of them: 403 otherwise), creating a token (shown once, text and QR), revoking a
 * token or a terminal — each after its confirmation page (GET …/revoke; the POST needs `confirm=yes`, without it the
 * browser is sent to that page). Every POST carries the session's CSRF token; every id is checked against the scope,
 * and an id outside it answers 403 exactly like an unknown one (no probing for what exists).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import type { HubDependencies } from '../http/hub-dependencies.js';
import { createEnrolmentToken } from '../service/enrolment.js';
import { html, notice, page } from './admin-html.js';
import { visibleCheckpoints } from './admin-scope.js';
import type { AdminSession } from './admin-sessions.js';
import { fieldsOf, pathParam, type AdminWebTools } from './admin-web-tools.js';
import { confirmBody, createdTokenBody, fleetBody } from './fleet-page.js';
import { localTime } from './local-time.js';

const TOKEN_ID = /^[0-9a-f]{16}$/;

export function registerFleetRoutes(web: FastifyInstance, deps: HubDependencies, tools: AdminWebTools): void {
  const time = localTime(deps.config.timeZone);
  const confirmed = (request: FastifyRequest) => fieldsOf(request.body).confirm === 'yes';
  const refuse = (reply: FastifyReply, session: AdminSession, what: string) => {
    deps.logger.warn('admin-scope-refused', { username: session.username, what });
    return tools.sendHtml(reply, 403, page('Không được phép', notice('error', 'Tài khoản của bạn không quản lý mục này. / This item is outside your account\'s scope.'), tools.headerOf(session)));
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
    const wanted = fieldsOf(request.query).checkpoint;
    if (typeof wanted === 'string' && wanted !== '') {
      checkpoints = checkpoints.filter((c) => c.checkpointId === wanted);
      if (checkpoints.length === 0) return refuse(reply, session, `fleet of ${wanted}`);
    }
    const ids = checkpoints.map((c) => c.checkpointId);
    const now = deps.now();
    const [terminals, tokens] = await Promise.all([deps.store.fleet.terminals(ids), deps.store.fleet.openEnrolmentTokens(ids, now)]);
    const versions = (await deps.terminalVersions?.ofAll(terminals.map((t) => t.terminalId))) ?? new Map();
    const body = fleetBody({ checkpoints, terminals, tokens, csrf: session.csrfToken, now, time, defaultTtlMinutes: deps.config.enrolmentTokenTtlMinutes, versionOf: (id) => versions.get(id) });
    return tools.sendHtml(reply, 200, page('Thiết bị', body, tools.headerOf(session, 'fleet')));
  });

  web.post('/fleet/enrolment-tokens', async (request, reply) => {
    const session = await postSession(request, reply);
    if (!session) return reply;
    const form = fieldsOf(request.body);
    const checkpoint = (await scopeOf(session)).find((c) => c.checkpointId === form.checkpointId);
    if (!checkpoint) return refuse(reply, session, `enrolment token for ${String(form.checkpointId)}`);
    const ttl = Number(form.ttlMinutes ?? deps.config.enrolmentTokenTtlMinutes);
    if (!Number.isInteger(ttl) || ttl < 1 || ttl > 7 * 24 * 60) {
      return tools.sendHtml(reply, 400, page('Thiết bị', html`<p role="alert">Hiệu lực phải là số phút nguyên từ 1 đến 10080.</p><p><a href="/admin-web/fleet">Quay lại</a></p>`, tools.headerOf(session)));
    }
    const created = await createEnrolmentToken(deps.store, checkpoint.checkpointId, { now: deps.now(), ttlMs: ttl * 60_000 });
    deps.logger.info('enrolment-token-created', { tokenId: created.tokenId, checkpointId: created.checkpointId, expiresAt: created.expiresAt, by: session.username });
    const qr = await QRCode.toDataURL(created.token, { errorCorrectionLevel: 'M', margin: 4, width: 320 });
    return tools.sendHtml(reply, 200, page('Mã đăng ký thiết bị', createdTokenBody(created.token, checkpoint.name, created.expiresAt, qr, time), tools.headerOf(session, 'fleet')));
  });

  /** The token of the URL when the session may see it; otherwise the 403 is already sent. */
  const tokenInScope = async (request: FastifyRequest, reply: FastifyReply, session: AdminSession) => {
    const tokenId = pathParam(request, 'tokenId');
    const checkpointId = TOKEN_ID.test(tokenId) ? await deps.store.fleet.enrolmentTokenCheckpoint(tokenId) : undefined;
    const checkpoint = checkpointId === undefined ? undefined : (await scopeOf(session)).find((c) => c.checkpointId === checkpointId);
    if (checkpoint) return { tokenId, checkpoint };
    return void (await refuse(reply, session, `enrolment token ${tokenId}`));
  };

  web.get('/fleet/enrolment-tokens/:tokenId/revoke', async (request, reply) => {
    const session = tools.sessionOf(request);
    if (!session) return reply.redirect('/admin-web/login', 303);
    const found = await tokenInScope(request, reply, session);
    if (!found) return reply;
    const body = confirmBody({
      action: `/admin-web/fleet/enrolment-tokens/${found.tokenId}/revoke`, csrf: session.csrfToken, button: 'Thu hồi mã này / Revoke this token',
      what: html`Thu hồi mã đăng ký <code>${found.tokenId}</code> của <strong>${found.checkpoint.name}</strong>?`,
      consequence: html`Mã hết hiệu lực ngay: thiết bị nào dùng mã này sau đó sẽ bị từ chối và cần mã mới. <span class="en" lang="en">The token expires at once; a terminal presenting it afterwards is refused and needs a new one.</span>`,
    });
    return tools.sendHtml(reply, 200, page('Xác nhận thu hồi mã', body, tools.headerOf(session, 'fleet')));
  });

  web.post('/fleet/enrolment-tokens/:tokenId/revoke', async (request, reply) => {
    const session = await postSession(request, reply);
    if (!session) return reply;
    const found = await tokenInScope(request, reply, session);
    if (!found) return reply;
    if (!confirmed(request)) return reply.redirect(`/admin-web/fleet/enrolment-tokens/${found.tokenId}/revoke`, 303);
    const revoked = await deps.store.fleet.revokeEnrolmentToken(found.tokenId, deps.now());
    deps.logger.warn('enrolment-token-revoked', { tokenId: found.tokenId, checkpointId: found.checkpoint.checkpointId, by: session.username, alreadyClosed: !revoked });
    return reply.redirect('/admin-web/fleet', 303);
  });

  /** The terminal of the URL when the session may see it; otherwise the 403 is already sent. */
  const terminalInScope = async (request: FastifyRequest, reply: FastifyReply, session: AdminSession) => {
    const terminalId = pathParam(request, 'terminalId');
    const terminal = await deps.store.terminals.terminal(terminalId);
    const checkpoint = terminal === undefined ? undefined : (await scopeOf(session)).find((c) => c.checkpointId === terminal.checkpointId);
    if (terminal && checkpoint) return { terminal, checkpoint };
    return void (await refuse(reply, session, `terminal ${terminalId}`));
  };

  web.get('/fleet/terminals/:terminalId/revoke', async (request, reply) => {
    const session = tools.sessionOf(request);
    if (!session) return reply.redirect('/admin-web/login', 303);
    const found = await terminalInScope(request, reply, session);
    if (!found) return reply;
    const id = found.terminal.terminalId;
    const body = confirmBody({
      action: `/admin-web/fleet/terminals/${encodeURIComponent(id)}/revoke`, csrf: session.csrfToken, button: 'Thu hồi thiết bị này / Revoke this terminal',
      what: html`Thu hồi thiết bị <strong>${id}</strong> tại <strong>${found.checkpoint.name}</strong>?`,
      consequence: html`Từ lúc này hub từ chối mọi yêu cầu của thiết bị (TERMINAL_REVOKED); các lượt đã gửi vẫn được giữ. Muốn dùng lại, phải đăng ký thiết bị lại bằng mã mới. <span class="en" lang="en">From now on the hub refuses the terminal's requests; its entries stay. To use it again, enrol it again with a new token.</span>`,
    });
    return tools.sendHtml(reply, 200, page('Xác nhận thu hồi thiết bị', body, tools.headerOf(session, 'fleet')));
  });

  web.post('/fleet/terminals/:terminalId/revoke', async (request, reply) => {
    const session = await postSession(request, reply);
    if (!session) return reply;
    const found = await terminalInScope(request, reply, session);
    if (!found) return reply;
    const terminalId = found.terminal.terminalId;
    if (!confirmed(request)) return reply.redirect(`/admin-web/fleet/terminals/${encodeURIComponent(terminalId)}/revoke`, 303);
    const revoked = await deps.store.terminals.revokeTerminal(terminalId, deps.now());
    deps.logger.warn('terminal-revoked', { terminalId, by: session.username, alreadyRevoked: !revoked });
    return reply.redirect('/admin-web/fleet', 303);
  });
}
