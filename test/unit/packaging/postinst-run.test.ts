/**
 * packaging/deb/postinst run for real, as electron-builder fills it in, under DPKG_ROOT (a scratch root holding the
 * unpacked package) with logging stand-ins for getent, adduser, addgroup, systemctl and udevadm: what it installs,
 * the `gate` user and its groups, the session it enables, that an upgrade keeps the IT person's config; and postrm
 * purge removing all of it but the register.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { loadConfig } from '../../../main/config/load-config.js';

const repo = join(import.meta.dirname, '..', '..', '..');
const PRODUCT = 'Cổng kiểm soát';
const work = mkdtempSync(join(tmpdir(), 'gate-postinst-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Groups that "exist" on the pretend system; render and audio do not, gpio is created by postinst. */
const EXISTING_GROUPS = ['dialout', 'input', 'video', 'plugdev'];

function stub(dir: string, name: string, body: string): void {
  writeFileSync(join(dir, name), `#!/bin/sh\n${body}\n`);
  chmodSync(join(dir, name), 0o755);
}

/** The unpacked package under a scratch root: the Electron flavour (Electron binary, chrome-sandbox) or the
 * browser-kiosk flavour of scripts/package-deb.mjs (runtime/bin/node instead). */
function prepare(flavour: 'electron' | 'browser' = 'electron'): { root: string; bin: string; log: string } {
  const top = join(work, flavour);
  const root = join(top, 'root');
  const res = join(root, 'opt', PRODUCT, 'resources', 'packaging');
  for (const dir of ['systemd', 'udev', 'config', 'bin']) cpSync(join(repo, 'packaging', dir), join(res, dir), { recursive: true });
  cpSync(join(repo, 'config', 'test-issuer', 'public.pem'), join(res, 'config', 'test-issuer.pem'));
  if (flavour === 'electron') {
    writeFileSync(join(root, 'opt', PRODUCT, 'chrome-sandbox'), '');
    writeFileSync(join(root, 'opt', PRODUCT, 'gate-terminal'), '');
    chmodSync(join(root, 'opt', PRODUCT, 'gate-terminal'), 0o755);
  } else {
    mkdirSync(join(root, 'opt', PRODUCT, 'runtime', 'bin'), { recursive: true });
    writeFileSync(join(root, 'opt', PRODUCT, 'runtime', 'bin', 'node'), '');
  }
  const bin = join(top, 'bin');
  const log = join(top, 'calls.log');
  const state = join(top, 'state');
  mkdirSync(bin, { recursive: true });
  mkdirSync(state, { recursive: true });
  for (const g of EXISTING_GROUPS) writeFileSync(join(state, `group-${g}`), '');
  stub(bin, 'getent', `[ -e "${state}/$1-$2" ]`);
  stub(bin, 'addgroup', `echo "addgroup $*" >> "${log}"; for a; do last=$a; done; touch "${state}/group-$last"`);
  stub(bin, 'adduser', `echo "adduser $*" >> "${log}"; case "$1" in --system) touch "${state}/passwd-gate" "${state}/group-gate";; esac`);
  stub(bin, 'systemctl', `echo "systemctl $*" >> "${log}"`);
  stub(bin, 'deluser', `echo "deluser $*" >> "${log}"`);
  stub(bin, 'udevadm', `echo "udevadm $*" >> "${log}"`);
  stub(bin, 'unshare', 'exit 1');
  // install -o/-g need the real user: drop them, keep the rest.
  stub(bin, 'install', 'n=$#; i=0; skip=; for a; do i=$((i+1)); if [ -n "$skip" ]; then skip=; continue; fi; case "$a" in -o|-g) skip=1; continue;; esac; set -- "$@" "$a"; done; shift "$n"; exec /usr/bin/install "$@"');
  return { root, bin, log };
}

function runScript(name: 'postinst' | 'postrm', argument: string, env: { root: string; bin: string }): string {
  const script = readFileSync(join(repo, 'packaging', 'deb', name), 'utf8').replace(/\$\{([a-zA-Z]+)\}/g, (_m, name: string) => (name === 'executable' ? 'gate-terminal' : PRODUCT));
  const result = spawnSync('sh', ['-s', argument], { input: script, encoding: 'utf8', env: { ...process.env, PATH: `${env.bin}:${process.env.PATH}`, DPKG_ROOT: env.root } });
  assert.equal(result.status, 0, `${name} failed: ${result.stderr}`);
  return result.stderr;
}

describe('postinst', () => {
  const env = prepare();
  const at = (p: string) => join(env.root, p);
  const calls = () => readFileSync(env.log, 'utf8').trim().split('\n');

  it('first install: paths, command, config, units, rules, logind drop-in, gate user and groups, Electron kiosk enabled', () => {
    runScript('postinst', 'configure', env);
    assert.equal(readlinkSync(at('usr/lib/gate-terminal/app')), `/opt/${PRODUCT}`);
    assert.equal(readFileSync(at('usr/bin/gate-terminal'), 'utf8'), readFileSync(join(repo, 'packaging/bin/gate-terminal'), 'utf8'));
    assert.ok(statSync(at('usr/bin/gate-terminal')).mode & 0o111);
    assert.equal(readFileSync(at('etc/gate-terminal/session'), 'utf8').trim(), 'electron');
    for (const unit of ['gate-terminal-kiosk.service', 'gate-terminal-host.service', 'gate-terminal-browser-kiosk.service']) assert.ok(existsSync(at(`lib/systemd/system/${unit}`)), unit);
    assert.ok(existsSync(at('lib/udev/rules.d/60-gate-terminal.rules')));
    assert.match(readFileSync(at('etc/systemd/logind.conf.d/gate-terminal.conf'), 'utf8'), /NAutoVTs=0/);
    assert.ok(existsSync(at('var/lib/gate-terminal')));
    // The installed starter config is valid, and finds the test issuer key next to it.
    const config = loadConfig(at('etc/gate-terminal/config.yaml'));
    assert.equal(config.storage.dataDir, '/var/lib/gate-terminal');
    assert.equal(config.trust.issuers[0]!.publicKeyFile, at('etc/gate-terminal/test-issuer.pem'));
    assert.ok(existsSync(config.trust.issuers[0]!.publicKeyFile));

    const log = calls();
    assert.ok(log.includes('addgroup --system gpio'), 'gpio group not created');
    assert.ok(!log.some((l) => l.startsWith('addgroup --system plugdev')), 'an existing group was created again');
    assert.ok(log.some((l) => /^adduser --system --group .*--shell \/usr\/sbin\/nologin .* gate$/.test(l)));
    const groups = log.filter((l) => l.startsWith('adduser gate ')).map((l) => l.split(' ')[2]);
    assert.deepEqual(groups, ['dialout', 'gpio', 'input', 'video', 'plugdev']);
    assert.ok(log.includes(`systemctl --root=${env.root} mask getty@tty1.service`));
    assert.ok(log.includes(`systemctl --root=${env.root} enable gate-terminal-kiosk.service`));
    assert.ok(!log.some((l) => l.includes('daemon-reload')), 'reloaded the live systemd while installing into another root');
  });

  it('upgrade: keeps the edited config, does not add the user again, enables the browser kiosk when the session says so', () => {
    writeFileSync(at('etc/gate-terminal/config.yaml'), '# edited by IT\n');
    writeFileSync(at('etc/gate-terminal/session'), 'browser\n');
    writeFileSync(env.log, '');
    runScript('postinst', 'configure', env);
    assert.equal(readFileSync(at('etc/gate-terminal/config.yaml'), 'utf8'), '# edited by IT\n');
    const log = calls();
    assert.ok(!log.some((l) => l.startsWith('adduser --system')));
    assert.ok(log.includes(`systemctl --root=${env.root} enable gate-terminal-host.service gate-terminal-browser-kiosk.service`));
    assert.ok(log.includes(`systemctl --root=${env.root} disable gate-terminal-kiosk.service`));
  });

  it('postrm purge: removes units, rules, command, config and the user, keeps the register', () => {
    writeFileSync(at('var/lib/gate-terminal/register.sqlite'), 'evidence');
    writeFileSync(env.log, '');
    runScript('postrm', 'purge', env);
    for (const gone of ['lib/systemd/system/gate-terminal-kiosk.service', 'lib/udev/rules.d/60-gate-terminal.rules', 'etc/systemd/logind.conf.d/gate-terminal.conf', 'usr/bin/gate-terminal', 'usr/lib/gate-terminal', 'etc/gate-terminal']) {
      assert.ok(!existsSync(at(gone)), `${gone} left behind`);
    }
    assert.equal(readFileSync(at('var/lib/gate-terminal/register.sqlite'), 'utf8'), 'evidence');
    const log = calls();
    assert.ok(log.includes(`systemctl --root=${env.root} unmask getty@tty1.service`));
    assert.ok(log.includes('deluser --system gate'));
  });
});

describe('postinst of the browser-kiosk package (no Electron binary, its own Node runtime)', () => {
  const env = prepare('browser');
  const at = (p: string) => join(env.root, p);
  const calls = () => readFileSync(env.log, 'utf8').trim().split('\n');

  it('first install: the browser session, host and kiosk browser enabled, nothing asked, no error printed', () => {
    const stderr = runScript('postinst', 'configure', env);
    assert.equal(stderr, '');
    assert.equal(readFileSync(at('etc/gate-terminal/session'), 'utf8').trim(), 'browser');
    assert.ok(calls().includes(`systemctl --root=${env.root} enable gate-terminal-host.service gate-terminal-browser-kiosk.service`));
    assert.ok(!calls().some((l) => l.includes('enable gate-terminal-kiosk.service')));
    assert.ok(!existsSync(at(`opt/${PRODUCT}/chrome-sandbox`)));
  });

  it('a session file saying electron (left by an Electron install) still gets the browser kiosk, with a warning', () => {
    writeFileSync(at('etc/gate-terminal/session'), 'electron\n');
    writeFileSync(env.log, '');
    const stderr = runScript('postinst', 'configure', env);
    assert.match(stderr, /no Electron app: using the browser kiosk/);
    assert.ok(calls().includes(`systemctl --root=${env.root} enable gate-terminal-host.service gate-terminal-browser-kiosk.service`));
  });
});
