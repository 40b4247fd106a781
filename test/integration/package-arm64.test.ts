/**
 * The Raspberry Pi's package, built on this x64 machine without emulating a compiler: `npm run package:deb -- --arm64`
 * takes the arm64 Node runtime from the npm registry, the Node-API prebuilds serialport and node-hid ship for
 * linux-arm64, and cross-compiles better-sqlite3 and epoll with Debian's aarch64-linux-gnu toolchain. Then, under
 * qemu-user (the arm64 C library of libc6-arm64-cross): the packaged runtime is arm64 Node ≥ 20, loads the packaged
 * add-ons (node-hid's need libusb / libudev, absent from the cross sysroot: checked to be declared dependencies),
 * better-sqlite3 answers a query, the packaged CLI prints its version and the host answers HTTP with its CSP.
 * Then as on a Pi: installed with dpkg (+ apt-get -f install) into a clean arm64 Debian 12 (debootstrap --foreign, its
 * second stage and every arm64 binary after it run by qemu-user through binfmt_misc, test/support/foreign-arch.ts;
 * the rootfs is cached like the x64 one), booted with systemd as PID 1 under emulation, and inside: the host unit
 * active and answering HTTP with its CSP, `gate-terminal --version` and `selftest` as the gate user.
 * Tools missing or binfmt_misc not mountable → the test fails with the command and the reason; never skipped.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { addonProblems } from '../../scripts/packaging/elf-addon.mjs';
import { inChroot, overlayRootfs, requireBootTools, rootfsWithDependencies, type ScratchRootfs } from '../support/debian-rootfs.js';
import { ensureBinfmt } from '../support/foreign-arch.js';
import { Container } from '../support/nspawn-container.js';
import { findAddons } from '../../scripts/packaging/native-addons.mjs';
import { writeTestConfig } from '../support/host-process.js';
import { ROOT, tempDir } from '../support/paths.js';

const QEMU = '/usr/bin/qemu-aarch64-static';
const SYSROOT = '/usr/aarch64-linux-gnu';
/** Libraries node-hid's add-ons link that the cross sysroot lacks, and the dependency that brings each on the Pi. */
const PROVIDED_BY_DEPENDS: Record<string, string> = { 'libusb-1.0.so.0': 'libusb-1.0-0', 'libudev.so.1': 'udev' };
const work = tempDir('package-arm64');
const figures: Record<string, string> = {};
let scratch: ScratchRootfs | undefined;
let container: Container | undefined;
afterAll(async () => {
  await container?.stop();
  scratch?.dispose();
  rmSync(work, { recursive: true, force: true });
  console.log(`package-arm64 figures: ${JSON.stringify(figures)}`);
});
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function qemuNode(opt: string, args: string[]) {
  return spawnSync(QEMU, ['-L', SYSROOT, join(opt, 'runtime', 'bin', 'node'), ...args], { encoding: 'utf8', timeout: 300_000 });
}

describe('the arm64 package, cross-built here and run under qemu-user', { timeout: 1_800_000 }, () => {
  let opt = '';

  beforeAll(() => {
    const missing = [
      [QEMU, 'qemu-user-static'],
      ['/usr/bin/aarch64-linux-gnu-g++', 'g++-aarch64-linux-gnu'],
      [join(SYSROOT, 'lib', 'ld-linux-aarch64.so.1'), 'libc6-arm64-cross'],
    ].filter(([file]) => !existsSync(file!));
    assert.deepEqual(missing, [], `missing: sudo apt-get install -y ${missing.map(([, pkg]) => pkg).join(' ')}`);
  });

  it('npm run package:deb -- --arm64 builds an arm64 package whose add-ons are arm64 and fit its runtime', () => {
    const out = join(work, 'release');
    const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'package-deb.mjs'), '--arm64', '--out', out], { cwd: ROOT, encoding: 'utf8', timeout: 1_800_000 });
    assert.equal(result.status, 0, `${result.stdout}\n${result.stderr}`);
    const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    const deb = join(out, `gate-terminal_${version}_arm64.deb`);
    assert.deepEqual(readdirSync(out), [`gate-terminal_${version}_arm64.deb`]);
    assert.equal(spawnSync('dpkg-deb', ['-f', deb, 'Architecture'], { encoding: 'utf8' }).stdout.trim(), 'arm64');
    const unpacked = join(work, 'unpacked');
    assert.equal(spawnSync('dpkg-deb', ['-x', deb, unpacked]).status, 0);
    opt = join(unpacked, 'opt', readdirSync(join(unpacked, 'opt'))[0]!);

    const runtime = qemuNode(opt, ['-p', 'JSON.stringify([process.arch, process.version, process.versions.modules])']);
    assert.equal(runtime.status, 0, runtime.stderr);
    const [arch, nodeVersion, abi] = JSON.parse(runtime.stdout) as [string, string, string];
    assert.equal(arch, 'arm64');
    assert.ok(Number(nodeVersion.slice(1).split('.')[0]) >= 20, nodeVersion);
    const addons = findAddons(opt);
    assert.equal(addons.length, 5, addons.join('\n'));
    assert.deepEqual(addonProblems(addons, { abi: Number(abi), arch: 'arm64', label: `the packaged Node ${nodeVersion}` }), []);
  });

  it('under qemu: the runtime loads every add-on, better-sqlite3 answers, the CLI prints its version', () => {
    // The cross sysroot has glibc and libstdc++ but not libusb / libudev, which node-hid's add-ons link: those are
    // checked to need nothing else, each brought by a declared dependency (libusb-1.0-0; udev → libudev1).
    const deb = readdirSync(join(work, 'release')).map((f) => join(work, 'release', f))[0]!;
    const depends = spawnSync('dpkg-deb', ['-f', deb, 'Depends'], { encoding: 'utf8' }).stdout;
    const loadable = findAddons(opt).filter((file) => {
      const needed = [...spawnSync('readelf', ['-d', file], { encoding: 'utf8' }).stdout.matchAll(/\(NEEDED\)\s+Shared library: \[([^\]]+)\]/g)].map((m) => m[1]!);
      const absent = needed.filter((lib) => !existsSync(join(SYSROOT, 'lib', lib)));
      if (absent.length === 0) return true;
      for (const lib of absent) {
        const pkg = PROVIDED_BY_DEPENDS[lib];
        assert.ok(pkg, `${file} needs ${lib}, which no declared dependency brings`);
        assert.match(depends, new RegExp(`(^|, )${pkg.replace(/[.+]/g, '\\$&')}(,|$| \\()`), `${lib}: ${pkg} is not a dependency`);
      }
      return false;
    });
    assert.ok(loadable.some((f) => f.endsWith('better_sqlite3.node')) && loadable.length >= 3, loadable.join('\n'));
    const script = `
      for (const f of JSON.parse(process.argv[1])) process.dlopen({ exports: {} }, f);
      const Database = require(process.argv[2]);
      const db = new Database(':memory:');
      console.log(JSON.stringify(db.prepare('SELECT sqlite_version() AS v, 6 * 7 AS answer').get()));`;
    const loaded = qemuNode(opt, ['-e', script, JSON.stringify(loadable), join(opt, 'resources', 'app', 'node_modules', 'better-sqlite3')]);
    assert.equal(loaded.status, 0, loaded.stderr);
    assert.equal((JSON.parse(loaded.stdout) as { answer: number }).answer, 42);
    const version = qemuNode(opt, [join(opt, 'resources', 'app', 'dist', 'cli.mjs'), '--version']);
    assert.equal(version.status, 0, version.stderr);
    assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
  });

  it('under qemu: the packaged host starts and serves the guard screen with its CSP', async () => {
    const dataDir = tempDir('arm64-host');
    const config = writeTestConfig(dataDir);
    const child = spawn(QEMU, ['-L', SYSROOT, join(opt, 'runtime', 'bin', 'node'), join(opt, 'resources', 'app', 'dist', 'cli.mjs'), 'start', '--config', config], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL within 180 s under qemu\n${stderr}`)), 180_000);
        createInterface({ input: child.stdout }).on('line', (line) => {
          if (line.startsWith('GATE_TERMINAL_URL=')) {
            clearTimeout(timer);
            resolve(line.slice('GATE_TERMINAL_URL='.length));
          }
        });
        child.once('exit', (code) => reject(new Error(`host exited (${code})\n${stderr}`)));
      });
      const response = await fetch(url);
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    } finally {
      child.kill('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('the arm64 package installed into an arm64 Debian 12 and booted, all under qemu-user (binfmt_misc)', { timeout: 5_400_000 }, () => {
  const HOST = 'gate-terminal-host.service';
  const NODE = '/usr/lib/gate-terminal/app/runtime/bin/node';
  beforeAll(() => {
    requireBootTools();
    ensureBinfmt('arm64');
  });

  it('dpkg -i (+ apt-get -f install) into a clean arm64 Debian 12; boots; the host unit is active and answers HTTP', async () => {
    const deb = readdirSync(join(work, 'release')).map((f) => join(work, 'release', f))[0]!;
    // Cached per machine: the first build (debootstrap's second stage, then chromium & co. unpacked and configured
    // under emulation) takes long here, later runs only extract the overlay (docs/installing.md).
    scratch = overlayRootfs(rootfsWithDependencies('arm64', deb));
    const root = scratch.root;
    assert.equal(inChroot(root, ['dpkg', '--print-architecture']).trim(), 'arm64');
    copyFileSync(deb, join(root, 'tmp', 'gate-terminal.deb'));
    const installStarted = Date.now();
    const install = inChroot(root, ['dpkg', '-i', '/tmp/gate-terminal.deb'], { timeoutMs: 1_800_000 });
    figures.install = seconds(Date.now() - installStarted);
    assert.doesNotMatch(install, /not found/);
    inChroot(root, ['apt-get', 'install', '-f', '-y', '-qq'], { timeoutMs: 1_800_000 }); // the layer already holds every dependency
    assert.match(inChroot(root, ['dpkg-query', '-W', '-f=${Status} ${Architecture}', 'gate-terminal']), /^install ok installed arm64$/);
    // No tty1 in a container: the kiosk unit is skipped (as in package-install-boot.test.ts).
    mkdirSync(join(root, 'etc', 'systemd', 'system', 'gate-terminal-browser-kiosk.service.d'), { recursive: true });
    writeFileSync(join(root, 'etc', 'systemd', 'system', 'gate-terminal-browser-kiosk.service.d', 'container.conf'), '[Unit]\nConditionPathExists=/dev/tty1\n');

    const booted = Date.now();
    container = await Container.boot(root);
    const c = container;
    assert.equal(c.ok(['uname', '-m']).trim(), 'aarch64');
    await c.until('host unit active under emulation', 600_000, () => (c.exec(['systemctl', 'is-active', HOST]).stdout.trim() === 'active' ? true : undefined));
    figures.bootToHostActive = seconds(Date.now() - booted);
    const script = "const r = await fetch('http://127.0.0.1:8440/'); console.log(JSON.stringify({ status: r.status, csp: r.headers.get('content-security-policy') }));";
    const page = await c.until('HTTP 200 from the installed host', 300_000, () => {
      const result = c.exec([NODE, '--input-type=module', '-e', script], { timeoutMs: 120_000 });
      return result.status === 0 ? (JSON.parse(result.stdout) as { status: number; csp: string | null }) : undefined;
    });
    figures.bootToHttp = seconds(Date.now() - booted);
    assert.equal(page.status, 200);
    assert.match(page.csp ?? '', /default-src 'none'/);
    assert.equal(c.show(HOST, 'WatchdogUSec').WatchdogUSec, '20s');
  });

  it('gate-terminal --version and selftest run as the gate user, under emulation', () => {
    const c = container!;
    const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    assert.equal(c.ok(['runuser', '-u', 'gate', '--', 'gate-terminal', '--version'], { timeoutMs: 300_000 }).trim(), version);
    const started = Date.now();
    const selftest = c.exec(['runuser', '-u', 'gate', '--', 'gate-terminal', 'selftest', '--scan-timeout', '5'], { timeoutMs: 600_000 });
    figures.selftest = seconds(Date.now() - started);
    assert.equal(selftest.status, 0, `${selftest.stdout}\n${selftest.stderr}`);
    for (const step of ['Light red', 'Light amber', 'Light green', 'Buzzer', 'Turnstile relay']) assert.match(selftest.stdout, new RegExp(`^${step}\\s+PASS`, 'm'), step);
    assert.match(selftest.stdout, /\nPASS\n?$/);
  });
});
