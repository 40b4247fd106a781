/**
 * /usr/bin/gate-terminal (packaging/bin/gate-terminal), run against a fake install folder: without arguments it
 * starts the app; with a command it runs the CLI bundle in Electron's Node mode; the config defaults to
 * /etc/gate-terminal/config.yaml unless GATE_TERMINAL_CONFIG says otherwise.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, it } from 'vitest';

const wrapper = join(import.meta.dirname, '..', '..', '..', 'packaging', 'bin', 'gate-terminal');
const appDir = mkdtempSync(join(tmpdir(), 'gate-app-'));
afterAll(() => rmSync(appDir, { recursive: true, force: true }));
mkdirSync(join(appDir, 'resources'));
// The fake Electron binary prints what it was started with.
writeFileSync(join(appDir, 'gate-terminal'), '#!/bin/sh\necho "node=${ELECTRON_RUN_AS_NODE:-no} config=$GATE_TERMINAL_CONFIG args=$*"\n');
chmodSync(join(appDir, 'gate-terminal'), 0o755);

function run(args: string[], env: Record<string, string> = {}): string {
  const { GATE_TERMINAL_CONFIG: _ignored, ELECTRON_RUN_AS_NODE: _ignored2, ...base } = process.env;
  const result = spawnSync(wrapper, args, { env: { ...base, GATE_TERMINAL_APP_DIR: appDir, ...env }, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout.trim();
}

describe('the gate-terminal command', () => {
  it('is an executable shell script that parses', () => {
    assert.ok(statSync(wrapper).mode & 0o111);
    assert.equal(spawnSync('sh', ['-n', wrapper]).status, 0);
  });

  it('starts the app without arguments', () => {
    assert.equal(run([]), 'node=no config=/etc/gate-terminal/config.yaml args=');
  });

  it('runs the CLI in Node mode with a command, keeping the arguments', () => {
    assert.equal(run(['selftest', '--scan-timeout', '5']), `node=1 config=/etc/gate-terminal/config.yaml args=${appDir}/resources/app/dist/cli.mjs selftest --scan-timeout 5`);
  });

  it('takes the config from GATE_TERMINAL_CONFIG when set', () => {
    assert.match(run(['--version'], { GATE_TERMINAL_CONFIG: '/srv/gate.yaml' }), /^node=1 config=\/srv\/gate\.yaml args=.*cli\.mjs --version$/);
  });
});
