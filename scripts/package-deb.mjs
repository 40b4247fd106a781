// `npm run package:deb [-- --arm64|--x64] [--version V] [--out DIR]`: the browser-kiosk terminal as one Debian
// package, release/gate-terminal_<version>_<arch>.deb, built with dpkg-deb (no Electron download, works offline once
// the runtime is cached). What goes in comes from electron-builder.yml (scripts/packaging/deb-contents.mjs), laid out
// as electron-builder lays out the Electron flavour, so the same units, wrapper and maintainer scripts serve both:
//   /opt/<productName>/runtime/bin/node      Node ≥ 20 (scripts/packaging/node-runtime.mjs; Debian 12 has 18)
//   /opt/<productName>/resources/app/         dist/, config/, package.json, production node_modules (add-ons for
//                                             that runtime: scripts/packaging/native-addons.mjs)
//   /opt/<productName>/resources/packaging/   units, udev rules, starter config, /usr/bin/gate-terminal
// The maintainer scripts (packaging/deb/*) enable the host and the kiosk browser: no Electron binary, browser session.
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { arch as hostArchOf } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { appFileSource, appFiles, droppedPackages, extraResourceFiles, productionModules, readBuilderConfig } from './packaging/deb-contents.mjs';
import { addonProblems } from './packaging/elf-addon.mjs';
import { findAddons, prepareAddons } from './packaging/native-addons.mjs';
import { NODE_RUNTIME_ABI, NODE_RUNTIME_VERSION, nodeRuntime } from './packaging/node-runtime.mjs';
import { requirePrerequisites } from './packaging/prerequisites.mjs';
import { hostFlavourControl } from './packaging/deb-control.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const started = Date.now();
const { values } = parseArgs({ options: { arm64: { type: 'boolean' }, x64: { type: 'boolean' }, version: { type: 'string' }, out: { type: 'string' } } });
const hostArch = hostArchOf() === 'arm64' ? 'arm64' : 'x64';
const arch = values.arm64 ? 'arm64' : values.x64 ? 'x64' : hostArch;
const debArch = arch === 'x64' ? 'amd64' : 'arm64';
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const version = values.version ?? pkg.version;
if (!/^[0-9][A-Za-z0-9.+~-]*$/.test(version)) fail(`--version ${version} is no Debian version (digits first, then letters, digits, . + ~ -)`);
const out = values.out ?? join(root, 'release');
const cacheDir = join(root, 'node_modules', '.cache', 'gate-terminal-deb');
const log = (line) => process.stdout.write(`package:deb: ${line}\n`);

requirePrerequisites('package:deb', ['dpkgDeb', 'make', 'gxx', 'python3', ...(arch !== hostArch && arch === 'arm64' ? ['crossGxxArm64'] : [])]);

log(`gate-terminal ${version} for ${debArch}, Node ${NODE_RUNTIME_VERSION}`);
// Built apart from the project's dist/ (which tests and a running host may be using), with the version stamped in.
const built = { dist: join(cacheDir, `dist-${arch}`) };
run(process.execPath, [join(root, 'scripts', 'build.mjs')], { GATE_TERMINAL_VERSION: version, GATE_BUILD_OUT: built.dist });

const config = readBuilderConfig(root);
const productDir = `opt/${config.productName}`;
const stage = join(cacheDir, `stage-${arch}`);
rmSync(stage, { recursive: true, force: true });
const app = join(stage, productDir, 'resources', 'app');
for (const file of appFiles(root, config, built)) cpSync(appFileSource(root, file, built), join(app, file));
for (const dir of productionModules(root, droppedPackages(config))) {
  // A nested node_modules is copied with its own entry; here only the package's own files.
  cpSync(join(root, dir), join(app, dir), { recursive: true, filter: (src) => !src.slice(join(root, dir).length).includes('/node_modules/') });
}
prepareAddons(join(app, 'node_modules'), { root, runtimeDir: nodeRuntime(cacheDir, arch), runtimeVersion: NODE_RUNTIME_VERSION, arch, hostArch, cacheDir, log });

const runtime = nodeRuntime(cacheDir, arch);
for (const file of ['bin/node', 'LICENSE']) cpSync(join(runtime, file), join(stage, productDir, 'runtime', file));
for (const { from, to } of extraResourceFiles(root, config)) cpSync(from, join(stage, productDir, 'resources', to));

// Every add-on must load in the packaged runtime: right machine, right NODE_MODULE_VERSION (or Node-API).
const addons = findAddons(app);
const problems = addonProblems(addons, { abi: NODE_RUNTIME_ABI, arch, label: `the packaged Node ${NODE_RUNTIME_VERSION}` });
if (problems.length > 0) fail(`native add-ons do not fit the runtime:\n  ${problems.join('\n  ')}`);
if (arch === hostArch) {
  const load = spawnSync(join(stage, productDir, 'runtime', 'bin', 'node'), ['-e', 'for (const f of process.argv.slice(1)) process.dlopen({ exports: {} }, f)', ...addons], { encoding: 'utf8' });
  if (load.status !== 0) fail(`the packaged runtime cannot load an add-on:\n${load.stderr}`);
}

const debian = join(stage, 'DEBIAN');
mkdirSync(debian, { recursive: true });
writeFileSync(join(debian, 'control'), hostFlavourControl({ config, pkg, version, debArch, installedSizeKiB: diskUsageKiB(stage) }));
const macros = { executable: config.executableName, sanitizedProductName: config.productName, productFilename: config.productName };
for (const [name, source] of [['postinst', config.deb.afterInstall], ['postrm', config.deb.afterRemove]]) {
  const text = readFileSync(join(root, source), 'utf8').replace(/\$\{([a-zA-Z]+)\}/g, (m, macro) => macros[macro] ?? m);
  writeFileSync(join(debian, name), text);
  chmodSync(join(debian, name), 0o755);
}

mkdirSync(out, { recursive: true });
for (const old of readdirSync(out).filter((f) => f.startsWith('gate-terminal_') && f.endsWith(`_${debArch}.deb`))) rmSync(join(out, old));
const deb = join(out, `gate-terminal_${version}_${debArch}.deb`);
// zstd -3: dpkg ≥ 1.21.18 (Debian 12, Raspberry Pi OS bookworm) unpacks it; on a busy 2-core machine seconds instead
// of minutes for xz, for ~40 % more bytes (50 MB instead of 35 MB).
run('dpkg-deb', ['--build', '--root-owner-group', '-Zzstd', '-z3', stage, deb]);
rmSync(stage, { recursive: true, force: true });
rmSync(built.dist, { recursive: true, force: true });
log(`${deb}: ${(statSync(deb).size / 1e6).toFixed(1)} MB, ${addons.length} native add-ons for Node ${NODE_RUNTIME_VERSION} (ABI ${NODE_RUNTIME_ABI}) ${arch}, built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
log(`install: sudo apt install ${deb}`);

function diskUsageKiB(dir) {
  const du = spawnSync('du', ['-sk', '--apparent-size', dir], { encoding: 'utf8' });
  return Number(du.stdout.split('\t')[0]);
}

function run(command, args, env) {
  const result = spawnSync(command, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });
  if (result.status !== 0) fail(`${command} ${args.join(' ')} failed (exit ${result.status})`);
}

function fail(message) {
  process.stderr.write(`package:deb: ${message}\n`);
  process.exit(1);
}
