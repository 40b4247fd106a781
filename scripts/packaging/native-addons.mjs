// Native add-ons of the staged node_modules, made right for the runtime the package carries:
//   - better-sqlite3 and epoll (onoff) use V8's ABI: compiled here with node-gyp against that runtime's own headers
//     (the node-linux-* npm package ships include/node), never against the build machine's Node — the environment
//     is cleaned of npm_config_* first, because a global `nodedir=/usr` would silently win (issue 14). For arm64 on
//     an x64 machine the compiler is Debian's aarch64-linux-gnu cross compiler. Results are cached per
//     (package version, runtime version, arch) in node_modules/.cache, so a second package build compiles nothing.
//   - node-hid and @serialport/bindings-cpp are Node-API: their npm tarballs carry prebuilds for linux-x64 and
//     linux-arm64; only the target's glibc ones are kept.
// Sources, test extensions and object files are removed: the package holds each .node once.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** Compiled per runtime ABI: package → the file its loader (`bindings`) finds. */
const COMPILED = { 'better-sqlite3': 'better_sqlite3.node', epoll: 'epoll.node' };
const CROSS = { arm64: { CC: 'aarch64-linux-gnu-gcc', CXX: 'aarch64-linux-gnu-g++', LINK: 'aarch64-linux-gnu-g++', AR: 'aarch64-linux-gnu-ar' } };

function cleanEnv(extra) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_config_/i.test(k)) env[k] = v;
  return { ...env, ...extra };
}

function compile({ root, name, runtimeDir, runtimeVersion, arch, hostArch, cacheDir, log }) {
  const version = JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
  const cached = join(cacheDir, `${name}@${version}-node${runtimeVersion}-${arch}`, COMPILED[name]);
  if (existsSync(cached)) {
    log(`  ${name}@${version}: compiled for Node ${runtimeVersion} ${arch} earlier (${cached})`);
    return cached;
  }
  const work = join(cacheDir, 'work', `${name}-${arch}`);
  rmSync(work, { recursive: true, force: true });
  cpSync(join(root, 'node_modules', name), work, { recursive: true, filter: (src) => !src.includes('/build/') });
  const gyp = createRequire(join(root, 'package.json')).resolve('node-gyp/bin/node-gyp.js');
  const started = Date.now();
  log(`  ${name}@${version}: compiling for Node ${runtimeVersion} ${arch} …`);
  const result = spawnSync(process.execPath, [gyp, 'rebuild', `--nodedir=${runtimeDir}`, `--arch=${arch}`, '--jobs=max', '--release'], {
    cwd: work,
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
    env: cleanEnv(arch === hostArch ? {} : CROSS[arch]),
  });
  if (result.status !== 0) throw new Error(`compiling ${name} for Node ${runtimeVersion} ${arch} failed:\n${result.stderr.slice(-3000)}`);
  mkdirSync(join(cached, '..'), { recursive: true });
  cpSync(join(work, 'build', 'Release', COMPILED[name]), cached);
  rmSync(work, { recursive: true, force: true });
  log(`  ${name}: compiled in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return cached;
}

/** Keeps the prebuilds of `dir` whose folder name says linux-<arch> (glibc), removes the rest. */
function keepPrebuilds(dir, arch) {
  if (!existsSync(dir)) return;
  for (const folder of readdirSync(dir)) {
    const path = join(dir, folder);
    if (!new RegExp(`(^|[-_])linux-${arch}$`).test(folder)) {
      rmSync(path, { recursive: true, force: true });
      continue;
    }
    for (const file of readdirSync(path)) if (file.includes('.musl.')) rmSync(join(path, file));
  }
}

/**
 * @param {string} modules the staged node_modules folder
 * @param {{ root: string, runtimeDir: string, runtimeVersion: string, arch: 'x64' | 'arm64', hostArch: string, cacheDir: string, log: (line: string) => void }} options
 */
export function prepareAddons(modules, options) {
  for (const name of Object.keys(COMPILED)) {
    const dir = join(modules, name);
    if (!existsSync(dir)) continue;
    const built = compile({ ...options, name });
    for (const junk of ['build', 'deps', 'src', 'test', 'example', 'binding.gyp']) rmSync(join(dir, junk), { recursive: true, force: true });
    mkdirSync(join(dir, 'build', 'Release'), { recursive: true });
    cpSync(built, join(dir, 'build', 'Release', COMPILED[name]));
  }
  keepPrebuilds(join(modules, 'node-hid', 'prebuilds'), options.arch);
  keepPrebuilds(join(modules, '@serialport', 'bindings-cpp', 'prebuilds'), options.arch);
  for (const junk of ['node-hid/hidapi', 'node-hid/src', '@serialport/bindings-cpp/src']) rmSync(join(modules, junk), { recursive: true, force: true });
}

/** Every .node file under `dir`. */
export function findAddons(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.node'))
    .map((e) => join(e.parentPath ?? e.path, e.name));
}
