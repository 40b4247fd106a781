/**
 * Admin web routes of issue 8's analysis side: statistics (page + CSV/XLSX), Danh sách export and the ID-number
 * search, contact tracing (audited before it runs) with its exports, and the audit page for organisation admins.
 * Every checkpoint route goes through the same scope check as the entries list (403 outside the account's scope).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { HubDependencies } from '../http/hub-http.js';
import { traceContacts } from '../service/contact-tracing.js';
import { organisationOf, subjectFromPairs, subjectInScope } from '../service/tracing-subject.js';
import { checkIdNumber, ID_NUMBER_PROBLEM_TEXT } from '../../core/index.js';
import { entrySubjectHmacsOf } from '../crypto/hub-crypto.js';
import type { TracingAction } from '../storage/tracing-audit.js';
import { bilingual, html, notice, page } from './admin-html.js';
import { registerAdminAssets } from './admin-assets.js';
import { visibleCheckpoints } from './admin-scope.js';
import type { AdminSession } from './admin-sessions.js';
import type { AdminWebContext } from './admin-web-context.js';
import { entryExportTable, EXPORT_MAX_ROWS } from './entry-export.js';
import { filterQuery, listRange, parseEntryListParams } from './entry-list-page.js';
import { attachment, csvOf, CSV_TYPE, xlsxOf, XLSX_TYPE, type ExportTable } from './export-files.js';
import { localTime } from './local-time.js';
import { loadStats, parseStatsParams, statsBody, statsTables } from './stats-page.js';
import { auditBody, parseTracingForm, tracingFormBody, tracingPeriod, tracingResultBody, tracingTable } from './tracing-page.js';

type Format = 'csv' | 'xlsx';
const FORMATS: readonly Format[] = ['csv', 'xlsx'];

async function sendExport(reply: FastifyReply, format: Format, fileName: string, tables: readonly ExportTable[]): Promise<FastifyReply> {
  const body = format === 'csv' ? csvOf(tables) : await xlsxOf(tables);
  return reply.header('content-disposition', attachment(`${fileName}.${format}`)).type(format === 'csv' ? CSV_TYPE : XLSX_TYPE).send(body);
}

export function registerAnalyticsRoutes(web: FastifyInstance, deps: HubDependencies, ctx: AdminWebContext): void {
  void web.register(registerAdminAssets);
  const time = localTime(deps.config.timeZone);
  const forbidden = (reply: FastifyReply, session: AdminSession, message: string) => ctx.sendHtml(reply, 403, page('Không được phép', notice('error', message), ctx.headerOf(session)));

  web.get('/checkpoints/:checkpointId/stats', async (request, reply) => {
    const found = await ctx.checkpointInScope(request, reply);
    if (!found) return reply;
    const params = parseStatsParams(request.query as Record<string, unknown>, deps.now(), time);
    const stats = await loadStats(deps.store.analytics, found.checkpoint.checkpointId, params, deps.now(), time);
    return ctx.sendHtml(reply, 200, page(`Thống kê · ${found.checkpoint.name}`, statsBody(found.checkpoint.checkpointId, found.checkpoint.name, stats, time), ctx.headerOf(found.session, 'checkpoints')));
  });

  for (const format of FORMATS) {
    web.get(`/checkpoints/:checkpointId/stats.${format}`, async (request, reply) => {
      const found = await ctx.checkpointInScope(request, reply);
      if (!found) return reply;
      const params = parseStatsParams(request.query as Record<string, unknown>, deps.now(), time);
      const stats = await loadStats(deps.store.analytics, found.checkpoint.checkpointId, params, deps.now(), time);
      return sendExport(reply, format, `thong-ke-${found.checkpoint.checkpointId}-${params.day}`, statsTables(found.checkpoint.name, stats, time));
    });

    web.get(`/checkpoints/:checkpointId/entries.${format}`, async (request, reply) => {
      const found = await ctx.checkpointInScope(request, reply);
      if (!found) return reply;
      const params = parseEntryListParams(request.query as Record<string, unknown>, deps.now(), time);
      const { after: _ignored, ...filters } = params;
      const table = await entryExportTable(deps.store.entryQueries, { checkpointId: found.checkpoint.checkpointId, ...filters, ...listRange(params, time) }, found.checkpoint.name, time);
      deps.logger.info('admin-export', { username: found.session.username, checkpointId: found.checkpoint.checkpointId, format, rows: table.rows.length, capped: table.rows.length >= EXPORT_MAX_ROWS });
      return sendExport(reply, format, `danh-sach-${found.checkpoint.checkpointId}-${params.day}`, [table]);
    });
  }

  /** ID-number search: the number arrives in a POST body and leaves only as its HMAC in the redirect's URL. */
  web.post('/checkpoints/:checkpointId/entries/person', async (request, reply) => {
    const found = await ctx.checkpointInScope(request, reply);
    if (!found) return reply;
    const form = (request.body ?? {}) as Record<string, unknown>;
    const filters = Object.fromEntries(new URLSearchParams(typeof form.filters === 'string' ? form.filters : ''));
    const query = filterQuery(parseEntryListParams(filters, deps.now(), time));
    const checked = checkIdNumber(typeof form.idNumber === 'string' ? form.idNumber : '');
    const back = `/admin-web/checkpoints/${encodeURIComponent(found.checkpoint.checkpointId)}/entries?${query.toString()}`;
    if (!checked.ok) {
      // Refused with its reason; the typed text is neither echoed, logged nor put into a URL.
      const text = ID_NUMBER_PROBLEM_TEXT[checked.problem];
      return ctx.sendHtml(reply, 400, page('Tìm theo số giấy tờ', html`${notice('error', bilingual(text.vi, text.en))}<p><a href="${back}">Quay lại Danh sách / Back to the list</a></p>`, ctx.headerOf(found.session, 'checkpoints')));
    }
    const building = await deps.store.building(found.checkpoint.buildingId);
    if (building) query.set('subject', entrySubjectHmacsOf(await deps.store.secrets.identityKey(), building.subjectKey, checked.idNumber).join('.'));
    else query.delete('subject');
    return reply.redirect(`/admin-web/checkpoints/${encodeURIComponent(found.checkpoint.checkpointId)}/entries?${query.toString()}`, 303);
  });

  web.get('/tracing', async (request, reply) => {
    const session = ctx.sessionOf(request);
    if (!session) return reply.redirect('/admin-web/login', 303);
    return ctx.sendHtml(reply, 200, page('Truy vết tiếp xúc', tracingFormBody(session.csrfToken, deps.now(), time), ctx.headerOf(session, 'tracing')));
  });

  /** Runs one tracing query for the session and writes it to the audit log first (a failed query stays logged). */
  const audited = async (session: AdminSession, action: TracingAction, subjectPairs: string, period: { from: number; to: number }, windowMinutes: number, reason: string) => {
    const checkpoints = await visibleCheckpoints(deps.store.registry, session.role, session.scopeId);
    const auditId = await deps.store.tracingAudit.append({
      askedAt: deps.now(), action, username: session.username, role: session.role, scopeId: session.scopeId,
      organisationId: await organisationOf(deps.store, session), subjectHmacs: subjectPairs, periodFrom: period.from, periodTo: period.to, windowMinutes, reason,
    });
    deps.logger.info('contact-tracing', { auditId, action, username: session.username });
    const traced = await traceContacts(deps.store.analytics, {
      subjectHmacs: subjectFromPairs(subjectPairs).hmacs, checkpointIds: checkpoints.map((c) => c.checkpointId), ...period, windowMs: windowMinutes * 60_000,
    });
    return { auditId, traced, table: tracingTable(traced, checkpoints, time) };
  };

  web.post('/tracing', async (request, reply) => {
    const session = ctx.sessionOf(request);
    if (!session) return reply.redirect('/admin-web/login', 303);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const form = parseTracingForm(body);
    if ('error' in form) return ctx.sendHtml(reply, 400, page('Truy vết tiếp xúc', tracingFormBody(session.csrfToken, deps.now(), time, form.error), ctx.headerOf(session, 'tracing')));
    const checkpoints = await visibleCheckpoints(deps.store.registry, session.role, session.scopeId);
    const subject = await subjectInScope(deps.store, checkpoints, form.idNumber);
    const result = await audited(session, 'trace', subject.pairs, tracingPeriod(form.fromDay, form.toDay, time), form.windowMinutes, form.reason);
    return ctx.sendHtml(reply, 200, page('Truy vết tiếp xúc', tracingResultBody(result.auditId, result.traced, result.table, form), ctx.headerOf(session, 'tracing')));
  });

  for (const format of FORMATS) {
    /** Re-runs an audited query of the same user (the ID number is not kept, the HMACs are) and logs the export. */
    web.get(`/tracing/:auditId/export.${format}`, async (request, reply) => {
      const session = ctx.sessionOf(request);
      if (!session) return reply.redirect('/admin-web/login', 303);
      const auditId = Number((request.params as { auditId: string }).auditId);
      const record = Number.isSafeInteger(auditId) ? await deps.store.tracingAudit.byId(auditId) : undefined;
      if (!record || record.action !== 'trace' || record.username !== session.username) return forbidden(reply, session, 'Chỉ người đã truy vết mới xuất được kết quả này.');
      const result = await audited(session, `export-${format}`, record.subjectHmacs, { from: record.periodFrom, to: record.periodTo }, record.windowMinutes, record.reason);
      return sendExport(reply, format, `truy-vet-${record.auditId}`, [result.table]);
    });
  }

  web.get('/audit', async (request, reply) => {
    const session = ctx.sessionOf(request);
    if (!session) return reply.redirect('/admin-web/login', 303);
    if (session.role !== 'organisation-admin') return forbidden(reply, session, 'Chỉ quản trị tổ chức xem được nhật ký truy vết.');
    const records = await deps.store.tracingAudit.forOrganisation(session.scopeId, 500);
    return ctx.sendHtml(reply, 200, page('Nhật ký truy vết', auditBody(records, time), ctx.headerOf(session, 'audit')));
  });
}
