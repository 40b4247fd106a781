/**
 * What `npm run package:deb` puts in the browser-kiosk package, read from electron-builder.yml (one list for both
 * flavours): the app files, the production node_modules closure without the hub's and the test tools' packages, the
 * resources; its control fields (dependencies right for a minimal Debian 12); and the prerequisite check that names
 * the Debian package to install.
 */
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { hostFlavourControl, hostFlavourDepends } from '../../../scripts/packaging/deb-control.mjs';
import { appFileSource, appFiles, droppedPackages, extraResourceFiles, globToRegExp, productionModules, readBuilderConfig } from '../../../scripts/packaging/deb-contents.mjs';
import { missingPackages } from '../../../scripts/packaging/prerequisites.mjs';
import { tempDir } from '../../support/paths.js';

const root = join(import.meta.dirname, '..', '..', '..');
const config = readBuilderConfig(root);
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { homepage?: string; dependencies: Record<string, string>; devDependencies: Record<string, string> };
const work = tempDir('deb-contents');
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('electron-builder.yml read as the .deb script reads it', () => {
  it('globs: ** spans folders, * does not, ${/*} is a folder and everything below it', () => {
    assert.ok(globToRegExp('dist/**/*').test('dist/renderer/app.js'));
    assert.ok(globToRegExp('!dist/**/*.map'.slice(1)).test('dist/cli.mjs.map'));
    assert.ok(!globToRegExp('systemd/*').test('systemd/a/b'));
    assert.ok(globToRegExp('hub${/*}').test('hub/x/y.ts') && globToRegExp('hub${/*}').test('hub'));
    assert.ok(!globToRegExp('hub${/*}').test('hubx'));
  });

  it('app files: the built dist without the hub bundle and maps, the default config, the TEST public key only', () => {
    const files = appFiles(root, config);
    for (const f of ['dist/cli.mjs', 'dist/electron-main.mjs', 'dist/renderer/index.html', 'config/default.yaml', 'config/test-issuer/public.pem', 'package.json']) assert.ok(files.includes(f), f);
    // The EU DCC value sets with their licence (a terminal's trust.dccValueSets can name them; the hub seeds from them).
    for (const f of ['vendor/ehn-dcc-valuesets/LICENSE', 'vendor/ehn-dcc-valuesets/vaccine-mah-manf.json', 'vendor/ehn-dcc-valuesets/test-manf-example.json']) assert.ok(files.includes(f), f);
    assert.ok(!files.some((f) => f.endsWith('.map') || f === 'dist/hub-cli.mjs' || f.includes('private.pem') || /^(hub|main|core|test)\//.test(f)), files.join(' '));
  });

  it('app files from a build made apart: its files listed under dist/, read from where it was made', () => {
    const built = join(work, 'built-dist');
    mkdirSync(join(built, 'renderer'), { recursive: true });
    for (const f of ['cli.mjs', 'cli.mjs.map', 'hub-cli.mjs', 'renderer/app.js']) writeFileSync(join(built, f), f);
    const files = appFiles(root, config, { dist: built });
    assert.deepEqual(files.filter((f) => f.startsWith('dist/')), ['dist/cli.mjs', 'dist/renderer/app.js']);
    assert.ok(files.includes('package.json') && files.includes('config/default.yaml'));
    assert.equal(appFileSource(root, 'dist/renderer/app.js', { dist: built }), join(built, 'renderer', 'app.js'));
    assert.equal(appFileSource(root, 'package.json', { dist: built }), join(root, 'package.json'));
  });

  it('node_modules: production closure, without hub packages, test tools or devDependencies', () => {
    const modules = productionModules(root, droppedPackages(config));
    const top = new Set(modules.filter((m) => m.split('/node_modules/').length === 1).map((m) => m.replace(/^node_modules\//, '')));
    for (const needed of ['better-sqlite3', 'serialport', 'node-hid', 'onoff', 'epoll', 'ws', 'yaml', 'zod', 'pino', 'cborg']) assert.ok(top.has(needed), needed);
    for (const absent of ['fastify', '@fastify/static', '@fastify/session', 'pg', 'pdfkit', 'axe-core', '@doyensec/electronegativity', 'electron', 'typescript', 'esbuild', 'avvio', 'pg-protocol']) assert.ok(!top.has(absent), absent);
    // Nothing npm itself marks as needed only for development (a devDependency that a runtime package also needs,
    // like pngjs for qrcode, is not marked).
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
    assert.deepEqual(modules.filter((m) => lock.packages[m]?.dev), []);
  });

  it('test tools are devDependencies: axe-core and electronegativity never reach a terminal', () => {
    for (const tool of ['axe-core', '@doyensec/electronegativity']) {
      assert.ok(pkg.devDependencies[tool], tool);
      assert.ok(!pkg.dependencies[tool], tool);
    }
  });

  it('resources: units, udev rules, starter config, the command and the TEST public key', () => {
    const to = extraResourceFiles(root, config).map((r) => r.to);
    for (const f of ['packaging/systemd/gate-terminal-host.service', 'packaging/systemd/gate-terminal-browser-kiosk.service', 'packaging/udev/60-gate-terminal.rules', 'packaging/config/gate-terminal.yaml', 'packaging/bin/gate-terminal', 'packaging/config/test-issuer.pem']) {
      assert.ok(to.includes(f), f);
    }
  });
});

describe('the browser-kiosk package’s control file', () => {
  it('depends on what a minimal Debian 12 lacks: udev, systemd, cage + xwayland, chromium, python3; not Electron’s libraries nor nodejs', () => {
    const depends = hostFlavourDepends(config);
    for (const dep of ['udev', 'systemd', 'adduser', 'cage', 'xwayland', 'chromium', 'python3', 'gpiod', 'libusb-1.0-0']) assert.ok(depends.includes(dep), dep);
    assert.ok(!depends.some((d) => /^(libgtk|libnss3|nodejs)/.test(d)), depends.join(', '));
  });

  it('is complete: package, version, arch, maintainer, homepage, description', () => {
    const control = hostFlavourControl({ config, pkg, version: '1.2.3', debArch: 'arm64', installedSizeKiB: 1000 });
    for (const field of ['Package: gate-terminal', 'Version: 1.2.3', 'Architecture: arm64', 'Installed-Size: 1000', `Homepage: ${pkg.homepage}`]) assert.ok(control.includes(`${field}\n`), field);
    assert.match(control, /^Maintainer: .+ <[^@\s]+@[^>\s]+>$/m);
    assert.match(control, /^Description: .+\n .+/m);
    assert.ok(control.endsWith('\n'));
  });
});

describe('build prerequisites', () => {
  it('name the Debian package of each missing tool or header', () => {
    assert.deepEqual(missingPackages(['dpkgDeb', 'gxx', 'make', 'libusb', 'libudev', 'crossGxxArm64'], { pathEnv: '', fileExists: () => false }), [
      'dpkg',
      'g++',
      'make',
      'libusb-1.0-0-dev',
      'libudev-dev',
      'g++-aarch64-linux-gnu',
    ]);
  });

  it('find commands on PATH and headers as files', () => {
    const bin = join(work, 'bin');
    mkdirSync(bin, { recursive: true });
    for (const tool of ['dpkg-deb', 'make']) {
      writeFileSync(join(bin, tool), '#!/bin/sh\n');
      chmodSync(join(bin, tool), 0o755);
    }
    writeFileSync(join(bin, 'g++'), 'not executable');
    assert.deepEqual(missingPackages(['dpkgDeb', 'make', 'gxx', 'libudev'], { pathEnv: bin, fileExists: (p: string) => p === '/usr/include/libudev.h' }), ['g++']);
  });
});
