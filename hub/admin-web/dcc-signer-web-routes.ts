/**
 * The DCC trust list in the admin web (/admin-web/dcc-signers). The list is the deployment's — every terminal of every
 * building receives it — so organisation admins and building managers may read it and only organisation admins may
 * change it (import, remove after a confirmation page); others get 403. Every POST carries the session's CSRF token
 * (admin-sessions.ts); every change is logged with the account.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { HubDependencies } from '../http/hub-dependencies.js';
import { importSummary, importTrustList } from '../service/dcc-trust-list.js';
import { TrustListFormatError, type TrustListFormat } from '../service/dcc-trust-list-formats.js';
import { notice, page } from './admin-html.js';
import type { AdminSession } from './admin-sessions.js';
import { fieldsOf, pathParam, type AdminWebTools } from './admin-web-tools.js';
import { formatErrorBody, importReportBody, removeConfirmBody, trustListBody } from './dcc-signers-page.js';
import { localTime } from './local-time.js';

/** A pasted national list can be large (the EU gateway's has a few hundred signers): the route takes up to 8 MB. */
const IMPORT_BODY_LIMIT = 8 * 1024 * 1024;
const SIGNER_ID = /^[0-9a-f]{64}$/;
const TITLE = 'Chữ ký DCC';

const mayRead = (session: AdminSession) => session.role === 'organisation-admin' || session.role === 'building-manager';
const mayChange = (session: AdminSession) => session.role === 'organisation-admin';

export function registerDccSignerWebRoutes(web: FastifyInstance, deps: HubDependencies, tools: AdminWebTools): void {
  const time = localTime(deps.config.timeZone);
  const refuse = (reply: FastifyReply, session: AdminSession, what: string) => {
    deps.logger.warn('admin-scope-refused', { username: session.username, what });
    return tools.sendHtml(reply, 403, page('Không được phép', notice('error', 'Tài khoản của bạn không được thay đổi danh sách chứng thư ký DCC. / This account may not change the DCC trust list.'), tools.headerOf(session)));
  };
  /** The session when it may do `what`; otherwise the login redirect or the 403 is already sent. */
  const allowed = async (request: FastifyRequest, reply: FastifyReply, may: (s: AdminSession) => boolean, what: string) => {
    const session = tools.sessionOf(request);
    if (!session) return void (await reply.redirect('/admin-web/login', 303));
    if (!may(session)) return void (await refuse(reply, session, what));
    return session;
  };

  web.get('/dcc-signers', async (request, reply) => {
    const session = await allowed(request, reply, mayRead, 'dcc trust list');
    if (!session) return reply;
    const signers = await deps.store.dccSigners.list();
    const body = trustListBody({ signers, now: deps.now(), time, ...(mayChange(session) ? { csrf: session.csrfToken } : {}) });
    return tools.sendHtml(reply, 200, page(TITLE, body, tools.headerOf(session, 'trust')));
  });

  web.post('/dcc-signers/import', { bodyLimit: IMPORT_BODY_LIMIT }, async (request, reply) => {
    const session = await allowed(request, reply, mayChange, 'dcc trust list import');
    if (!session) return reply;
    const form = (request.body ?? {}) as Record<string, unknown>;
    const text = typeof form.text === 'string' ? form.text : '';
    const format = form.format === 'json' || form.format === 'pem' ? (form.format as TrustListFormat) : undefined;
    try {
      const result = await importTrustList(deps.store.dccSigners, text, format, deps.now());
      deps.logger.info('dcc-signers-imported', { by: session.username, format: result.format, summary: importSummary(result) });
      return tools.sendHtml(reply, 200, page(`${TITLE} · kết quả nhập`, importReportBody(result), tools.headerOf(session, 'trust')));
    } catch (error) {
      if (!(error instanceof TrustListFormatError)) throw error;
      return tools.sendHtml(reply, 400, page(TITLE, formatErrorBody(error.vi, error.en), tools.headerOf(session, 'trust')));
    }
  });

  /** The signer of the URL, or the 403 already sent (an unknown id answers like a forbidden one). */
  const signerOf = async (request: FastifyRequest, reply: FastifyReply, session: AdminSession) => {
    const signerId = pathParam(request, 'signerId');
    const signer = SIGNER_ID.test(signerId) ? (await deps.store.dccSigners.list()).find((s) => s.signerId === signerId) : undefined;
    if (signer) return signer;
    return void (await tools.sendHtml(reply, 404, page(TITLE, notice('error', 'Không có chứng thư này (có thể đã được gỡ). / No such signer (it may have been removed already).'), tools.headerOf(session, 'trust'))));
  };

  web.get('/dcc-signers/:signerId/remove', async (request, reply) => {
    const session = await allowed(request, reply, mayChange, 'dcc signer removal');
    if (!session) return reply;
    const signer = await signerOf(request, reply, session);
    if (!signer) return reply;
    return tools.sendHtml(reply, 200, page('Xác nhận gỡ chứng thư ký', removeConfirmBody(signer, session.csrfToken), tools.headerOf(session, 'trust')));
  });

  web.post('/dcc-signers/:signerId/remove', async (request, reply) => {
    const session = await allowed(request, reply, mayChange, 'dcc signer removal');
    if (!session) return reply;
    const signer = await signerOf(request, reply, session);
    if (!signer) return reply;
    if (fieldsOf(request.body).confirm !== 'yes') return reply.redirect(`/admin-web/dcc-signers/${signer.signerId}/remove`, 303);
    await deps.store.dccSigners.remove([signer.signerId]);
    deps.logger.warn('dcc-signer-removed', { signerId: signer.signerId, kid: signer.kid, country: signer.country, by: session.username });
    return reply.redirect('/admin-web/dcc-signers', 303);
  });
}
