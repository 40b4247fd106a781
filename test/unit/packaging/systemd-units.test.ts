/**
 * The systemd units, checked by `systemd-analyze verify` (the only findings tolerated: the ExecStart binaries that
 * the .deb and its dependencies install, which this machine lacks), plus what the kiosk needs: tty1, the gate user,
 * Type=notify with a watchdog, a restart, no getty on tty1, and a browser kiosk that shows only the local host.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, it } from 'vitest';

const unitsDir = join(import.meta.dirname, '..', '..', '..', 'packaging', 'systemd');
const SYSTEMD_ANALYZE = '/usr/bin/systemd-analyze';
/** Installed by the package (/usr/lib/gate-terminal/app → /opt/…, /usr/bin/gate-terminal) or its dependencies (cage, chromium). */
const INSTALLED_BY_PACKAGE = new Set(['/usr/bin/cage', '/usr/lib/gate-terminal/app/gate-terminal', '/usr/bin/chromium', '/usr/bin/gate-terminal']);
const work = mkdtempSync(join(tmpdir(), 'gate-units-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function verify(files: string[]): string[] {
  assert.ok(existsSync(SYSTEMD_ANALYZE), 'systemd-analyze is missing: sudo apt-get install -y systemd');
  const result = spawnSync(SYSTEMD_ANALYZE, ['verify', '--man=no', ...files], { cwd: work, encoding: 'utf8' });
  return `${result.stdout}\n${result.stderr}`
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .filter((l) => {
      const missing = /Command (\S+) is not executable: No such file or directory$/.exec(l);
      return !(missing && INSTALLED_BY_PACKAGE.has(missing[1]!) && !existsSync(missing[1]!));
    });
}

function directives(file: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const line of readFileSync(join(unitsDir, file), 'utf8').split('\n')) {
    const m = /^([A-Za-z]+)=(.*)$/.exec(line);
    if (m) map.set(m[1]!, [...(map.get(m[1]!) ?? []), m[2]!]);
  }
  return map;
}
const one = (d: Map<string, string[]>, key: string) => d.get(key)?.join(' ');

describe('systemd units', () => {
  const units = readdirSync(unitsDir).filter((f) => f.endsWith('.service'));

  it('are the three of the two kiosk modes', () => {
    assert.deepEqual(units.sort(), ['gate-terminal-browser-kiosk.service', 'gate-terminal-host.service', 'gate-terminal-kiosk.service']);
  });

  it('pass systemd-analyze verify with no finding besides the binaries the package installs', () => {
    assert.deepEqual(verify(units.map((u) => join(unitsDir, u))), []);
  });

  it('the check does report a mistake (a misspelt key) in a copy of the kiosk unit', () => {
    const copy = join(work, 'gate-terminal-kiosk.service');
    writeFileSync(copy, readFileSync(join(unitsDir, 'gate-terminal-kiosk.service'), 'utf8').replace('WatchdogSec=', 'WatchdogSecs='));
    assert.ok(verify([copy]).some((l) => l.includes('WatchdogSecs')), 'the misspelt key went unnoticed');
    copyFileSync(join(unitsDir, 'gate-terminal-kiosk.service'), copy);
  });

  it('the Electron kiosk runs the app under cage on tty1 as gate, with sd_notify watchdog and restart', () => {
    const d = directives('gate-terminal-kiosk.service');
    assert.match(one(d, 'ExecStart')!, /^\/usr\/bin\/cage -d -s -- \/usr\/lib\/gate-terminal\/app\/gate-terminal$/);
    assert.deepEqual([one(d, 'User'), one(d, 'PAMName'), one(d, 'TTYPath'), one(d, 'Type'), one(d, 'NotifyAccess')], ['gate', 'login', '/dev/tty1', 'notify', 'all']);
    assert.ok(Number(one(d, 'WatchdogSec')) >= 10, 'WatchdogSec must leave room for a 2 s renderer beat');
    assert.match(one(d, 'Restart')!, /^(always|on-failure)$/);
    assert.match(one(d, 'Conflicts')!, /getty@tty1\.service/);
    assert.match(one(d, 'Environment')!, /GATE_TERMINAL_CONFIG=\/etc\/gate-terminal\/config\.yaml/);
    assert.equal(one(d, 'KillMode'), 'mixed', 'the app must clean up before its gpioset holders are signalled');
  });

  it('the browser host is a notify service with a watchdog; the kiosk browser shows only the local host, bound to it', () => {
    const host = directives('gate-terminal-host.service');
    assert.deepEqual([one(host, 'Type'), one(host, 'User')], ['notify', 'gate']);
    assert.ok(Number(one(host, 'WatchdogSec')) >= 10);
    // Through the wrapper, which execs the package's runtime (its own Node, or Electron in Node mode).
    assert.equal(one(host, 'ExecStart'), '/usr/bin/gate-terminal start --config /etc/gate-terminal/config.yaml');
    assert.equal(one(host, 'RestartPreventExitStatus'), '2', 'a config error (exit 2) must stop the unit, not loop');
    assert.equal(one(host, 'KillMode'), 'mixed');
    const kiosk = directives('gate-terminal-browser-kiosk.service');
    const exec = one(kiosk, 'ExecStart')!;
    assert.match(exec, /^\/usr\/bin\/cage -d -s -- \/usr\/bin\/chromium --kiosk --app=http:\/\/127\.0\.0\.1:8440\/ /);
    assert.equal([...exec.matchAll(/https?:\/\/([^/ ]+)/g)].filter((m) => m[1] !== '127.0.0.1:8440').length, 0, 'remote URL in the kiosk');
    for (const flag of ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--noerrdialogs']) assert.ok(exec.includes(flag), flag);
    assert.match(one(kiosk, 'BindsTo')!, /gate-terminal-host\.service/);
    assert.match(one(kiosk, 'After')!, /gate-terminal-host\.service/);
    assert.match(one(host, 'Wants')!, /gate-terminal-browser-kiosk\.service/, 'a restarted host must bring the kiosk browser back');
    assert.match(one(kiosk, 'Conflicts')!, /gate-terminal-kiosk\.service/);
    assert.equal(one(kiosk, 'TTYPath'), '/dev/tty1');
  });

  it('the logind drop-in leaves no login prompt on other consoles', () => {
    const text = readFileSync(join(unitsDir, 'gate-terminal-logind.conf'), 'utf8');
    assert.match(text, /^\[Login\]$/m);
    assert.match(text, /^NAutoVTs=0$/m);
    assert.match(text, /^ReserveVT=0$/m);
  });
});
