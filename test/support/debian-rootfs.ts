/**
 * A clean Debian 12 (bookworm) for install-and-boot tests, as a fresh terminal would be:
 *   - base: `debootstrap --variant=minbase bookworm`, built once per machine (~1–6 min, network: the Debian mirror)
 *     and kept as a tarball under /var/cache/gate-terminal-test (GATE_TERMINAL_ROOTFS_CACHE); another architecture
 *     (arm64 on x64) with `debootstrap --foreign` and the second stage under qemu-user (test/support/foreign-arch.ts);
 *   - with dependencies: the base plus what the package declares (Depends and Recommends, read from the .deb with
 *     dpkg-deb, installed by apt-get as `apt install ./the.deb` would) — cached per dependency list, because the
 *     booted container has no network (--private-network) and chromium alone is ~300 MB to fetch;
 *   - per test run: an overlay over that tree (extracted once next to the tarball), the package installed into it
 *     with dpkg; the run's changes are dropped afterwards.
 * Needs root, debootstrap, systemd-nspawn (systemd-container) and nsenter (util-linux): their absence is a failure
 * naming the apt-get command, never a skip.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBinfmt, isForeign } from './foreign-arch.js';

export const ROOTFS_CACHE = process.env.GATE_TERMINAL_ROOTFS_CACHE ?? '/var/cache/gate-terminal-test';
const MIRROR = 'http://deb.debian.org/debian';
const SOURCES = `deb ${MIRROR} bookworm main\ndeb ${MIRROR} bookworm-updates main\ndeb http://deb.debian.org/debian-security bookworm-security main\n`;
/** A clean environment for commands run in the rootfs (never the test's NODE_OPTIONS, npm_config_*, …). */
export const CLEAN_ENV = { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', LANG: 'C.UTF-8', DEBIAN_FRONTEND: 'noninteractive' };

/** Throws with the apt-get line when a tool is missing or the test is not root. */
export function requireBootTools(): void {
  if (process.getuid?.() !== 0) throw new Error('the install-and-boot test must run as root (chroot, dpkg into a rootfs, systemd-nspawn)');
  const missing: string[] = [];
  const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
  if (!has('debootstrap')) missing.push('debootstrap');
  if (!has('systemd-nspawn')) missing.push('systemd-container');
  if (!has('nsenter') || !has('chroot')) missing.push('util-linux', 'coreutils');
  if (missing.length > 0) throw new Error(`missing tools for the install-and-boot test: sudo apt-get install -y ${missing.join(' ')}`);
}

function run(command: string, args: string[], options: { timeoutMs?: number } = {}): string {
  const result = spawnSync(command, args, { encoding: 'utf8', env: { ...CLEAN_ENV }, timeout: options.timeoutMs ?? 900_000, maxBuffer: 64 << 20 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status ?? result.signal}):\n${(result.stdout ?? '').slice(-2000)}\n${(result.stderr ?? '').slice(-4000)}`);
  return result.stdout;
}

/** Runs `args` inside `root` with chroot, /proc mounted and the host's resolv.conf (apt needs the network). */
export function inChroot(root: string, args: string[], options: { timeoutMs?: number } = {}): string {
  copyFileSync('/etc/resolv.conf', join(root, 'etc', 'resolv.conf'));
  run('mount', ['-t', 'proc', 'proc', join(root, 'proc')]);
  try {
    return run('chroot', [root, ...args], options);
  } finally {
    spawnSync('umount', ['-l', join(root, 'proc')]);
  }
}

function pack(root: string, tarball: string): void {
  const partial = `${tarball}.partial`;
  run('tar', ['-C', root, '--numeric-owner', '-cf', partial, '.']);
  renameSync(partial, tarball);
}

/** The minbase tarball for `debArch`, built with debootstrap when missing. */
export function baseRootfs(debArch: string): string {
  const tarball = join(ROOTFS_CACHE, `debian-bookworm-minbase-${debArch}.tar`);
  if (existsSync(tarball)) return tarball;
  mkdirSync(ROOTFS_CACHE, { recursive: true });
  const root = mkdtempSync(join(ROOTFS_CACHE, 'build-'));
  try {
    if (isForeign(debArch)) {
      // Another architecture (the Pi's arm64): debootstrap unpacks only, its second stage runs the target's own
      // binaries (dpkg, maintainer scripts) in the rootfs under qemu-user (binfmt_misc; ~8 min here, once).
      ensureBinfmt(debArch);
      run('debootstrap', ['--variant=minbase', `--arch=${debArch}`, '--foreign', 'bookworm', root, MIRROR], { timeoutMs: 1_800_000 });
      run('chroot', [root, '/debootstrap/debootstrap', '--second-stage'], { timeoutMs: 3_600_000 });
    } else {
      run('debootstrap', ['--variant=minbase', `--arch=${debArch}`, 'bookworm', root, MIRROR], { timeoutMs: 1_800_000 });
    }
    execFileSync('sh', ['-c', `printf '%s' "$1" > "$2/etc/apt/sources.list"`, 'sh', SOURCES, root]);
    inChroot(root, ['apt-get', 'update', '-qq']);
    pack(root, tarball);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return tarball;
}

/** Package names of a Depends/Recommends field: first alternative, without version constraints. */
export function dependencyNames(field: string): string[] {
  return field
    .split(',')
    .map((d) => d.split('|')[0]!.replace(/\(.*\)/, '').trim())
    .filter((d) => d !== '');
}

/** The base plus everything `deb` declares (Depends, Recommends), cached per dependency list. */
export function rootfsWithDependencies(debArch: string, deb: string): string {
  const fields = ['Depends', 'Recommends'].map((f) => run('dpkg-deb', ['-f', deb, f]).trim());
  const names = [...new Set(fields.flatMap(dependencyNames))].sort();
  const key = createHash('sha256').update(names.join(' ')).digest('hex').slice(0, 12);
  const tarball = join(ROOTFS_CACHE, `debian-bookworm-${debArch}-deps-${key}.tar`);
  if (existsSync(tarball)) return tarball;
  const root = extractRootfs(baseRootfs(debArch));
  try {
    ensureBinfmt(debArch);
    inChroot(root, ['apt-get', 'update', '-qq']);
    const options: string[] = [];
    if (isForeign(debArch)) {
      // Under emulation every dpkg run and maintainer script goes through qemu (the first attempt with the defaults
      // was still unpacking after 30 min here): no fsync per file, no manual pages (nor man-db's trigger), and the
      // dependencies' own Recommends left out — the package's Depends and Recommends are all in `names`.
      writeFileSync(join(root, 'etc', 'dpkg', 'dpkg.cfg.d', 'gate-terminal-test'), 'force-unsafe-io\npath-exclude=/usr/share/man/*\npath-exclude=/usr/share/doc/*\n');
      options.push('--no-install-recommends');
    }
    inChroot(root, ['apt-get', 'install', '-y', '-qq', ...options, ...names], { timeoutMs: 5_400_000 });
    inChroot(root, ['apt-get', 'clean']);
    pack(root, tarball);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  // Layers for an older dependency list (~1.5 GB each with their tree) are of no further use.
  const prefix = `debian-bookworm-${debArch}-deps-`;
  for (const old of readdirSync(ROOTFS_CACHE).filter((f) => f.startsWith(prefix) && !f.startsWith(`${prefix}${key}.`))) {
    rmSync(join(ROOTFS_CACHE, old), { recursive: true, force: true });
  }
  return tarball;
}

/** A fresh copy of a cached rootfs, in a scratch folder next to the cache (same filesystem, no tmpfs limits). */
export function extractRootfs(tarball: string): string {
  const root = mkdtempSync(join(ROOTFS_CACHE, 'run-'));
  run('tar', ['-C', root, '--numeric-owner', '-xf', tarball]);
  return root;
}

export interface ScratchRootfs {
  readonly root: string;
  /** Unmounts and deletes what the run wrote; the cached tree stays untouched. */
  dispose(): void;
}

/**
 * A writable rootfs for one run without copying 1.5 GB: the cached tarball is extracted once into a folder next to
 * it, and each run mounts an overlay (that folder read-only below, a scratch upper layer on top). Deleting a run
 * then removes only what it changed (the installed package, the register), not the whole system.
 */
export function overlayRootfs(tarball: string): ScratchRootfs {
  const lower = tarball.replace(/\.tar$/, '.tree');
  if (!existsSync(join(lower, '.complete'))) {
    rmSync(lower, { recursive: true, force: true });
    mkdirSync(lower, { recursive: true });
    run('tar', ['-C', lower, '--numeric-owner', '-xf', tarball]);
    writeFileSync(join(lower, '.complete'), '');
  }
  const scratch = mkdtempSync(join(ROOTFS_CACHE, 'run-'));
  const [root, upper, work] = ['root', 'upper', 'work'].map((d) => join(scratch, d)) as [string, string, string];
  for (const dir of [root, upper, work]) mkdirSync(dir);
  run('mount', ['-t', 'overlay', 'overlay', '-o', `lowerdir=${lower},upperdir=${upper},workdir=${work}`, root]);
  return {
    root,
    dispose() {
      spawnSync('umount', ['-R', root]);
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}
