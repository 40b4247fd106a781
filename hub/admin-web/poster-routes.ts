/**
 * Poster downloads of a checkpoint (PDF to print, PNG of the same poster), behind the same scope check as every admin
 * page: a manager of another department gets 403 and no poster. The QR points at `${publicBaseUrl}/c/<checkpointId>`.
 * Without `publicBaseUrl`, or with a loopback one (localhost, 127.x, ::1), no poster is made: its QR would send
 * phones to an address they cannot reach. The checkpoint page says so in place of the links, and the download
 * answers 409 with the same message and what to put in the hub config.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { HubDependencies } from '../http/hub-dependencies.js';
import { checkpointQrUrl, renderPosterPdf, renderPosterPng } from '../posters/checkpoint-poster.js';
import { html, notice, page, type RawHtml } from './admin-html.js';
import type { AdminWebTools } from './admin-web-tools.js';

const LOOPBACK = /^(localhost|.*\.localhost|127(\.\d{1,3}){3}|\[::1\]|\[0:0:0:0:0:0:0:1\]|0\.0\.0\.0|\[::\])$/i;

/** Why no poster can be made with this public URL (Vietnamese, then English), or undefined when it can. */
export function posterUrlProblem(publicBaseUrl: string | undefined): RawHtml | undefined {
  const fix = html`Thêm vào cấu hình hub (config/hub.yaml) địa chỉ mà điện thoại truy cập được, ví dụ <code>publicBaseUrl: https://khaibao.example.vn</code>, rồi khởi động lại hub. <span class="en" lang="en">Add the address phones can reach to the hub config, e.g. <code>publicBaseUrl: https://khaibao.example.vn</code>, and restart the hub.</span>`;
  if (!publicBaseUrl) {
    return html`<strong>Chưa in được áp phích: hub chưa có địa chỉ công khai (publicBaseUrl).</strong> <span class="en" lang="en">No poster yet: the hub has no public address (publicBaseUrl).</span><br>${fix}`;
  }
  if (LOOPBACK.test(new URL(publicBaseUrl).hostname)) {
    return html`<strong>Chưa in được áp phích: địa chỉ công khai ${publicBaseUrl} chỉ dùng được trên chính máy chủ này, điện thoại quét mã sẽ không mở được.</strong> <span class="en" lang="en">No poster: ${publicBaseUrl} is a loopback address that phones cannot reach.</span><br>${fix}`;
  }
  return undefined;
}

export function posterLinks(checkpointId: string, publicBaseUrl: string | undefined): RawHtml {
  const problem = posterUrlProblem(publicBaseUrl);
  if (problem) return html`<section id="posters"><h2>Áp phích / Poster</h2>${notice('warn', problem)}</section>`;
  const base = `/admin-web/checkpoints/${encodeURIComponent(checkpointId)}`;
  return html`<section id="posters"><h2>Áp phích / Poster</h2><p>Mã QR dẫn tới <code>${checkpointQrUrl(publicBaseUrl!, checkpointId)}</code></p>
<ul class="actions"><li><a class="button" href="${base}/poster.pdf" download>PDF (in / print)</a></li><li><a class="button button--quiet" href="${base}/poster.png" download>PNG (ảnh / image)</a></li></ul></section>`;
}

export function registerPosterRoutes(web: FastifyInstance, deps: HubDependencies, tools: AdminWebTools): void {
  for (const format of ['pdf', 'png'] as const) {
    web.get(`/checkpoints/:checkpointId/poster.${format}`, async (request, reply: FastifyReply) => {
      const found = await tools.checkpointInScope(request, reply);
      if (!found) return reply;
      const { checkpoint, session } = found;
      const base = deps.config.publicBaseUrl;
      const problem = posterUrlProblem(base);
      if (problem) {
        deps.logger.warn('poster-refused', { checkpointId: checkpoint.checkpointId, publicBaseUrl: base ?? null });
        return tools.sendHtml(reply, 409, page('Áp phích', html`${notice('error', problem)}<p><a href="/admin-web/checkpoints/${encodeURIComponent(checkpoint.checkpointId)}">Quay lại điểm kiểm soát</a></p>`, tools.headerOf(session, 'checkpoints')));
      }
      const url = checkpointQrUrl(base!, checkpoint.checkpointId);
      const body = format === 'pdf' ? await renderPosterPdf({ ...checkpoint }, url) : await renderPosterPng({ ...checkpoint }, url);
      return reply
        .type(format === 'pdf' ? 'application/pdf' : 'image/png')
        .header('content-disposition', `attachment; filename="poster-${checkpoint.checkpointId}.${format}"`)
        .send(body);
    });
  }
}
