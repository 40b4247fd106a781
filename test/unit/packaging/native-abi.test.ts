/**
 * The ABI check of packaged native add-ons (scripts/packaging/elf-addon.mjs), on the real .node files of this
 * checkout: the NODE_MODULE_VERSION read from each file (node_register_module_vNNN, Node-API, or the old
 * node_module struct) and its ELF machine; the runtime figures it is compared with (the bundled Node's, node-abi's
 * for the pinned Electron); and the Electron flavour's afterPack hook refusing add-ons built for the wrong runtime
 * (what a global `nodedir=/usr` produced: Node 20's ABI 115 where Electron 45 needs its own).
 */
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { arch } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { afterPack, electronAbi, installedElectronVersion } from '../../../scripts/packaging/after-pack.mjs';
import { addonProblems, inspectAddon } from '../../../scripts/packaging/elf-addon.mjs';
import { NODE_RUNTIME_ABI, NODE_RUNTIME_VERSION } from '../../../scripts/packaging/node-runtime.mjs';
import { tempDir } from '../../support/paths.js';

const root = join(import.meta.dirname, '..', '..', '..');
const modules = join(root, 'node_modules');
const hostArch = arch() === 'arm64' ? 'arm64' : 'x64';
const SQLITE = join(modules, 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
const EPOLL = join(modules, 'epoll', 'build', 'Release', 'epoll.node');
const HID_ARM64 = join(modules, 'node-hid', 'prebuilds', 'HID_hidraw-linux-arm64', 'node-napi-v4.node');
const SERIAL_X64 = join(modules, '@serialport', 'bindings-cpp', 'prebuilds', 'linux-x64', '@serialport+bindings-cpp.glibc.node');
const nodeAbi = createRequire(join(root, 'package.json'))('node-abi') as { getAbi(target: string, runtime: string): string };
const work = tempDir('native-abi');
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('reading an add-on’s ABI and machine from the file', () => {
  it('better-sqlite3 as npm built it here: the ABI of the Node running the tests, this machine', () => {
    assert.deepEqual(inspectAddon(SQLITE), { arch: hostArch, abi: Number(process.versions.modules) });
  });

  it('epoll (old NODE_MODULE macro, no register symbol): the nm_version of its node_module struct', () => {
    assert.deepEqual(inspectAddon(EPOLL), { arch: hostArch, abi: Number(process.versions.modules) });
  });

  it('Node-API prebuilds (node-hid, serialport): ABI-stable, and the machine of their folder', () => {
    assert.deepEqual(inspectAddon(HID_ARM64), { arch: 'arm64', abi: 'napi' });
    assert.deepEqual(inspectAddon(SERIAL_X64), { arch: 'x64', abi: 'napi' });
  });

  it('a file that is no ELF object is refused with its name', () => {
    assert.throws(() => inspectAddon(join(root, 'package.json')), /not an ELF file/);
  });
});

describe('the runtimes the add-ons are checked against', () => {
  it('the browser-kiosk package’s Node: the pinned ABI is node-abi’s figure for the pinned version, Node ≥ 20', () => {
    assert.equal(NODE_RUNTIME_ABI, Number(nodeAbi.getAbi(NODE_RUNTIME_VERSION, 'node')));
    assert.ok(Number(NODE_RUNTIME_VERSION.split('.')[0]) >= 20);
  });

  it('the Electron package: node-abi’s figure for the Electron in package-lock, which is not Node’s', () => {
    const version = installedElectronVersion(root);
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version: string }> };
    assert.equal(version, lock.packages['node_modules/electron']!.version);
    const abi = electronAbi(root, version);
    assert.equal(abi, Number(nodeAbi.getAbi(version, 'electron')));
    assert.notEqual(abi, Number(process.versions.modules));
  });

  it('add-ons built for this Node are refused for Electron and for the bundled Node, with file and both ABIs', () => {
    const electron = electronAbi(root, installedElectronVersion(root));
    const problems = addonProblems([SQLITE, EPOLL, SERIAL_X64], { abi: electron, arch: hostArch, label: 'Electron' });
    assert.equal(problems.length, 2, problems.join('\n'));
    assert.match(problems[0]!, new RegExp(`better_sqlite3\\.node: NODE_MODULE_VERSION ${process.versions.modules}, but Electron loads ${electron}`));
    assert.deepEqual(addonProblems([SERIAL_X64], { abi: NODE_RUNTIME_ABI, arch: hostArch }), []);
    assert.match(addonProblems([HID_ARM64], { abi: NODE_RUNTIME_ABI, arch: 'x64' })[0]!, /built for arm64, the package is for x64/);
  });
});

describe('the Electron flavour’s afterPack hook (electron-builder.yml)', () => {
  const context = (appOutDir: string, archEnum: number) => ({ appOutDir, arch: archEnum, packager: { projectDir: root } });
  const X64 = 1;

  it('lets Node-API add-ons of the right machine through, refuses a Node-ABI build and another machine', async () => {
    const good = join(work, 'good');
    mkdirSync(join(good, 'resources', 'app', 'node_modules', 'serialport'), { recursive: true });
    cpSync(SERIAL_X64, join(good, 'resources', 'app', 'node_modules', 'serialport', 'b.node'));
    await afterPack(context(good, X64));

    const stale = join(work, 'stale');
    cpSync(good, stale, { recursive: true });
    cpSync(SQLITE, join(stale, 'resources', 'app', 'node_modules', 'better_sqlite3.node'));
    await assert.rejects(afterPack(context(stale, X64)), /better_sqlite3\.node: NODE_MODULE_VERSION \d+, but Electron 45\.[\d.]+ loads \d+/);

    const foreign = join(work, 'foreign');
    cpSync(good, foreign, { recursive: true });
    cpSync(HID_ARM64, join(foreign, 'resources', 'app', 'node_modules', 'hid.node'));
    await assert.rejects(afterPack(context(foreign, X64)), /hid\.node: built for arm64, the package is for x64/);
  });
});
