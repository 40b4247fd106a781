/**
 * The SQLite store is for one hub process (docs/scaling.md): better-sqlite3 would let a second process open the file,
 * but nothing the hub keeps for replicas (check-in wake-ups) crosses processes. So `gate-terminal hub` takes
 * `<file>.hub-lock` holding its pid; a second hub on the same file stops with a clear message. A lock left by a
 * process that no longer exists (SIGKILL, power cut) is taken over. Other tools (create-admin, doctor) do not lock.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock of the SQLite file at `path`; returns the release function. */
export function lockSqliteForHub(path: string): () => void {
  const lockPath = `${path}.hub-lock`;
  // A first start has no data folder yet: make it, as opening the database does (sqlite-hub-store.ts).
  mkdirSync(dirname(lockPath), { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number(readFileSync(lockPath, 'utf8').trim());
    if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && alive(holder)) {
      throw new Error(
        `Tệp SQLite ${path} đang được hub khác dùng (tiến trình ${holder}). SQLite chỉ cho một tiến trình hub; để chạy nhiều hub, dùng PostgreSQL (docs/scaling.md). — ` +
          `The SQLite file ${path} is in use by another hub process (pid ${holder}). SQLite serves one hub process only; run replicas on PostgreSQL (docs/scaling.md).`,
      );
    }
    rmSync(lockPath, { force: true }); // stale: its process is gone (or it is ours, from an earlier start in this process)
  }
  throw new Error(`could not take the hub lock ${lockPath}`);
}
