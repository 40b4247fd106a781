/**
 * What the admin web's route modules share, handed over by registerAdminWebRoutes: the session of a request, the
 * HTML sender (status + CSP headers come from the admin-web hooks), the page header, and the scope check of a `:checkpointId` route.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VisibleCheckpoint } from './admin-scope.js';
import type { AdminSession } from './admin-sessions.js';
import type { NavSection, RawHtml } from './admin-html.js';

export interface AdminWebTools {
  sessionOf(request: FastifyRequest): AdminSession | undefined;
  sendHtml(reply: FastifyReply, status: number, body: string): FastifyReply;
  /** Navigation, account and logout form at the top of every page. */
  headerOf(session: AdminSession, section?: NavSection): RawHtml;
  /** The session and the URL's checkpoint; undefined when the answer was already sent (login redirect or 403). */
  checkpointInScope(request: FastifyRequest, reply: FastifyReply): Promise<{ session: AdminSession; checkpoint: VisibleCheckpoint } | undefined>;
}

/**
 * The fields of a parsed form, query string or path (the admin web's forms have no JSON schema: a missing or odd
 * field is answered in the page): an object's own fields; anything else, such as a POST without a body, has none.
 */
export function fieldsOf(value: unknown): Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null ? Object.fromEntries(Object.entries(value)) : {};
}

/** A path parameter (`:name`) of the route; '' when the route has none of that name. */
export function pathParam(request: FastifyRequest, name: string): string {
  const value = fieldsOf(request.params)[name];
  return typeof value === 'string' ? value : '';
}

/** "3 phút", "2 giờ", "5 ngày": a duration for tables. */
export function durationVi(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 60) return `${minutes} phút`;
  if (minutes < 48 * 60) return `${Math.round(minutes / 60)} giờ`;
  return `${Math.round(minutes / 1440)} ngày`;
}
