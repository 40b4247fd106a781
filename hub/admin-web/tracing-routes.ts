/**
 * Person search and contact tracing (audited before they run), their exports, and the audit page. Open only to
 * sessions with tracing rights (signed in with the second factor): an organisation's accounts trace within their own
 * scope, a health authority across every checkpoint of the organisations in its area (admin-scope.ts). Every query
 * is appended to the audit log with its reason and the organisations it touched; each of those organisations' admins
 * sees it on their audit page, and the authority sees its own.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { HubDependencies } from '../http/hub-dependencies.js';
import { findVisits, traceContacts } from '../service/contact-tracing.js';
import { organisationOf, subjectFromPairs, subjectInScope } from '../service/tracing-subject.js';
import type { TracingAction, TracingAuditRecord } from '../storage/tracing-audit.js';
import { notice, page } from './admin-html.js';
import { localTime } from './local-time.js';
import { organisationsOf, traceableCheckpoints } from './admin-scope.js';
import type { AdminSession } from './admin-sessions.js';
import type { AdminWebContext } from './admin-web-context.js';
import { FORMATS, sendExport } from './analytics-routes.js';
import { auditBody, parseTracingForm, tracingFormBody, tracingPeriod, tracingResultBody, tracingTable, type TracingMode } from './tracing-page.js';
import { pathParam } from './admin-web-tools.js';

export function registerTracingRoutes(web: FastifyInstance, deps: HubDependencies, ctx: AdminWebContext): void {
  const time = localTime(deps.config.timeZone);
  const forbidden = (reply: FastifyReply, session: AdminSession, message: string) => ctx.sendHtml(reply, 403, page('Không được phép', notice('error', message), ctx.headerOf(session)));
  const NO_RIGHTS = 'Tài khoản này không có quyền truy vết. Nhờ quản trị hub cấp quyền (create-admin --tracing), kèm xác thực hai lớp.';

  /** The session with tracing rights, or the answer already sent (login redirect or 403). */
  const tracer = async (request: FastifyRequest, reply: FastifyReply): Promise<AdminSession | undefined> => {
    const session = ctx.sessionOf(request);
    if (!session) return void (await reply.redirect('/admin-web/login', 303));
    if (session.canTrace) return session;
    deps.logger.warn('admin-tracing-refused', { username: session.username });
    return void (await forbidden(reply, session, NO_RIGHTS));
  };

  const title = (session: AdminSession) => (session.role === 'health-authority' ? `Truy vết theo địa bàn ${session.scopeId}` : 'Truy vết tiếp xúc');

  /** Runs one query for the session, written to the audit log first (a failed query stays logged). */
  const audited = async (
    session: AdminSession,
    action: TracingAction,
    mode: TracingMode,
    record: Pick<TracingAuditRecord, 'subjectHmacs' | 'periodFrom' | 'periodTo' | 'windowMinutes' | 'reason'>,
    scope?: Awaited<ReturnType<typeof traceableCheckpoints>>,
  ) => {
    const checkpoints = scope ?? (await traceableCheckpoints(deps.store.registry, session));
    const touched = organisationsOf(checkpoints);
    const auditId = await deps.store.tracingAudit.append({
      askedAt: deps.now(), action, username: session.username, role: session.role, scopeId: session.scopeId,
      organisationId: await organisationOf(deps.store, session), touchedOrganisations: touched,
      subjectHmacs: record.subjectHmacs, periodFrom: record.periodFrom, periodTo: record.periodTo, windowMinutes: record.windowMinutes, reason: record.reason,
    });
    deps.logger.info('contact-tracing', { auditId, action, username: session.username, organisations: touched.length });
    const request = { subjectHmacs: subjectFromPairs(record.subjectHmacs).hmacs, checkpointIds: checkpoints.map((c) => c.checkpointId), from: record.periodFrom, to: record.periodTo };
    const traced = mode === 'search' ? await findVisits(deps.store.analytics, request) : await traceContacts(deps.store.analytics, { ...request, windowMs: record.windowMinutes * 60_000 });
    const names = new Map((await deps.store.registry.organisations()).map((o) => [o.organisationId, o.name]));
    return { auditId, traced, checkpoints, organisations: touched.length, table: tracingTable(traced, checkpoints, time, names) };
  };

  web.get('/tracing', async (request, reply) => {
    const session = await tracer(request, reply);
    if (!session) return reply;
    return ctx.sendHtml(reply, 200, page(title(session), tracingFormBody(session.csrfToken, deps.now(), time), ctx.headerOf(session, 'tracing')));
  });

  web.post('/tracing', async (request, reply) => {
    const session = await tracer(request, reply);
    if (!session) return reply;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const form = parseTracingForm(body);
    if ('error' in form) return ctx.sendHtml(reply, 400, page(title(session), tracingFormBody(session.csrfToken, deps.now(), time, form.error), ctx.headerOf(session, 'tracing')));
    const scope = await traceableCheckpoints(deps.store.registry, session);
    const subject = await subjectInScope(deps.store, scope, form.idNumber);
    const period = tracingPeriod(form.fromDay, form.toDay, time);
    const record = { subjectHmacs: subject.pairs, periodFrom: period.from, periodTo: period.to, windowMinutes: form.windowMinutes, reason: form.reason };
    const result = await audited(session, form.mode, form.mode, record, scope);
    return ctx.sendHtml(reply, 200, page(title(session), tracingResultBody(result.auditId, result.traced, result.table, form, { checkpoints: result.checkpoints.length, organisations: result.organisations }), ctx.headerOf(session, 'tracing')));
  });

  for (const format of FORMATS) {
    /** Re-runs an audited query of the same user (the ID number is not kept, the HMACs are) and logs the export. */
    web.get(`/tracing/:auditId/export.${format}`, async (request, reply) => {
      const session = await tracer(request, reply);
      if (!session) return reply;
      const auditId = Number(pathParam(request, 'auditId'));
      const record = Number.isSafeInteger(auditId) ? await deps.store.tracingAudit.byId(auditId) : undefined;
      if (!record || (record.action !== 'trace' && record.action !== 'search') || record.username !== session.username) {
        return forbidden(reply, session, 'Chỉ người đã truy vết mới xuất được kết quả này.');
      }
      const result = await audited(session, `export-${format}`, record.action, record);
      return sendExport(reply, format, `truy-vet-${record.auditId}`, [result.table]);
    });
  }

  web.get('/audit', async (request, reply) => {
    const session = ctx.sessionOf(request);
    if (!session) return reply.redirect('/admin-web/login', 303);
    let records: TracingAuditRecord[];
    if (session.role === 'organisation-admin') records = await deps.store.tracingAudit.forOrganisation(session.scopeId, 500);
    else if (session.role === 'health-authority') records = await deps.store.tracingAudit.forAskerScope(session.role, session.scopeId, 500);
    else return forbidden(reply, session, 'Chỉ quản trị tổ chức xem được nhật ký truy vết.');
    return ctx.sendHtml(reply, 200, page('Nhật ký truy vết', auditBody(records, time), ctx.headerOf(session, 'audit')));
  });
}
