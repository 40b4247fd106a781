/**
 * Running another architecture's Debian (the Raspberry Pi's arm64) on this x64 machine: the kernel hands every
 * aarch64 ELF to qemu-user-static through binfmt_misc. The registration must carry the F flag ("fix binary": the
 * kernel opens the interpreter when it is registered), so that it also works inside a chroot or a container, where
 * /usr/libexec/qemu-binfmt/… does not exist — Debian's /usr/lib/binfmt.d/qemu-aarch64.conf has it.
 *
 * ensureBinfmt() sets this up as `systemd-binfmt` or `update-binfmts --enable qemu-aarch64` would (neither runs in a
 * container without systemd as PID 1; binfmt-support is not installed here): mounts binfmt_misc when it is not, and
 * writes the conf line to its `register` file. Whatever it cannot do is an error naming the command that failed and
 * its error, and the package to install — never a skip.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { arch } from 'node:os';

const BINFMT = '/proc/sys/fs/binfmt_misc';
const QEMU_BY_ARCH: Record<string, string> = { arm64: 'aarch64' };

/** Debian's name for this machine's architecture. */
export function hostDebArch(): string {
  return arch() === 'arm64' ? 'arm64' : 'amd64';
}

export function isForeign(debArch: string): boolean {
  return debArch !== hostDebArch();
}

/** The registration's text (`enabled`, `interpreter …`, `flags: …`) or undefined when absent. */
function registration(name: string): string | undefined {
  try {
    return readFileSync(`${BINFMT}/${name}`, 'utf8');
  } catch {
    return undefined;
  }
}

/** Makes `debArch` binaries run through qemu-user-static (F flag), or throws saying what failed and how to fix it. */
export function ensureBinfmt(debArch: string): void {
  if (!isForeign(debArch)) return;
  const qemu = QEMU_BY_ARCH[debArch];
  if (!qemu) throw new Error(`no qemu-user emulator known for ${debArch}`);
  const binary = `/usr/bin/qemu-${qemu}-static`;
  const conf = `/usr/lib/binfmt.d/qemu-${qemu}.conf`;
  if (!existsSync(binary) || !existsSync(conf)) throw new Error(`${binary} or ${conf} missing: sudo apt-get install -y qemu-user-static`);
  if (!existsSync(`${BINFMT}/status`)) {
    const mount = spawnSync('mount', ['-t', 'binfmt_misc', 'binfmt_misc', BINFMT], { encoding: 'utf8' });
    if (mount.status !== 0) {
      throw new Error(`binfmt_misc is not mounted and \`mount -t binfmt_misc binfmt_misc ${BINFMT}\` failed (${mount.status ?? mount.signal}): ${mount.stderr.trim()}` +
        ' — run the test as root on a host (or a container with CAP_SYS_ADMIN) where binfmt_misc can be mounted');
    }
  }
  const name = `qemu-${qemu}`;
  if (registration(name) === undefined) {
    try {
      writeFileSync(`${BINFMT}/register`, readFileSync(conf, 'utf8').trim());
    } catch (error) {
      throw new Error(`registering ${conf} in ${BINFMT}/register failed: ${String(error)} — on a systemd host: sudo systemctl restart systemd-binfmt`);
    }
  }
  const text = registration(name) ?? '';
  if (!/^enabled/m.test(text)) {
    try {
      writeFileSync(`${BINFMT}/${name}`, '1');
    } catch (error) {
      throw new Error(`${BINFMT}/${name} is disabled and enabling it failed: ${String(error)} — sudo update-binfmts --enable ${name}`);
    }
  }
  if (!/^flags:.*F/m.test(registration(name) ?? '')) {
    throw new Error(`${BINFMT}/${name} is registered without the F flag, so it cannot run inside a chroot: ` +
      `echo -1 | sudo tee ${BINFMT}/${name} && sudo systemctl restart systemd-binfmt (Debian's qemu-user-static conf has F)`);
  }
}
