// `npm run package:linux -- [--arm64] [--x64] [--appimage]`: builds dist/ and the Electron terminal packages into
// release/ (needs the Electron download). The browser-kiosk package builds offline: `npm run package:deb`.
// Not run by the tests (they validate electron-builder.yml against the schema, and the afterPack ABI check).
//
// Prerequisites (checked below where possible):
//   - the Electron binary for the target: electron-builder downloads it from GitHub (or ELECTRON_MIRROR) on the
//     first run, or takes it from the electron-dist folder given as ELECTRON_DIST (electronDist);
//   - a C/C++ toolchain, python3 and make: better-sqlite3, @serialport/bindings-cpp, node-hid and epoll are rebuilt
//     from source for Electron's ABI (buildDependenciesFromSource), plus libudev-dev and libusb-1.0-0-dev for node-hid;
//   - fpm's runtime (ruby) is fetched by electron-builder; dpkg-deb must exist for .deb;
//   - arm64 on an x64 machine: native modules must be compiled FOR arm64, which needs an arm64 machine (a Pi 4/5 with
//     8 GB works) or an arm64 container under qemu:
//       docker run --rm --platform linux/arm64 -v "$PWD":/src -w /src node:20-bookworm \
//         sh -c 'apt-get update && apt-get install -y libudev-dev libusb-1.0-0-dev && npm ci && npm run package:linux -- --arm64'
//     (register qemu first: docker run --privileged --rm tonistiigi/binfmt --install arm64).
import { spawnSync } from 'node:child_process';
import { arch } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { requirePrerequisites } from './packaging/prerequisites.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: { arm64: { type: 'boolean' }, x64: { type: 'boolean' }, appimage: { type: 'boolean' } } });
const arches = [values.arm64 && 'arm64', values.x64 && 'x64'].filter(Boolean);
if (arches.length === 0) arches.push(arch() === 'arm64' ? 'arm64' : 'x64');

requirePrerequisites('package:linux', ['python3', 'make', 'gxx', 'dpkgDeb', 'libusb', 'libudev']);
const foreign = arches.filter((a) => a !== (arch() === 'arm64' ? 'arm64' : 'x64'));
if (foreign.length > 0) {
  process.stderr.write(
    `package: building ${foreign.join(', ')} on ${arch()}: the native modules must be compiled for the target. ` +
      'Run this on an arm64 machine or in an arm64 container (see the comment at the top of scripts/package.mjs).\n',
  );
  process.exit(2);
}

run(process.execPath, [join(root, 'scripts', 'build.mjs')]);
const targets = ['deb', ...(values.appimage ? ['AppImage'] : [])];
const builder = join(root, 'node_modules', '.bin', 'electron-builder');
run(builder, ['--linux', ...targets, ...arches.map((a) => `--${a}`), '--config', 'electron-builder.yml', '--publish', 'never', ...(process.env.ELECTRON_DIST ? [`-c.electronDist=${process.env.ELECTRON_DIST}`] : [])]);
process.stdout.write(`package: done, see ${join(root, 'release')}\n  install on the terminal: sudo apt install ./release/gate-terminal_*_${arches[0] === 'x64' ? 'amd64' : 'arm64'}.deb\n`);

function run(command, args) {
  // npm exports its config to scripts as npm_config_*; a global `nodedir=/usr` would make the native rebuild target
  // this machine's Node instead of Electron (the afterPack hook would then refuse the add-ons).
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_config_nodedir$/i.test(key)));
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
