/**
 * Small filesystems mounted for a test (the tests run as root): a tmpfs to fill up, and an ext4 image on a loop
 * device mounted `errors=remount-ro` whose `abort` makes the kernel turn it read-only under the running gate, as it
 * does on a real I/O error (a plain `remount,ro` is refused while the register is open for writing). When mounting is
 * not permitted the test FAILS with what to do — it is never skipped.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './paths.js';

export interface ScratchFilesystem {
  readonly dir: string;
  /** Fills the filesystem with a `filler` file until ENOSPC; returns its path. */
  fill(): string;
  unmount(): void;
}

function run(command: string, args: string[], hint: string): void {
  try {
    execFileSync(command, args, { stdio: 'pipe' });
  } catch (error) {
    const detail = (error as { stderr?: Buffer }).stderr?.toString().trim() || (error as Error).message;
    throw new Error(`${command} ${args.join(' ')} failed (${detail}): ${hint}`);
  }
}

const MOUNT_HINT = 'run the tests as root with CAP_SYS_ADMIN (a container needs --cap-add SYS_ADMIN and access to /dev/loop*)';

function filesystem(dir: string, cleanup: () => void): ScratchFilesystem {
  return {
    dir,
    fill() {
      const path = join(dir, 'filler');
      const fd = openSync(path, 'a');
      const chunk = Buffer.alloc(4096, 0x55);
      try {
        for (;;) writeSync(fd, chunk);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      } finally {
        closeSync(fd);
      }
      return path;
    },
    unmount() {
      run('umount', ['-l', dir], 'unmount by hand');
      cleanup();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function mountTmpfs(sizeKb: number): ScratchFilesystem {
  const dir = tempDir('tmpfs');
  run('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k`, 'tmpfs', dir], MOUNT_HINT);
  return filesystem(dir, () => undefined);
}

export interface Ext4Loop extends ScratchFilesystem {
  /** The kernel's reaction to a filesystem error under errors=remount-ro: read-only at once, open files and all. */
  abort(): void;
  /** What IT does after that: unmount, fsck, mount again (read-write). */
  repairAndRemount(): void;
}

export function mountExt4Loop(sizeMb: number): Ext4Loop {
  const dir = tempDir('ext4');
  const image = `${dir}.img`;
  run('truncate', ['-s', `${sizeMb}M`, image], 'needs coreutils');
  run('mkfs.ext4', ['-q', image], 'apt-get install -y e2fsprogs');
  const mount = () => run('mount', ['-o', 'loop,errors=remount-ro', image, dir], MOUNT_HINT);
  mount();
  return {
    ...filesystem(dir, () => rmSync(image, { force: true })),
    abort: () => run('mount', ['-o', 'remount,abort', dir], 'the kernel refused the ext4 abort option'),
    repairAndRemount() {
      run('umount', [dir], 'something still holds the filesystem open');
      try {
        execFileSync('e2fsck', ['-fy', image], { stdio: 'pipe' }); // exit 1 = errors corrected
      } catch (error) {
        if ((error as { status?: number }).status !== 1) throw error;
      }
      mount();
    },
  };
}
