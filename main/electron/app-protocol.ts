/**
 * Serves the renderer from `gate://app/` instead of file:// (so the page has a real origin, a CSP header, and no
 * access to the file system), reading only from the built renderer folder.
 */
import { contentSecurityPolicy, SECURITY_HEADERS } from '../host/content-security-policy.js';
import { readStaticFile } from '../host/static-files.js';
import { APP_SCHEME } from './window-options.js';

export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: false, stream: false, codeCache: true },
};

export function appProtocolHandler(rendererDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'app' || request.method !== 'GET') return new Response('not found', { status: 404 });
    const file = await readStaticFile(rendererDir, url.pathname);
    if (!file) return new Response('not found', { status: 404 });
    const headers: Record<string, string> = { 'Content-Type': file.contentType, ...SECURITY_HEADERS };
    headers['Content-Security-Policy'] = contentSecurityPolicy();
    return new Response(new Uint8Array(file.body), { status: 200, headers });
  };
}
