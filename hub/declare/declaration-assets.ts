/**
 * The page's static script, service worker and QR encoder, and its stylesheet (inlined), read once at start from ./assets (in dist/, scripts/build.mjs copies them
 * next to the hub bundle, so the same relative URL works there), gzipped once, and versioned by content hash (the
 * service worker gets the version as ?v= and keeps the files of that version).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

export const SERVICE_WORKER_PATH = '/sw.js';

export interface StaticAsset {
  readonly type: string;
  readonly body: Buffer;
  readonly gzipped: Buffer;
}

/**
 * The stylesheet goes inside the page (a <style> allowed by its hash in the CSP, no 'unsafe-inline'): a linked one is
 * render-blocking and costs the first visit a second round trip before anything paints — ~0.6 s on a real 3G line.
 */
export interface InlineStyle {
  readonly css: string;
  /** The CSP source for it: 'sha256-<base64>'. */
  readonly cspSource: string;
}

export interface DeclarationAssets {
  readonly version: string;
  readonly files: ReadonlyMap<string, StaticAsset>;
  readonly style: InlineStyle;
}

function asset(name: string, type: string): StaticAsset {
  const body = readFileSync(new URL(`./assets/${name}`, import.meta.url));
  return { type, body, gzipped: gzipSync(body, { level: 9 }) };
}

export function loadDeclarationAssets(): DeclarationAssets {
  const files = new Map([
    ['/declare.js', asset('declare.js', 'text/javascript; charset=utf-8')],
    // Loaded by the page only after a declaration is issued (scripts/bundle-qrcode.mjs).
    ['/qrcode.js', asset('qrcode.min.js', 'text/javascript; charset=utf-8')],
    // The service worker: at a fixed address (its scope is /), not cached long (declaration-routes.ts).
    [SERVICE_WORKER_PATH, asset('sw.js', 'text/javascript; charset=utf-8')],
  ]);
  const style = declarationPageStyle();
  const hash = createHash('sha256');
  for (const f of files.values()) hash.update(f.body);
  return { version: hash.update(style.css).digest('hex').slice(0, 12), files, style };
}

/** The page's stylesheet and its CSP source (hub-http.ts gives helmet the CSP; the routes put the sheet in the page). */
export function declarationPageStyle(): InlineStyle {
  const css = readFileSync(new URL('./assets/declare.css', import.meta.url), 'utf8').trim();
  return { css, cspSource: `'sha256-${createHash('sha256').update(css, 'utf8').digest('base64')}'` };
}

/** True when the client accepts gzip (every phone browser does). */
export function acceptsGzip(acceptEncoding: string | string[] | undefined): boolean {
  return typeof acceptEncoding === 'string' && /\bgzip\b/.test(acceptEncoding);
}
