/**
 * The admin web (HTML, Vietnamese first) under /admin-web: login with rate limit, sessions and a CSRF token on every
 * form (login included; admin-sessions.ts), the overview of the checkpoints the
 * account may see, and a checkpoint page that answers 403 for any checkpoint outside the account's scope.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { HubDependencies } from '../http/hub-dependencies.js';
import { dataTable, html, notice, page, ADMIN_CSP, siteHeader, type NavSection } from './admin-html.js';
import { visibleCheckpoints } from './admin-scope.js';
import { areaOverviewBody } from './tracing-page.js';
import { registerSecondFactor } from './second-factor.js';
import { registerTracingRoutes } from './tracing-routes.js';
import { hasTracingRights, type AdminAccount } from '../storage/admin-accounts.js';
import { closeAdminSession, isCsrfRefusal, openAdminSession, registerAdminBoundary, type AdminSession } from './admin-sessions.js';
import { securityHeaders } from '../http/security-headers.js';
import { registerAnalyticsRoutes } from './analytics-routes.js';
import { entryListBody, listRange, PAGE_SIZE, parseEntryListParams } from './entry-list-page.js';
import { registerFleetRoutes } from './fleet-routes.js';
import { registerDccSignerWebRoutes } from './dcc-signer-web-routes.js';
import { registerDccValueSetWebRoutes } from './dcc-value-sets-page.js';
import { LoginRateLimiter } from './login-rate-limiter.js';
import { localTime } from './local-time.js';
import { deviceOf, rememberDevice } from './login-devices.js';
import { posterLinks, registerPosterRoutes } from './poster-routes.js';
import { fieldsOf, pathParam, type AdminWebTools } from './admin-web-tools.js';
import { verifyPassword } from './password-hash.js';

/** Verified against when the user name is unknown, so both answers take as long (no user enumeration by timing). */
const DUMMY_HASH = 'scrypt$131072$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

const KIND_NAMES: Readonly<Record<string, string>> = { 'building-door': 'Cổng tòa nhà', department: 'Bộ phận' };

function loginPage(csrf: string, message = ''): string {
  return page(
    'Đăng nhập',
    html`${message ? notice('error', message) : html``}
<form class="stack card" method="post" action="/admin-web/login">
<input type="hidden" name="_csrf" value="${csrf}">
<label>Tên đăng nhập <input name="username" autocomplete="username" required></label>
<label>Mật khẩu <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">Đăng nhập</button>
</form>
<p class="muted">Chưa có tài khoản? Người cài đặt hub tạo tài khoản đầu tiên bằng lệnh <code>gate-terminal create-admin</code> mà hub in ra khi khởi động (docs/hub.md). <span class="en" lang="en">No account yet? Whoever installed the hub creates the first one with the <code>create-admin</code> command the hub prints at start.</span></p>`,
  );
}

export interface AdminWebOptions {
  /** Secure cookies and HSTS (the hub is served over HTTPS, directly or behind a trusted proxy). */
  readonly secure: boolean;
}

/** Flood cap of login requests per client address (@fastify/rate-limit); failures have their own, stricter limits. */
const LOGIN_REQUESTS_PER_MINUTE = 300;

const FORBIDDEN_FORM = 'Yêu cầu không hợp lệ hoặc trang đã quá cũ (thiếu mã chống giả mạo). Tải lại trang và thử lại. — The form was too old or forged: reload the page and try again.';

export async function registerAdminWebRoutes(web: FastifyInstance, deps: HubDependencies, options: AdminWebOptions): Promise<void> {
  const time = localTime(deps.config.timeZone);
  const headerOf = (session: AdminSession, section?: NavSection) => siteHeader(session, time, deps.now(), section);
  const limiter = new LoginRateLimiter(deps.store.coordination);
  await securityHeaders(web, { csp: ADMIN_CSP, hsts: options.secure });
  await registerAdminBoundary(web, { dataDir: deps.config.dataDir, secureCookies: options.secure, coordination: deps.store.coordination });
  const sendHtml = (reply: FastifyReply, status: number, body: string) => reply.code(status).type('text/html; charset=utf-8').send(body);
  const sessionOf = (request: FastifyRequest) => request.adminSession;
  web.addHook('onSend', (_request, reply, payload, done) => {
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    done(null, payload);
  });

  const showLogin = (reply: FastifyReply, status: number, message = '') => sendHtml(reply, status, loginPage(reply.generateCsrf(), message));

  // The login's flood cap and a refused CSRF token get a Vietnamese page; any other error goes on to the hub's handler.
  web.setErrorHandler((error, request, reply) => {
    if ((error as { statusCode?: number }).statusCode === 429) return showLogin(reply, 429, 'Quá nhiều yêu cầu từ địa chỉ này. Hãy thử lại sau một phút.');
    if (!isCsrfRefusal(error)) throw error;
    deps.logger.warn('admin-csrf-refused', { url: request.url });
    if (request.url.startsWith('/admin-web/login')) return showLogin(reply, 403, 'Phiên đăng nhập đã hết hạn, vui lòng thử lại.');
    const session = sessionOf(request);
    return sendHtml(reply, 403, page('Không được phép', notice('error', FORBIDDEN_FORM), session ? headerOf(session) : undefined));
  });

  /** Opens the session of a fully signed-in account (after the second factor where it needs one). */
  const startSession = async (request: FastifyRequest, reply: FastifyReply, account: AdminAccount): Promise<void> => {
    const canTrace = hasTracingRights(account);
    await openAdminSession(request, { username: account.username, displayName: account.displayName, role: account.role, scopeId: account.scopeId, canTrace });
    rememberDevice(reply, account.username, options.secure);
    deps.logger.info('admin-login', { username: account.username, role: account.role, secondFactor: canTrace });
  };
  const secondFactor = registerSecondFactor(web, deps, { sendHtml, startSession, showLogin, limiter });

  web.get('/login', (_request, reply) => showLogin(reply, 200));

  web.post('/login', { config: { rateLimit: { max: LOGIN_REQUESTS_PER_MINUTE, timeWindow: 60_000 } } }, async (request, reply) => {
    const form = (request.body ?? {}) as Record<string, unknown>;
    const username = typeof form.username === 'string' ? form.username.trim() : '';
    const password = typeof form.password === 'string' ? form.password : '';
    const now = deps.now();
    const reservation = await limiter.reserve({ address: request.ip, username, ...deviceOf(request, username) }, now);
    if (!reservation.ok) {
      reply.header('retry-after', String(Math.ceil(reservation.retryAfterMs / 1000)));
      return showLogin(reply, 429, `Quá nhiều lần đăng nhập sai. Thử lại sau ${Math.ceil(reservation.retryAfterMs / 60_000)} phút.`);
    }
    const account = await deps.store.accounts.account(username);
    const ok = await verifyPassword(password, account?.passwordHash ?? DUMMY_HASH);
    if (!account || !ok) {
      await limiter.settle(reservation.attempt, false);
      deps.logger.warn('admin-login-failed', { username });
      return showLogin(reply, 401, 'Tên đăng nhập hoặc mật khẩu không đúng.');
    }
    // Tracing rights need the second step: the attempt stays counted until it is passed (second-factor.ts).
    if (hasTracingRights(account)) return secondFactor.begin(request, reply, account, reservation.attempt);
    await limiter.settle(reservation.attempt, true);
    await startSession(request, reply, account);
    return reply.redirect('/admin-web/', 303);
  });

  web.post('/logout', async (request, reply) => {
    if (!sessionOf(request)) return reply.redirect('/admin-web/login', 303);
    await closeAdminSession(request, reply);
    return reply.redirect('/admin-web/login', 303);
  });

  web.get('/', async (request, reply) => {
    const session = sessionOf(request);
    if (!session) return reply.redirect('/admin-web/login', 303);
    if (session.role === 'health-authority') {
      const organisations = await deps.store.registry.organisationsInArea(session.scopeId);
      return sendHtml(reply, 200, page(`Địa bàn ${session.scopeId}`, areaOverviewBody(session.scopeId, organisations), headerOf(session, 'checkpoints')));
    }
    const checkpoints = await visibleCheckpoints(deps.store.registry, session.role, session.scopeId);
    const rows = checkpoints.map((c) => {
      const base = `/admin-web/checkpoints/${encodeURIComponent(c.checkpointId)}`;
      return [
        html`<a href="${base}">${c.name}</a>`, KIND_NAMES[c.kind] ?? c.kind, c.buildingName, c.address,
        html`<a href="${base}/entries">Danh sách</a> · <a href="${base}/stats">Thống kê</a>`,
      ];
    });
    const columns = ['Tên', 'Loại', 'Tòa nhà', 'Địa chỉ', 'Xem'].map((label) => ({ label }));
    const tracing = session.canTrace ? html`<a href="/admin-web/tracing">Truy vết tiếp xúc</a>` : html``;
    const tools = html`<p>${tracing}${session.canTrace && session.role === 'organisation-admin' ? html` · ` : html``}${session.role === 'organisation-admin' ? html`<a href="/admin-web/audit">Nhật ký truy vết</a>` : html``}</p>`;
    const table = dataTable({ id: 'checkpoints', columns, rows, empty: 'Tài khoản này chưa quản lý điểm kiểm soát nào. / No checkpoints in this account\'s scope.' });
    return sendHtml(reply, 200, page('Điểm kiểm soát', html`${table}${tools}`, headerOf(session, 'checkpoints')));
  });

  /** The session and the checkpoint of the URL, or the answer already sent (login redirect, or 403 outside the scope). */
  const checkpointInScope = async (request: FastifyRequest, reply: FastifyReply) => {
    const session = sessionOf(request);
    if (!session) return void (await reply.redirect('/admin-web/login', 303));
    const checkpointId = pathParam(request, 'checkpointId');
    const checkpoint = (await visibleCheckpoints(deps.store.registry, session.role, session.scopeId)).find((c) => c.checkpointId === checkpointId);
    if (checkpoint) return { session, checkpoint };
    deps.logger.warn('admin-scope-refused', { username: session.username, checkpointId });
    return void (await sendHtml(reply, 403, page('Không được phép', notice('error', 'Tài khoản của bạn không quản lý điểm kiểm soát này. / This checkpoint is outside your account\'s scope.'), headerOf(session))));
  };

  registerAnalyticsRoutes(web, deps, { sessionOf, checkpointInScope, sendHtml, headerOf });
  registerTracingRoutes(web, deps, { sessionOf, checkpointInScope, sendHtml, headerOf });

  web.get('/checkpoints/:checkpointId/entries', async (request, reply) => {
    const found = await checkpointInScope(request, reply);
    if (!found) return reply;
    const params = parseEntryListParams(fieldsOf(request.query), deps.now(), time);
    const rows = await deps.store.entryQueries.listEntries({ checkpointId: found.checkpoint.checkpointId, ...params, ...listRange(params, time), limit: PAGE_SIZE });
    const hostNames = await deps.store.hosts.hostNames(found.checkpoint.buildingId, [...new Set(rows.flatMap((r) => (r.hostId === null ? [] : [r.hostId])))]);
    const body = entryListBody(found.checkpoint.checkpointId, params, rows, { time, hostNames, csrfToken: found.session.csrfToken });
    return sendHtml(reply, 200, page(`Danh sách · ${found.checkpoint.name}`, body, headerOf(found.session, 'checkpoints')));
  });

  web.get('/checkpoints/:checkpointId', async (request, reply) => {
    const found = await checkpointInScope(request, reply);
    if (!found) return reply;
    const { session, checkpoint } = found;
    const directions = checkpoint.directions.map((d) => (d === 'in' ? 'Vào' : 'Ra')).join(', ');
    const base = `/admin-web/checkpoints/${encodeURIComponent(checkpoint.checkpointId)}`;
    return sendHtml(
      reply,
      200,
      page(checkpoint.name, html`<dl class="facts card"><dt>Loại</dt><dd>${KIND_NAMES[checkpoint.kind] ?? checkpoint.kind}</dd><dt>Tòa nhà</dt><dd>${checkpoint.buildingName}</dd><dt>Địa chỉ</dt><dd>${checkpoint.address}</dd><dt>Hướng</dt><dd>${directions}</dd><dt>Mã</dt><dd><code>${checkpoint.checkpointId}</code></dd></dl>
<ul class="actions"><li><a class="button" href="${base}/entries">Danh sách</a></li><li><a class="button" href="${base}/stats">Thống kê</a></li><li><a class="button button--quiet" href="/admin-web/fleet?checkpoint=${encodeURIComponent(checkpoint.checkpointId)}">Thiết bị</a></li></ul>
${posterLinks(checkpoint.checkpointId, deps.config.publicBaseUrl)}`, headerOf(session, 'checkpoints')),
    );
  });

  const tools: AdminWebTools = { sessionOf, sendHtml, headerOf, checkpointInScope };
  registerPosterRoutes(web, deps, tools);
  registerFleetRoutes(web, deps, tools);
  registerDccSignerWebRoutes(web, deps, tools);
  registerDccValueSetWebRoutes(web, deps, tools);
}
