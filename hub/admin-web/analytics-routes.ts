/**
 * Admin web routes of issue 8's analysis side: statistics (page + CSV/XLSX), Danh sách export and the ID-number
 * search. Contact tracing, person search across a scope and the audit page are in tracing-routes.ts.
 * Every checkpoint route goes through the same scope check as the entries list (403 outside the account's scope).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { HubDependencies } from '../http/hub-dependencies.js';
import { checkIdNumber, ID_NUMBER_PROBLEM_TEXT } from '../../core/index.js';
import { entrySubjectHmacsOf } from '../crypto/hub-crypto.js';
import { bilingual, html, notice, page } from './admin-html.js';
import { registerAdminAssets } from './admin-assets.js';
import type { AdminWebContext } from './admin-web-context.js';
import { fieldsOf } from './admin-web-tools.js';
import { entryExportTable, EXPORT_MAX_ROWS } from './entry-export.js';
import { filterQuery, listRange, parseEntryListParams } from './entry-list-page.js';
import { attachment, csvOf, CSV_TYPE, xlsxOf, XLSX_TYPE, type ExportTable } from './export-files.js';
import { localTime } from './local-time.js';
import { loadStats, parseStatsParams, statsBody, statsTables } from './stats-page.js';

export type Format = 'csv' | 'xlsx';
export const FORMATS: readonly Format[] = ['csv', 'xlsx'];

export async function sendExport(reply: FastifyReply, format: Format, fileName: string, tables: readonly ExportTable[]): Promise<FastifyReply> {
  const body = format === 'csv' ? csvOf(tables) : await xlsxOf(tables);
  return reply.header('content-disposition', attachment(`${fileName}.${format}`)).type(format === 'csv' ? CSV_TYPE : XLSX_TYPE).send(body);
}

export function registerAnalyticsRoutes(web: FastifyInstance, deps: HubDependencies, ctx: AdminWebContext): void {
  void web.register(registerAdminAssets);
  const time = localTime(deps.config.timeZone);

  web.get('/checkpoints/:checkpointId/stats', async (request, reply) => {
    const found = await ctx.checkpointInScope(request, reply);
    if (!found) return reply;
    const params = parseStatsParams(fieldsOf(request.query), deps.now(), time);
    const stats = await loadStats(deps.store.analytics, found.checkpoint.checkpointId, params, deps.now(), time);
    return ctx.sendHtml(reply, 200, page(`Thống kê · ${found.checkpoint.name}`, statsBody(found.checkpoint.checkpointId, found.checkpoint.name, stats, time), ctx.headerOf(found.session, 'checkpoints')));
  });

  for (const format of FORMATS) {
    web.get(`/checkpoints/:checkpointId/stats.${format}`, async (request, reply) => {
      const found = await ctx.checkpointInScope(request, reply);
      if (!found) return reply;
      const params = parseStatsParams(fieldsOf(request.query), deps.now(), time);
      const stats = await loadStats(deps.store.analytics, found.checkpoint.checkpointId, params, deps.now(), time);
      return sendExport(reply, format, `thong-ke-${found.checkpoint.checkpointId}-${params.day}`, statsTables(found.checkpoint.name, stats, time));
    });

    web.get(`/checkpoints/:checkpointId/entries.${format}`, async (request, reply) => {
      const found = await ctx.checkpointInScope(request, reply);
      if (!found) return reply;
      const params = parseEntryListParams(fieldsOf(request.query), deps.now(), time);
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
    const building = await deps.store.buildings.building(found.checkpoint.buildingId);
    if (building) query.set('subject', entrySubjectHmacsOf(await deps.store.secrets.identityKey(), building.subjectKey, checked.idNumber).join('.'));
    else query.delete('subject');
    return reply.redirect(`/admin-web/checkpoints/${encodeURIComponent(found.checkpoint.checkpointId)}/entries?${query.toString()}`, 303);
  });
}
