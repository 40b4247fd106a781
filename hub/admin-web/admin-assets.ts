/**
 * Static files of the admin web, served from dist/admin-web/ (scripts/build.mjs bundles the chart script with uPlot
 * and copies uPlot's stylesheet and the admin web's own, hub/admin-web/client/admin.css, there): same origin, so the strict CSP (script-src 'self') allows them; no CDN.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

const ASSETS: Readonly<Record<string, string>> = {
  'admin.css': 'text/css; charset=utf-8',
  'stats-charts.js': 'text/javascript; charset=utf-8',
  'uplot.min.css': 'text/css; charset=utf-8',
  'stats-charts.js.map': 'application/json',
};

/** The folder holding package.json named gate-terminal: from hub/admin-web/ (sources) or dist/ (bundle). */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'gate-terminal') return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the gate-terminal package root');
    dir = parent;
  }
}

export function registerAdminAssets(web: FastifyInstance): void {
  const folder = join(packageRoot(), 'dist', 'admin-web');
  web.get('/assets/:file', (request, reply) => {
    const { file } = request.params as { file: string };
    const type = Object.hasOwn(ASSETS, file) ? ASSETS[file] : undefined;
    if (!type) return reply.code(404).type('text/plain; charset=utf-8').send('no such asset');
    const path = join(folder, file);
    if (!existsSync(path)) return reply.code(500).type('text/plain; charset=utf-8').send(`${path} is missing: run node scripts/build.mjs`);
    return reply.header('cache-control', 'public, max-age=3600').type(type).send(readFileSync(path));
  });
}
