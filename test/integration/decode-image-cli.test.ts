/**
 * `gate-terminal decode-image FILE…` through the CLI as it runs: one JSON line per file, in order; codes read with the
 * terminal's decode chain, payload characters kept as encoded (control characters and Vietnamese text unchanged);
 * an unreadable file is reported on its line and makes the exit code 1.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, test } from 'vitest';
import QRCode from 'qrcode';
import { fixtureCase } from '../support/dcc.js';
import { CLI, ensureBuilt, tempDir } from '../support/paths.js';

beforeAll(() => ensureBuilt());

const run = (...args: string[]) => spawnSync(process.execPath, [CLI, 'decode-image', ...args], { encoding: 'utf8' });

test('each image gives one JSON line with the texts read, in argument order', async () => {
  const dir = tempDir('decode-image');
  const payload = 'NVB1:A\u0001B\u001dC|Lê Văn Tám';
  const files = { dcc: join(dir, 'dcc.png'), badge: join(dir, 'badge.png'), blank: join(dir, 'blank.png'), missing: join(dir, 'missing.png') };
  writeFileSync(files.dcc, Buffer.from(fixtureCase('AT/1.json').raw['2DCODE'] as string, 'base64'));
  writeFileSync(files.badge, await QRCode.toBuffer(payload, { type: 'png' }));
  writeFileSync(files.blank, Buffer.from('not an image at all'));
  const out = run(files.dcc, files.badge, files.blank, files.missing);
  assert.equal(out.stderr, '');
  const lines = out.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { file: string; texts: string[]; error?: string });
  assert.deepEqual(lines, [
    { file: files.dcc, texts: [fixtureCase('AT/1.json').prefix] },
    { file: files.badge, texts: [payload] },
    { file: files.blank, texts: [] },
    { file: files.missing, texts: [], error: 'ENOENT' },
  ]);
  assert.equal(out.status, 1, 'a file that cannot be opened makes the exit code 1');
  assert.equal(run(files.dcc, files.blank).status, 0, 'an image without a code is not an error');
});

test('no file is a usage error (exit 2)', () => {
  const out = run();
  assert.equal(out.status, 2);
  assert.match(out.stderr, /decode-image: give one or more image files/);
});
