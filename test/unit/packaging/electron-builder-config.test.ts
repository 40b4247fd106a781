/**
 * electron-builder.yml: valid against electron-builder's own JSON schema (node_modules/app-builder-lib/scheme.json,
 * draft-07, checked with the ajv and options electron-builder itself uses), and the project's packaging rules: only
 * runtime files, the native modules rebuilt for Electron, maintainer scripts that exist, are executable, parse with
 * `sh -n` and use only the macros electron-builder fills in.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { parse as parseYaml } from 'yaml';

const root = join(import.meta.dirname, '..', '..', '..');
const require = createRequire(join(root, 'node_modules', 'app-builder-lib', 'package.json'));
type Validate = ((data: unknown) => boolean) & { errors?: { instancePath: string; message?: string }[] | null };
const Ajv = (require('ajv') as { default: new (o: object) => { compile(schema: object): Validate } }).default;
const schema = JSON.parse(readFileSync(join(root, 'node_modules', 'app-builder-lib', 'scheme.json'), 'utf8')) as object;
// The options of app-builder-lib/out/util/config/schemaValidator.js.
const validate = new Ajv({ allErrors: true, coerceTypes: true, strict: false }).compile(schema);

interface BuilderConfig {
  appId: string;
  productName: string;
  executableName: string;
  files: string[];
  asar: boolean;
  npmRebuild: boolean;
  buildDependenciesFromSource: boolean;
  extraResources: { from: string; to: string }[];
  linux: { target: { target: string; arch: string[] }[]; desktop: { entry: Record<string, string> }; category: string };
  deb: { depends: string[]; afterInstall: string; afterRemove: string };
}
const readConfig = (): BuilderConfig => parseYaml(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const errorsOf = (data: unknown) => (validate(structuredClone(data)) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`));

/** The bare module names a built bundle imports at runtime (node: built-ins and electron excluded). */
function runtimeImports(bundle: string): Set<string> {
  const text = readFileSync(join(root, 'dist', bundle), 'utf8');
  const names = new Set<string>();
  for (const m of text.matchAll(/(?:from\s*|import\(\s*|require\(\s*)["']([^"'./][^"']*)["']/g)) {
    const spec = m[1]!;
    if (spec.startsWith('node:') || spec === 'electron') continue;
    names.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
  }
  return names;
}

describe('electron-builder.yml', () => {
  it('is valid against electron-builder’s schema, and the validator does refuse an unknown or mistyped option', () => {
    const config = readConfig();
    assert.deepEqual(errorsOf(config), []);
    assert.notDeepEqual(errorsOf({ ...config, linux: { ...config.linux, targets: ['deb'] } }), [], 'unknown key accepted');
    assert.notDeepEqual(errorsOf({ ...config, deb: { ...config.deb, depends: 'cage' } }), [], 'string for an array accepted');
  });

  it('names the app: ASCII app id and executable, Vietnamese product name and desktop entry', () => {
    const config = readConfig();
    assert.match(config.appId, /^[a-z0-9]+(\.[a-z0-9-]+)+$/);
    assert.equal(config.executableName, 'gate-terminal');
    assert.match(config.productName, /[ổểđ]/u);
    assert.equal(config.linux.desktop.entry.Name, config.productName);
    assert.ok(config.linux.category);
  });

  it('builds .deb for arm64 and x64 and an AppImage for x64', () => {
    const targets = Object.fromEntries(readConfig().linux.target.map((t) => [t.target, [...t.arch].sort()]));
    assert.deepEqual(targets, { deb: ['arm64', 'x64'], AppImage: ['x64'] });
  });

  it('packs only runtime files: dist without the hub bundle and source maps; no hub, test, bench or docs', () => {
    const files = readConfig().files;
    for (const included of ['dist/**/*', 'package.json', 'config/default.yaml']) assert.ok(files.includes(included), included);
    for (const excluded of ['!dist/hub-cli.mjs', '!dist/**/*.map', '!hub${/*}', '!test${/*}', '!bench${/*}', '!docs${/*}']) assert.ok(files.includes(excluded), excluded);
    assert.ok(!files.some((f) => /^(hub|test|bench|docs|main|core|renderer|hardware)\//.test(f)), 'sources or hub listed as files');
  });

  it('drops hub-only packages but none that the terminal bundles import at runtime', () => {
    const dropped = readConfig()
      .files.map((f) => /^!node_modules\/(.+)\$\{\/\*\}$/.exec(f)?.[1])
      .filter((name): name is string => name !== undefined);
    for (const hubOnly of ['fastify', 'pg', 'pdfkit']) assert.ok(dropped.includes(hubOnly), hubOnly);
    assert.ok(existsSync(join(root, 'dist', 'cli.mjs')), 'dist/ is missing: run `node scripts/build.mjs` first');
    for (const bundle of ['cli.mjs', 'electron-main.mjs', 'preload.cjs']) {
      for (const name of runtimeImports(bundle)) assert.ok(!dropped.includes(name), `${bundle} imports ${name}, which the package drops`);
    }
  });

  it('the sandboxed preload requires nothing but electron (a sandboxed preload cannot load packages)', () => {
    assert.ok(existsSync(join(root, 'dist', 'preload.cjs')), 'dist/ is missing: run `node scripts/build.mjs` first');
    assert.deepEqual([...runtimeImports('preload.cjs')], []);
    assert.match(readFileSync(join(root, 'dist', 'preload.cjs'), 'utf8'), /require\("electron"\)/);
  });

  it('rebuilds the native modules for Electron from source and ships plain files (no asar archive)', () => {
    const config = readConfig();
    assert.equal(config.npmRebuild, true);
    assert.equal(config.buildDependenciesFromSource, true);
    assert.equal(config.asar, false, 'native add-ons and ES modules run by ELECTRON_RUN_AS_NODE load from plain files');
    const deps = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies;
    for (const native of ['better-sqlite3', '@serialport/bindings-cpp', 'node-hid', 'epoll']) {
      assert.ok(existsSync(join(root, 'node_modules', native, 'binding.gyp')), `${native} has no binding.gyp to rebuild`);
    }
    for (const direct of ['better-sqlite3', 'serialport', 'node-hid', 'onoff']) assert.ok(deps[direct], `${direct} is not a runtime dependency`);
  });

  it('ships the systemd units, udev rules and starter config as resources', () => {
    const resource = readConfig().extraResources.find((r) => r.from === 'packaging');
    assert.equal(resource?.to, 'packaging');
    for (const file of ['systemd/gate-terminal-kiosk.service', 'systemd/gate-terminal-host.service', 'systemd/gate-terminal-browser-kiosk.service', 'udev/60-gate-terminal.rules', 'config/gate-terminal.yaml']) {
      assert.ok(existsSync(join(root, 'packaging', file)), file);
    }
  });

  it('depends on the kiosk compositor (with the Xwayland it needs), the GPIO tools, python3 (the sd_notify relay) and udev', () => {
    const depends = readConfig().deb.depends;
    for (const dep of ['cage', 'xwayland', 'gpiod', 'python3', 'adduser', 'udev', 'systemd', 'libnss3', 'libgtk-3-0']) assert.ok(depends.includes(dep), dep);
  });

  it('is complete for electron-builder: homepage and author in package.json, a maintainer, the afterPack ABI check', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { homepage?: string; author?: { email?: string } };
    assert.match(pkg.homepage ?? '', /^https:\/\//);
    assert.match(pkg.author?.email ?? '', /@/);
    const config = readConfig() as BuilderConfig & { afterPack?: string; linux: { maintainer?: string } };
    assert.match(config.linux.maintainer ?? '', /<[^>]+@[^>]+>/);
    assert.ok(config.afterPack && existsSync(join(root, config.afterPack)), 'afterPack hook missing');
  });
});

describe('maintainer scripts', () => {
  const scripts = () => {
    const deb = readConfig().deb;
    return [deb.afterInstall, deb.afterRemove].map((p) => join(root, p));
  };

  it('exist, are executable and use only the macros electron-builder defines (any other ${…} fails the build)', () => {
    for (const file of scripts()) {
      assert.ok(statSync(file).mode & 0o111, `${file} is not executable`);
      const macros = [...readFileSync(file, 'utf8').matchAll(/\$\{([a-zA-Z]+)\}/g)].map((m) => m[1]);
      assert.ok(macros.length > 0, `${file} never names the install folder`);
      for (const macro of macros) assert.ok(['executable', 'sanitizedProductName', 'productFilename'].includes(macro!), `${file}: \${${macro}} is no electron-builder macro`);
    }
  });

  it('parse with sh -n once the macros are filled in as electron-builder does', () => {
    for (const file of scripts()) {
      const filled = readFileSync(file, 'utf8').replace(/\$\{([a-zA-Z]+)\}/g, (_m, name: string) => (name === 'executable' ? 'gate-terminal' : 'Cổng kiểm soát'));
      const result = spawnSync('sh', ['-n'], { input: filled, encoding: 'utf8' });
      assert.equal(result.status, 0, `${file}: ${result.stderr}`);
    }
    const broken = spawnSync('sh', ['-n'], { input: 'if true; then echo\n', encoding: 'utf8' });
    assert.notEqual(broken.status, 0, 'sh -n accepted a broken script');
  });

  it('postinst creates the gate user in the device groups, installs units and rules, reloads and enables a session', () => {
    const text = readFileSync(scripts()[0]!, 'utf8');
    assert.match(text, /adduser --system --group .* gate/);
    assert.match(text, /for group in dialout gpio input video render plugdev audio/);
    assert.match(text, /systemd\/\*\.service "\$R\/lib\/systemd\/system\/"/);
    assert.match(text, /udev\/\*\.rules "\$R\/lib\/udev\/rules\.d\/"/);
    assert.match(text, /systemctl daemon-reload/);
    assert.match(text, /units enable gate-terminal-kiosk\.service/);
    assert.match(text, /units enable gate-terminal-host\.service gate-terminal-browser-kiosk\.service/);
  });
});
