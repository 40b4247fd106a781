// Build prerequisites, checked before anything runs, each named with the Debian package that brings it, so a
// machine lacking one gets the exact `apt-get install` line instead of a compiler error six minutes later.
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** [what is looked for, Debian package]. A name is a command on PATH, an absolute path is a file (a header). */
export const TOOLS = {
  dpkgDeb: ['dpkg-deb', 'dpkg'],
  make: ['make', 'make'],
  gxx: ['g++', 'g++'],
  python3: ['python3', 'python3'],
  crossGxxArm64: ['aarch64-linux-gnu-g++', 'g++-aarch64-linux-gnu'],
  libusb: ['/usr/include/libusb-1.0/libusb.h', 'libusb-1.0-0-dev'],
  libudev: ['/usr/include/libudev.h', 'libudev-dev'],
};

function onPath(command, pathEnv) {
  return (pathEnv ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * The Debian packages missing for `needs` (keys of TOOLS), in order, without repeats.
 * @param {(keyof typeof TOOLS)[]} needs
 * @param {{ pathEnv?: string, fileExists?: (path: string) => boolean }} [options]
 * @returns {string[]}
 */
export function missingPackages(needs, { pathEnv = process.env.PATH, fileExists = existsSync } = {}) {
  const missing = needs.map((key) => TOOLS[key]).filter(([what]) => (what.startsWith('/') ? !fileExists(what) : !onPath(what, pathEnv)));
  return [...new Set(missing.map(([, pkg]) => pkg))];
}

/** Exits with the install command when something is missing. */
export function requirePrerequisites(script, needs, options) {
  const missing = missingPackages(needs, options);
  if (missing.length === 0) return;
  process.stderr.write(`${script}: missing build prerequisites (Debian packages): ${missing.join(', ')}\n  sudo apt-get install -y ${missing.join(' ')}\n`);
  process.exit(2);
}
