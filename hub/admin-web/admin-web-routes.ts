/**
 * The admin web (HTML, Vietnamese first) under /admin-web: login with rate limit and login CSRF (double submit in a
 * SameSite=Strict cookie), sessions with a synchroniser CSRF token on every form, the overview of the checkpoints the
 * account may see, and a checkpoint page that answers 403 for any checkpoint outside the account's scope.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { HubDependencies } from '../http/hub-http.js';
import { html, page, ADMIN_CSP } from './admin-html.js';
import { ROLE_NAMES, visibleCheckpoints } from './admin-scope.js';
import { areaOverviewBody } from './tracing-page.js';
import { registerSecondFactor } from './second-factor.js';
import { registerTracingRoutes } from './tracing-routes.js';
import { hasTracingRights, type AdminAccount } from '../storage/admin-accounts.js';
import { AdminSessions, cookie, LOGIN_CSRF_COOKIE, parseCookies, randomToken, sameToken, SESSION_COOKIE, type AdminSession } from './admin-sessions.js';
import { registerAnalyticsRoutes } from './analytics-routes.js';
import { entryListBody, listRange, PAGE_SIZE, parseEntryListParams } from './entry-list-page.js';
import { registerFleetRoutes } from './fleet-routes.js';
import { LoginRateLimiter } from './login-rate-limiter.js';
import { posterLinks, registerPosterRoutes } from './poster-routes.js';
import type { AdminWebTools } from './admin-web-tools.js';
import { verifyPassword } from './password-hash.js';

/** Verified against when the user name is unknown, so both answers take as long (no user enumeration by timing). */
const DUMMY_HASH = 'scrypt$131072$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

const KIND_NAMES: Readonly<Record<string, string>> = { 'building-door': 'Cổng tòa nhà', department: 'Bộ phận' };

function loginPage(csrf: string, message = ''): string {
  return page(
    'Đăng nhập',
    html`${message ? html`<p role="alert">${message}</p>` : html``}
<form method="post" action="/admin-web/login">
<input type="hidden" name="_csrf" value="${csrf}">
<label>Tên đăng nhập <input name="username" autocomplete="username" required></label>
<label>Mật khẩu <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">Đăng nhập</button>
</form>`,
  );
}

function headerOf(session: AdminSession) {
  const nav =
    session.role === 'health-authority'
      ? html`<a href="/admin-web/">Địa bàn</a> · <a href="/admin-web/tracing">Truy vết</a> · <a href="/admin-web/audit">Nhật ký truy vết</a>`
      : html`<a href="/admin-web/">Điểm kiểm soát</a> · <a href="/admin-web/fleet">Thiết bị</a>`;
  return html`<nav>${nav}</nav>
<p>${session.displayName} · ${ROLE_NAMES[session.role]}</p>
<form method="post" action="/admin-web/logout"><input type="hidden" name="_csrf" value="${session.csrfToken}"><button type="submit">Đăng xuất</button></form>`;
}

export function registerAdminWebRoutes(web: FastifyInstance, deps: HubDependencies): void {
  const sessions = new AdminSessions();
  const limiter = new LoginRateLimiter();
  web.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 16 * 1024 }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  web.addHook('onSend', (_request, reply, payload, done) => {
    reply.header('content-security-policy', ADMIN_CSP).header('x-content-type-options', 'nosniff').header('referrer-policy', 'no-referrer').header('cache-control', 'no-store');
    done(null, payload);
  });
  const sendHtml = (reply: FastifyReply, status: number, body: string) => reply.code(status).type('text/html; charset=utf-8').send(body);
  const sessionOf = (request: FastifyRequest) => sessions.find(parseCookies(request.headers.cookie)[SESSION_COOKIE], deps.now());

  const showLogin = (reply: FastifyReply, status: number, message = '') => {
    const csrf = randomToken();
    return sendHtml(reply.header('set-cookie', cookie(LOGIN_CSRF_COOKIE, csrf, 3600)), status, loginPage(csrf, message));
  };

  /** Opens the session of a fully signed-in account; the Set-Cookie values to send. */
  const startSession = (_request: FastifyRequest, account: AdminAccount): string[] => {
    limiter.recordSuccess(account.username);
    const canTrace = hasTracingRights(account);
    const { id } = sessions.open({ username: account.username, displayName: account.displayName, role: account.role, scopeId: account.scopeId, canTrace }, deps.now());
    deps.logger.info('admin-login', { username: account.username, role: account.role, secondFactor: canTrace });
    return [cookie(SESSION_COOKIE, id, 12 * 3600), cookie(LOGIN_CSRF_COOKIE, '', 0)];
  };
  const secondFactor = registerSecondFactor(web, deps, { sendHtml, startSession, showLogin, limiter });

  web.get('/login', (_request, reply) => showLogin(reply, 200));

  web.post('/login', async (request, reply) => {
    const form = (request.body ?? {}) as Record<string, unknown>;
    const username = typeof form.username === 'string' ? form.username.trim() : '';
    const password = typeof form.password === 'string' ? form.password : '';
    if (!sameToken(form._csrf, parseCookies(request.headers.cookie)[LOGIN_CSRF_COOKIE] ?? '')) return showLogin(reply, 403, 'Phiên đăng nhập đã hết hạn, vui lòng thử lại.');
    const now = deps.now();
    const wait = limiter.retryAfterMs(request.ip, username, now);
    if (wait > 0) {
      reply.header('retry-after', String(Math.ceil(wait / 1000)));
      return showLogin(reply, 429, `Quá nhiều lần đăng nhập sai. Thử lại sau ${Math.ceil(wait / 60_000)} phút.`);
    }
    const account = await deps.store.accounts.account(username);
    const ok = await verifyPassword(password, account?.passwordHash ?? DUMMY_HASH);
    if (!account || !ok) {
      limiter.recordFailure(request.ip, username, now);
      deps.logger.warn('admin-login-failed', { username });
      return showLogin(reply, 401, 'Tên đăng nhập hoặc mật khẩu không đúng.');
    }
    // Tracing rights need the second step; the session opens only once it is passed (second-factor.ts).
    if (hasTracingRights(account)) return secondFactor.begin(reply.header('set-cookie', cookie(LOGIN_CSRF_COOKIE, '', 0)), account);
    return reply.header('set-cookie', startSession(request, account)).redirect('/admin-web/', 303);
  });

  web.post('/logout', (request, reply) => {
    const session = sessionOf(request);
    if (!session || !sameToken((request.body as Record<string, unknown> | undefined)?._csrf, session.csrfToken)) return sendHtml(reply, 403, page('Không được phép', html`<p>Yêu cầu không hợp lệ.</p>`));
    sessions.close(parseCookies(request.headers.cookie)[SESSION_COOKIE]);
    return reply.header('set-cookie', cookie(SESSION_COOKIE, '', 0)).redirect('/admin-web/login', 303);
  });

  web.get('/', async (request, reply) => {
    const session = sessionOf(request);
    if (!session) return reply.redirect('/admin-web/login', 303);
    if (session.role === 'health-authority') {
      const organisations = await deps.store.registry.organisationsInArea(session.scopeId);
      return sendHtml(reply, 200, page(`Địa bàn ${session.scopeId}`, areaOverviewBody(session.scopeId, organisations), headerOf(session)));
    }
    const checkpoints = await visibleCheckpoints(deps.store.registry, session.role, session.scopeId);
    const rows = checkpoints.map(
      (c) => html`<tr><td><a href="/admin-web/checkpoints/${encodeURIComponent(c.checkpointId)}">${c.name}</a></td><td>${KIND_NAMES[c.kind] ?? c.kind}</td><td>${c.buildingName}</td><td>${c.address}</td></tr>`,
    );
    const tracing = session.canTrace ? html`<a href="/admin-web/tracing">Truy vết tiếp xúc</a>` : html``;
    const tools = html`<p>${tracing}${session.canTrace && session.role === 'organisation-admin' ? html` · ` : html``}${session.role === 'organisation-admin' ? html`<a href="/admin-web/audit">Nhật ký truy vết</a>` : html``}</p>`;
    return sendHtml(reply, 200, page('Điểm kiểm soát', html`<table><thead><tr><th>Tên</th><th>Loại</th><th>Tòa nhà</th><th>Địa chỉ</th></tr></thead><tbody>${rows}</tbody></table>${tools}`, headerOf(session)));
  });

  /** The session and the checkpoint of the URL, or the answer already sent (login redirect, or 403 outside the scope). */
  const checkpointInScope = async (request: FastifyRequest, reply: FastifyReply) => {
    const session = sessionOf(request);
    if (!session) return void (await reply.redirect('/admin-web/login', 303));
    const { checkpointId } = request.params as { checkpointId: string };
    const checkpoint = (await visibleCheckpoints(deps.store.registry, session.role, session.scopeId)).find((c) => c.checkpointId === checkpointId);
    if (checkpoint) return { session, checkpoint };
    deps.logger.warn('admin-scope-refused', { username: session.username, checkpointId });
    return void (await sendHtml(reply, 403, page('Không được phép', html`<p>Tài khoản của bạn không quản lý điểm kiểm soát này.</p>`, headerOf(session))));
  };

  registerAnalyticsRoutes(web, deps, { sessionOf, checkpointInScope, sendHtml, headerOf });
  registerTracingRoutes(web, deps, { sessionOf, checkpointInScope, sendHtml, headerOf });

  web.get('/checkpoints/:checkpointId/entries', async (request, reply) => {
    const found = await checkpointInScope(request, reply);
    if (!found) return reply;
    const params = parseEntryListParams(request.query as Record<string, unknown>, deps.now());
    const rows = await deps.store.entryQueries.listEntries({ checkpointId: found.checkpoint.checkpointId, ...params, ...listRange(params), limit: PAGE_SIZE });
    return sendHtml(reply, 200, page(`Danh sách · ${found.checkpoint.name}`, entryListBody(found.checkpoint.checkpointId, params, rows, found.session.csrfToken), headerOf(found.session)));
  });

  web.get('/checkpoints/:checkpointId', async (request, reply) => {
    const found = await checkpointInScope(request, reply);
    if (!found) return reply;
    const { session, checkpoint } = found;
    const directions = checkpoint.directions.map((d) => (d === 'in' ? 'Vào' : 'Ra')).join(', ');
    return sendHtml(
      reply,
      200,
      page(checkpoint.name, html`<dl><dt>Loại</dt><dd>${KIND_NAMES[checkpoint.kind] ?? checkpoint.kind}</dd><dt>Tòa nhà</dt><dd>${checkpoint.buildingName}</dd><dt>Địa chỉ</dt><dd>${checkpoint.address}</dd><dt>Hướng</dt><dd>${directions}</dd></dl><p><a href="/admin-web/checkpoints/${encodeURIComponent(checkpoint.checkpointId)}/entries">Danh sách</a> · <a href="/admin-web/checkpoints/${encodeURIComponent(checkpoint.checkpointId)}/stats">Thống kê</a></p>${posterLinks(checkpoint.checkpointId)}`, headerOf(session)),
    );
  });

  const tools: AdminWebTools = { sessionOf, sendHtml, headerOf, checkpointInScope };
  registerPosterRoutes(web, deps, tools);
  registerFleetRoutes(web, deps, tools);
}
