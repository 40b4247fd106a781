/** QR images → text with zxing-wasm, offline: the .wasm comes from node_modules, never from the network. */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'vitest';
import { decodeQrImage, zxingReaderWasmPath } from '../../../main/qr/decode-qr-image.js';
import { fixtureCase } from '../../support/dcc.js';
import { ROOT } from '../../support/paths.js';

const png = (path: string) => Buffer.from(fixtureCase(path).raw['2DCODE'] as string, 'base64');

test('the decoder loads from node_modules without any network access', async () => {
  assert.ok(zxingReaderWasmPath().startsWith(join(ROOT, 'node_modules', 'zxing-wasm')), zxingReaderWasmPath());
  assert.ok(existsSync(zxingReaderWasmPath()));
  const realFetch = globalThis.fetch;
  let fetched = 0;
  globalThis.fetch = (() => {
    fetched++;
    return Promise.reject(new Error('offline'));
  }) as typeof fetch;
  try {
    assert.deepEqual(await decodeQrImage(png('AT/1.json')), [fixtureCase('AT/1.json').prefix]);
  } finally {
    globalThis.fetch = realFetch;
  }
  assert.equal(fetched, 0);
});

test('conformance images decode to their PREFIX text; an unreadable image yields no code', async () => {
  for (const path of ['CH/1.json', 'SE/1.json', 'common/CO28.json']) assert.deepEqual(await decodeQrImage(png(path)), [fixtureCase(path).prefix], path);
  assert.deepEqual(await decodeQrImage(png('common/Q1.json')), []);
  assert.deepEqual(await decodeQrImage(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3])), []);
});
