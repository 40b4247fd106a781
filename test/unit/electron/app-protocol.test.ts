/** gate://app/ serves the built renderer folder, with the CSP header, and nothing outside that folder. */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, it } from 'vitest';
import { APP_SCHEME_PRIVILEGES, appProtocolHandler } from '../../../main/electron/app-protocol.js';
import { APP_URL } from '../../../main/electron/window-options.js';
import { tempDir } from '../../support/paths.js';

const INDEX = '<!doctype html><title>guard screen</title><script type="module" src="app.js"></script>';
let serve: (request: Request) => Promise<Response>;

beforeAll(() => {
  // <tmp>/package.json and <tmp>/secret.json sit next to <tmp>/renderer: what a traversal would reach.
  const root = tempDir('app-protocol');
  const rendererDir = join(root, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), INDEX);
  writeFileSync(join(rendererDir, 'app.js'), 'export {};\n');
  writeFileSync(join(root, 'package.json'), '{"name":"secret"}');
  writeFileSync(join(root, 'secret.json'), '{"key":"secret"}');
  writeFileSync(join(rendererDir, 'install.sh'), 'echo secret');
  serve = appProtocolHandler(rendererDir);
});

/** A request as Electron hands it over; `url` is kept verbatim (a real Request would normalise `..` away). */
function raw(url: string, method = 'GET'): Request {
  return { url, method } as Request;
}

describe('app protocol', () => {
  it('is registered as a standard, secure scheme named gate', () => {
    assert.equal(APP_SCHEME_PRIVILEGES.scheme, 'gate');
    assert.equal(APP_SCHEME_PRIVILEGES.privileges.standard, true);
    assert.equal(APP_SCHEME_PRIVILEGES.privileges.secure, true);
  });

  it('serves index.html with a strict Content-Security-Policy and the security headers', async () => {
    const response = await serve(new Request(APP_URL));
    assert.equal(response.status, 200);
    assert.equal(await response.text(), INDEX);
    assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
    const csp = response.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
    assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'/);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
  });

  it('serves index.html for the bare origin and other files by path', async () => {
    assert.equal(await (await serve(new Request('gate://app/'))).text(), INDEX);
    const script = await serve(new Request('gate://app/app.js'));
    assert.equal(script.status, 200);
    assert.match(script.headers.get('content-type') ?? '', /^text\/javascript/);
  });

  it('answers 404 to path traversal, plain or percent-encoded', async () => {
    for (const url of [
      'gate://app/../package.json',
      'gate://app/%2e%2e/package.json',
      'gate://app/%2E%2E/secret.json',
      'gate://app/..%2fpackage.json',
      'gate://app/%2e%2e%2fsecret.json',
      'gate://app/x/..%2f..%2fsecret.json',
    ]) {
      const response = await serve(raw(url));
      assert.equal(response.status, 404, url);
      assert.doesNotMatch(await response.text(), /secret/, url);
    }
  });

  it('answers 404 to another host of the scheme', async () => {
    assert.equal((await serve(new Request('gate://evil/index.html'))).status, 404);
    assert.equal((await serve(new Request('gate://app.evil/index.html'))).status, 404);
  });

  it('answers 404 to anything but GET', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'HEAD']) assert.equal((await serve(raw(APP_URL, method))).status, 404, method);
  });

  it('answers 404 to a missing file and to a file type it does not serve', async () => {
    assert.equal((await serve(new Request('gate://app/missing.js'))).status, 404);
    assert.equal((await serve(new Request('gate://app/install.sh'))).status, 404);
  });
});
