/**
 * Poster downloads of a checkpoint (PDF to print, PNG of the QR), behind the same scope check as every admin page:
 * a manager of another department gets 403 and no poster. The QR points at `${publicBaseUrl}/c/<checkpointId>`;
 * without `publicBaseUrl` in the hub config, at the address the admin's browser used to reach the hub.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { HubDependencies } from '../http/hub-http.js';
import { checkpointQrUrl, renderPosterPdf, renderPosterPng } from '../posters/checkpoint-poster.js';
import { html, type RawHtml } from './admin-html.js';
import type { AdminWebTools } from './admin-web-tools.js';

export function posterLinks(checkpointId: string): RawHtml {
  const base = `/admin-web/checkpoints/${encodeURIComponent(checkpointId)}`;
  return html`<p>Áp phích / Poster: <a href="${base}/poster.pdf" download>PDF (in / print)</a> · <a href="${base}/poster.png" download>PNG (mã QR)</a></p>`;
}

export function publicBase(deps: HubDependencies, request: FastifyRequest): string {
  return deps.config.publicBaseUrl ?? `${request.protocol}://${request.host}`;
}

export function registerPosterRoutes(web: FastifyInstance, deps: HubDependencies, tools: AdminWebTools): void {
  web.get('/checkpoints/:checkpointId/poster.pdf', async (request, reply) => {
    const found = await tools.checkpointInScope(request, reply);
    if (!found) return reply;
    const { checkpoint } = found;
    const pdf = await renderPosterPdf({ ...checkpoint }, checkpointQrUrl(publicBase(deps, request), checkpoint.checkpointId));
    return reply.type('application/pdf').header('content-disposition', `attachment; filename="poster-${checkpoint.checkpointId}.pdf"`).send(pdf);
  });

  web.get('/checkpoints/:checkpointId/poster.png', async (request, reply) => {
    const found = await tools.checkpointInScope(request, reply);
    if (!found) return reply;
    const png = await renderPosterPng(checkpointQrUrl(publicBase(deps, request), found.checkpoint.checkpointId));
    return reply.type('image/png').header('content-disposition', `attachment; filename="poster-${found.checkpoint.checkpointId}.png"`).send(png);
  });
}
