import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'vitest';
import { ConfigError, loadConfig } from '../../../main/config/load-config.js';
import { loadTrust } from '../../../main/config/load-trust.js';
import { ROOT, tempDir } from '../../support/paths.js';

const MINIMAL = `
terminal: { id: gate-1 }
checkpoint: { id: cp-1, name: "Cổng B", direction: in }
trust:
  issuers: [{ name: test, publicKeyFile: ${join(ROOT, 'config/test-issuer/public.pem')} }]
`;

function write(text: string, name = 'terminal.yaml'): string {
  const path = join(tempDir('cfg'), name);
  writeFileSync(path, text);
  return path;
}

function expectConfigError(text: string, fieldPath: string, problem?: RegExp, name?: string): void {
  assert.throws(
    () => loadConfig(write(text, name)),
    (e: unknown) => {
      assert.ok(e instanceof ConfigError, String(e));
      assert.equal(e.fieldPath, fieldPath);
      if (problem) assert.match(e.problem, problem);
      assert.ok(e.message.includes(fieldPath));
      return true;
    },
  );
}

test('the default config loads, with paths resolved against its folder', () => {
  const config = loadConfig(join(ROOT, 'config', 'default.yaml'));
  assert.equal(config.storage.dataDir, join(ROOT, 'data'));
  assert.equal(config.trust.issuers[0]!.publicKeyFile, join(ROOT, 'config', 'test-issuer', 'public.pem'));
  assert.equal(config.hardware.turnstile.kind, 'simulated');
  assert.equal(config.storage.retentionDays, 28);
  assert.equal(loadTrust(config).testIssuerTrusted, true);
});

test('a minimal config gets safe defaults', () => {
  const config = loadConfig(write(MINIMAL));
  assert.equal(config.policy.maxDeclarationAgeHours, 24);
  assert.equal(config.hardware.turnstile.safePosition, 'locked');
  assert.equal(config.host.listenHost, '127.0.0.1');
  assert.equal(config.checkpoint.timeZone, 'Asia/Ho_Chi_Minh');
  assert.equal(config.clock.sync, 'auto');
});

test('JSON configs are accepted too', () => {
  const config = loadConfig(
    write(JSON.stringify({ terminal: { id: 'g' }, checkpoint: { id: 'c', name: 'n', direction: 'out' }, trust: { issuers: [{ name: 't', publicKeyFile: 'k.pem' }] } }), 't.json'),
  );
  assert.equal(config.checkpoint.direction, 'out');
});

test('broken configs are refused with the exact field path', () => {
  expectConfigError(MINIMAL + 'hardware:\n  turnstile: { kind: simulated, pulseMs: "fast" }\n', 'hardware.turnstile.pulseMs');
  expectConfigError(MINIMAL + 'hardware:\n  turnstile: { kind: simulated, pulseMs: 999999 }\n', 'hardware.turnstile.pulseMs');
  expectConfigError(MINIMAL + 'policy: { maxDeclarationAge: 12 }\n', 'policy.maxDeclarationAge', /unknown setting/);
  expectConfigError(MINIMAL.replace('direction: in', 'direction: sideways'), 'checkpoint.direction');
  expectConfigError(MINIMAL.replace('name: "Cổng B", ', ''), 'checkpoint.name');
  expectConfigError(MINIMAL + 'storage: { retentionDays: 0 }\n', 'storage.retentionDays');
  expectConfigError(MINIMAL.replace('id: gate-1', 'id: "gate 1/../x"'), 'terminal.id');
  expectConfigError(MINIMAL.replace('direction: in }', 'direction: in, timeZone: Mars/Olympus }'), 'checkpoint.timeZone', /IANA/);
  expectConfigError(MINIMAL + 'host: { listenHost: 0.0.0.0 }\n', 'host.listenHost');
  expectConfigError(MINIMAL + 'hardware:\n  scanners: [{ kind: laser }]\n', 'hardware.scanners.0.kind');
});

test('syntax errors name the line; unreadable files say so', () => {
  expectConfigError('terminal: { id: gate-1\ncheckpoint: [', '', /line \d+/);
  expectConfigError('{"terminal": ', '', /invalid JSON/, 'x.json');
  assert.throws(() => loadConfig('/nonexistent/terminal.yaml'), (e: unknown) => e instanceof ConfigError && /ENOENT/.test(e.problem));
});

test('an unreadable trusted key is a config error at its path', () => {
  const config = loadConfig(write(MINIMAL.replace(join(ROOT, 'config/test-issuer/public.pem'), 'missing.pem')));
  assert.throws(() => loadTrust(config), (e: unknown) => e instanceof ConfigError && e.fieldPath === 'trust.issuers.0.publicKeyFile');
});
