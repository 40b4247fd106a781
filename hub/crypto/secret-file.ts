/**
 * A secret file of the hub's data dir: created once with mode 0600 and fsync'd, never rewritten; when two hubs start
 * on one data dir at once, the one that loses the race reads what the other wrote.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';

function writeSecret(path: string, text: string): void {
  const fd = openSync(path, 'wx', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function readOrCreate(path: string, create: () => string): string {
  if (!existsSync(path)) {
    try {
      writeSecret(path, create());
    } catch (error) {
      // Two hubs starting on one data dir: the other one won the race; read what it wrote.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return readFileSync(path, 'utf8');
}
