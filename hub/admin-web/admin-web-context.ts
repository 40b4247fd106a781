/** What the admin web's route modules share from admin-web-routes.ts: sessions, the scope check and page sending. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { NavSection, RawHtml } from './admin-html.js';
import type { VisibleCheckpoint } from './admin-scope.js';
import type { AdminSession } from './admin-sessions.js';

export interface AdminWebContext {
  sessionOf(request: FastifyRequest): AdminSession | undefined;
  /** The session and the URL's checkpoint, or undefined when the answer was already sent (login redirect or 403). */
  checkpointInScope(request: FastifyRequest, reply: FastifyReply): Promise<{ session: AdminSession; checkpoint: VisibleCheckpoint } | undefined>;
  sendHtml(reply: FastifyReply, status: number, body: string): FastifyReply;
  headerOf(session: AdminSession, section?: NavSection): RawHtml;
}

/** A YYYY-MM-DD query value, or undefined when absent or malformed. */
export function dateParam(value: unknown): string | undefined {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ? value : undefined;
}
