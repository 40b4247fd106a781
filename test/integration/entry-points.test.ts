/**
 * The built entry points run the way the packages run them, not only through bin/gate-terminal.mjs:
 *   - `node dist/cli.mjs …` directly and through a symlinked app folder (the package reaches the bundle through
 *     /usr/lib/gate-terminal/app → /opt/<productName>);
 *   - /usr/bin/gate-terminal (packaging/bin/gate-terminal) on an install layout with the package's own runtime
 *     (browser-kiosk package) and with an Electron binary in Node mode (Electron package);
 *   - the host unit's ExecStart line, taken from the unit file: a missing or wrong config exits 2 (the unit's
 *     RestartPreventExitStatus, so no restart loop) with the file and the field's path on stderr (the journal).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { ensureBuilt, ROOT, tempDir } from '../support/paths.js';

const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const WRAPPER = join(ROOT, 'packaging', 'bin', 'gate-terminal');
const work = tempDir('entry-points');
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** An install folder as the packages lay it out, its resources/app being this checkout (through a symlink). */
function installLayout(name: string, runtime: 'node' | 'electron'): string {
  const opt = join(work, name);
  mkdirSync(join(opt, 'resources'), { recursive: true });
  symlinkSync(ROOT, join(opt, 'resources', 'app'));
  if (runtime === 'node') {
    mkdirSync(join(opt, 'runtime', 'bin'), { recursive: true });
    symlinkSync(process.execPath, join(opt, 'runtime', 'bin', 'node'));
  } else {
    // Stands in for Electron: a Node runtime only when ELECTRON_RUN_AS_NODE=1, as Electron is.
    writeFileSync(join(opt, 'gate-terminal'), `#!/bin/sh\n[ "$ELECTRON_RUN_AS_NODE" = 1 ] || { echo "electron app started" >&2; exit 97; }\nexec "${process.execPath}" "$@"\n`);
    chmodSync(join(opt, 'gate-terminal'), 0o755);
  }
  const link = join(work, `${name}-link`);
  symlinkSync(opt, link);
  return link;
}

function run(command: string, args: string[], env: Record<string, string> = {}) {
  const { GATE_TERMINAL_CONFIG: _c, ELECTRON_RUN_AS_NODE: _e, NODE_OPTIONS: _n, ...base } = process.env;
  return spawnSync(command, args, { env: { ...base, ...env }, encoding: 'utf8', timeout: 60_000 });
}

describe('entry points as the packages run them', () => {
  let nodeApp = '';
  let electronApp = '';
  beforeAll(() => {
    ensureBuilt();
    nodeApp = installLayout('opt-node', 'node');
    electronApp = installLayout('opt-electron', 'electron');
  });

  it('node dist/cli.mjs runs the command, directly and through a symlinked app folder', () => {
    for (const cli of [join(ROOT, 'dist', 'cli.mjs'), join(nodeApp, 'resources', 'app', 'dist', 'cli.mjs')]) {
      const result = run(process.execPath, [cli, '--version']);
      assert.equal(result.status, 0, result.stderr);
      assert.equal(result.stdout, `${VERSION}\n`);
    }
    const unknown = run(process.execPath, [join(ROOT, 'dist', 'cli.mjs'), 'no-such-command']);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown command "no-such-command"/);
  });

  it('bin/gate-terminal.mjs (npm’s bin) still runs it once', () => {
    const result = run(process.execPath, [join(ROOT, 'bin', 'gate-terminal.mjs'), '--version']);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout, `${VERSION}\n`);
  });

  it('/usr/bin/gate-terminal runs the CLI on the package’s own runtime, and prints the usage without a command', () => {
    const version = run(WRAPPER, ['--version'], { GATE_TERMINAL_APP_DIR: nodeApp });
    assert.equal(version.status, 0, version.stderr);
    assert.equal(version.stdout, `${VERSION}\n`);
    const bare = run(WRAPPER, [], { GATE_TERMINAL_APP_DIR: nodeApp });
    assert.equal(bare.status, 2);
    assert.match(bare.stdout, /^gate-terminal .*\nUsage:/);
  });

  it('/usr/bin/gate-terminal runs the CLI on Electron in Node mode in the Electron package', () => {
    const version = run(WRAPPER, ['--version'], { GATE_TERMINAL_APP_DIR: electronApp });
    assert.equal(version.status, 0, version.stderr);
    assert.equal(version.stdout, `${VERSION}\n`);
    assert.equal(run(WRAPPER, [], { GATE_TERMINAL_APP_DIR: electronApp }).status, 97, 'without a command the Electron app starts');
  });

  it('the host unit’s ExecStart with a missing or wrong config exits 2 with the file and the field', () => {
    const unit = readFileSync(join(ROOT, 'packaging', 'systemd', 'gate-terminal-host.service'), 'utf8');
    assert.match(unit, /^RestartPreventExitStatus=2$/m);
    const exec = /^ExecStart=(\S+) (.*)$/m.exec(unit)!;
    assert.equal(exec[1], '/usr/bin/gate-terminal');
    const args = (config: string) => exec[2]!.replace('/etc/gate-terminal/config.yaml', config).split(' ');

    const missing = run(WRAPPER, args(join(work, 'absent.yaml')), { GATE_TERMINAL_APP_DIR: nodeApp });
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /config .*absent\.yaml: file: cannot read: ENOENT/);

    const starter = readFileSync(join(ROOT, 'packaging', 'config', 'gate-terminal.yaml'), 'utf8');
    const wrong = join(work, 'wrong.yaml');
    writeFileSync(wrong, starter.replace('timeZone: Asia/Ho_Chi_Minh', 'timeZone: 7'));
    const bad = run(WRAPPER, args(wrong), { GATE_TERMINAL_APP_DIR: nodeApp });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /wrong\.yaml: field "checkpoint\.timeZone"/);

    const corrupt = join(work, 'corrupt.yaml');
    writeFileSync(corrupt, starter.slice(0, starter.indexOf('hardware:')) + 'hardware: [\n');
    const broken = run(WRAPPER, args(corrupt), { GATE_TERMINAL_APP_DIR: nodeApp });
    assert.equal(broken.status, 2);
    assert.match(broken.stderr, /corrupt\.yaml: file: invalid YAML at line \d+/);
  });
});
