/**
 * Writing small secret files so they survive a power cut: the file's contents are fsync'd, then its folder entry
 * (best effort: not every platform can fsync a folder). Used for the subject key and the hub identity.
 */
import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/** Makes a new or renamed file's directory entry durable. */
export function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // e.g. Windows (EPERM/EISDIR); the file's own fsync still holds its contents
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function writeSynced(path: string, text: string, flag: 'wx' | 'w', mode: number): void {
  const fd = openSync(path, flag, mode);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Creates `path` (refusing to overwrite) with `text`, durably. */
export function createFileDurably(path: string, text: string, mode = 0o600): void {
  writeSynced(path, text, 'wx', mode);
  syncFolder(dirname(path));
}

/** Replaces `path` atomically (temp file + rename) with `text`, durably. */
export function replaceFileDurably(path: string, text: string, mode = 0o600): void {
  const temp = `${path}.${process.pid}.tmp`;
  writeSynced(temp, text, 'w', mode);
  renameSync(temp, path);
  syncFolder(dirname(path));
}
