/**
 * Static files of the admin web, served by `@fastify/static` from dist/admin-web/ (scripts/build.mjs bundles the chart
 * script with uPlot and copies uPlot's stylesheet and the admin web's own, hub/admin-web/client/admin.css, there): same
 * origin, so the strict CSP (script-src 'self') allows them; no CDN.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
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

/** Serves the listed files only (`allowedPath`), with `@fastify/static` (ranges, ETag, conditional requests). */
export async function registerAdminAssets(web: FastifyInstance): Promise<void> {
  const root = join(packageRoot(), 'dist', 'admin-web');
  if (!existsSync(root)) throw new Error(`${root} is missing: run node scripts/build.mjs`);
  await web.register(fastifyStatic, {
    root,
    prefix: '/assets/',
    decorateReply: false,
    index: false,
    list: false,
    allowedPath: (path) => Object.hasOwn(ASSETS, path.replace(/^\//, '')),
    maxAge: 3_600_000,
    setHeaders: (reply, path) => {
      void reply.header('content-type', ASSETS[path.slice(path.lastIndexOf('/') + 1)] ?? 'application/octet-stream');
    },
  });
}
