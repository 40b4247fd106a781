/** `npm start` runs Electron only when the config allows it and it can really run; otherwise the browser host. */
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { chooseHostMode, findElectronBinary, type HostModeFacts } from '../../main/cli/choose-host-mode.js';
import { tempDir } from '../support/paths.js';

const BINARY = '/opt/gate/node_modules/electron/dist/electron';
const X11 = { DISPLAY: ':0' };
const facts = (overrides: Partial<HostModeFacts>): HostModeFacts => ({ configuredMode: 'auto', electronBinary: BINARY, env: X11, ...overrides });

describe('chooseHostMode', () => {
  it('auto: Electron when the binary is installed and there is an X11 or Wayland display', () => {
    assert.equal(chooseHostMode(facts({})).mode, 'electron');
    assert.equal(chooseHostMode(facts({ env: { WAYLAND_DISPLAY: 'wayland-0' } })).mode, 'electron');
  });

  it('auto: the browser host when the binary is missing, saying why', () => {
    const choice = chooseHostMode(facts({ electronBinary: undefined }));
    assert.equal(choice.mode, 'browser');
    assert.match(choice.reason, /^The Electron binary is not installed \(it is fetched on first launch, which needs internet\); using the browser host$/);
  });

  it('auto: the browser host without a display (unset or empty variables)', () => {
    for (const env of [{}, { DISPLAY: '', WAYLAND_DISPLAY: '' }]) {
      const choice = chooseHostMode(facts({ env }));
      assert.equal(choice.mode, 'browser');
      assert.match(choice.reason, /no display \(neither DISPLAY nor WAYLAND_DISPLAY is set\); using the browser host/);
    }
  });

  it('needs no DISPLAY on macOS or Windows', () => {
    assert.equal(chooseHostMode(facts({ env: {}, platform: 'darwin' })).mode, 'electron');
    assert.equal(chooseHostMode(facts({ env: {}, platform: 'win32' })).mode, 'electron');
    assert.equal(chooseHostMode(facts({ env: {}, platform: 'freebsd' })).mode, 'browser');
  });

  it('does not pick Electron as root on Linux, where its sandbox will not start', () => {
    const choice = chooseHostMode(facts({ runningAsRoot: true }));
    assert.equal(choice.mode, 'browser');
    assert.match(choice.reason, /root/);
  });

  it('browser in the config: the browser host even when Electron could run', () => {
    const choice = chooseHostMode(facts({ configuredMode: 'browser' }));
    assert.deepEqual(choice, { mode: 'browser', reason: 'host.mode is "browser" in the config' });
  });

  it('electron in the config: Electron when it can run', () => {
    assert.deepEqual(chooseHostMode(facts({ configuredMode: 'electron' })), { mode: 'electron', reason: 'host.mode is "electron" in the config' });
  });

  it('electron in the config but it cannot run: falls back to the browser host and says so', () => {
    const missing = chooseHostMode(facts({ configuredMode: 'electron', electronBinary: undefined }));
    assert.equal(missing.mode, 'browser');
    assert.match(missing.reason, /^host\.mode is "electron" but the Electron binary is not installed .*; falling back to the browser host$/);
    const headless = chooseHostMode(facts({ configuredMode: 'electron', env: {} }));
    assert.equal(headless.mode, 'browser');
    assert.match(headless.reason, /but there is no display .*falling back to the browser host$/);
  });
});

describe('findElectronBinary', () => {
  function project(files: Record<string, string>): string {
    const root = tempDir('electron-binary');
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    return root;
  }

  it('finds the executable named by node_modules/electron/path.txt inside dist/', () => {
    const root = project({ 'node_modules/electron/path.txt': 'electron', 'node_modules/electron/dist/electron': '#!/bin/sh\n' });
    chmodSync(join(root, 'node_modules/electron/dist/electron'), 0o755);
    assert.equal(findElectronBinary(root, {}), join(root, 'node_modules', 'electron', 'dist', 'electron'));
  });

  it('follows path.txt to the macOS bundle executable', () => {
    const inner = 'Electron.app/Contents/MacOS/Electron';
    const root = project({ 'node_modules/electron/path.txt': inner, [`node_modules/electron/dist/${inner}`]: '' });
    assert.equal(findElectronBinary(root, {}), join(root, 'node_modules', 'electron', 'dist', inner));
  });

  it('is undefined when the package is installed but the binary was never downloaded (no path.txt)', () => {
    const root = project({ 'node_modules/electron/package.json': '{"name":"electron"}', 'node_modules/electron/index.js': 'throw new Error("must not be loaded")' });
    assert.equal(findElectronBinary(root, {}), undefined);
  });

  it('is undefined when path.txt names a file that is missing, or a folder', () => {
    assert.equal(findElectronBinary(project({ 'node_modules/electron/path.txt': 'electron' }), {}), undefined);
    const folder = project({ 'node_modules/electron/path.txt': 'electron', 'node_modules/electron/dist/electron/x': '' });
    assert.equal(findElectronBinary(folder, {}), undefined);
  });

  it('is undefined without node_modules/electron at all', () => {
    assert.equal(findElectronBinary(tempDir('no-electron'), {}), undefined);
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH as the electron package does', () => {
    const override = project({ 'electron': '' });
    const root = project({ 'node_modules/electron/package.json': '{}' });
    assert.equal(findElectronBinary(root, { ELECTRON_OVERRIDE_DIST_PATH: override }), join(override, 'electron'));
    assert.equal(findElectronBinary(root, { ELECTRON_OVERRIDE_DIST_PATH: join(override, 'missing') }), undefined);
  });
});
