/**
 * The page's static script and stylesheet, read once at start from ./assets (in dist/, scripts/build.mjs copies them
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

export interface DeclarationAssets {
  readonly version: string;
  readonly files: ReadonlyMap<string, StaticAsset>;
}

function asset(name: string, type: string): StaticAsset {
  const body = readFileSync(new URL(`./assets/${name}`, import.meta.url));
  return { type, body, gzipped: gzipSync(body, { level: 9 }) };
}

export function loadDeclarationAssets(): DeclarationAssets {
  const files = new Map([
    ['/declare.js', asset('declare.js', 'text/javascript; charset=utf-8')],
    ['/declare.css', asset('declare.css', 'text/css; charset=utf-8')],
    // Loaded by the page only after a declaration is issued (scripts/bundle-qrcode.mjs).
    ['/qrcode.js', asset('qrcode.min.js', 'text/javascript; charset=utf-8')],
    // The service worker: at a fixed address (its scope is /), not cached long (declaration-routes.ts).
    [SERVICE_WORKER_PATH, asset('sw.js', 'text/javascript; charset=utf-8')],
  ]);
  const hash = createHash('sha256');
  for (const f of files.values()) hash.update(f.body);
  return { version: hash.digest('hex').slice(0, 12), files };
}

/** True when the client accepts gzip (every phone browser does). */
export function acceptsGzip(acceptEncoding: string | string[] | undefined): boolean {
  return typeof acceptEncoding === 'string' && /\bgzip\b/.test(acceptEncoding);
}
