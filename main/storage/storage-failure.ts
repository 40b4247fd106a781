/**
 * What kind of failure stopped a register write, and the alarm the guard sees for it. A full disk (SQLITE_FULL,
 * ENOSPC), a read-only filesystem (SQLITE_READONLY…, EROFS) and an I/O error (SQLITE_IOERR…, EIO) each have their
 * own code, so the screen and `gate-terminal doctor` can say what to do; anything else is REGISTER_WRITE_FAILED.
 *
 * Behaviour (main/gate/gate-service.ts): nobody is admitted and the relay goes to its configured safe position; every
 * later scan is answered with the same code and no entry (nothing is pretended); entries committed before stay as
 * they are; the gate probes the disk every few seconds and resumes by itself once a write succeeds again.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GateAlarm } from '../../core/index.js';

export type StorageFailureCode = 'STORAGE_FULL' | 'STORAGE_READ_ONLY' | 'STORAGE_IO_ERROR' | 'REGISTER_WRITE_FAILED';

export const STORAGE_ALARMS: Readonly<Record<StorageFailureCode, GateAlarm>> = {
  STORAGE_FULL: {
    code: 'STORAGE_FULL',
    vi: 'Bộ nhớ đầy — không ghi được sổ ra vào, cổng ở trạng thái an toàn. Kiểm tra thủ công và gọi IT.',
    en: 'Storage full — the entry register cannot be written, the gate is in its safe state. Check people manually and call IT.',
  },
  STORAGE_READ_ONLY: {
    code: 'STORAGE_READ_ONLY',
    vi: 'Bộ nhớ chỉ đọc — không ghi được sổ ra vào, cổng ở trạng thái an toàn. Kiểm tra thủ công và gọi IT.',
    en: 'Storage is read-only — the entry register cannot be written, the gate is in its safe state. Check people manually and call IT.',
  },
  STORAGE_IO_ERROR: {
    code: 'STORAGE_IO_ERROR',
    vi: 'Lỗi đọc/ghi bộ nhớ — không ghi được sổ ra vào, cổng ở trạng thái an toàn. Kiểm tra thủ công và gọi IT.',
    en: 'Storage I/O error — the entry register cannot be written, the gate is in its safe state. Check people manually and call IT.',
  },
  REGISTER_WRITE_FAILED: {
    code: 'REGISTER_WRITE_FAILED',
    vi: 'Không ghi được sổ ra vào — cổng đã khóa. Kiểm tra thủ công và gọi IT.',
    en: 'The entry register cannot be written — the gate is locked. Check people manually and call IT.',
  },
};

/** The codes along an error's cause chain (StorageError → SqliteError / ErrnoException). */
function codesOf(error: unknown): string[] {
  const codes: string[] = [];
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string') codes.push(e.code);
  }
  return codes;
}

/**
 * The errno of creating a small file in `dir` (undefined when that works): SQLite reports a write on a filesystem the
 * kernel turned read-only (ext4 errors=remount-ro) as a bare SQLITE_IOERR, and the mount flags may still say rw.
 */
function folderWriteErrno(dir: string): string | undefined {
  const probe = join(dir, '.gate-write-probe');
  try {
    writeFileSync(probe, 'probe');
    rmSync(probe, { force: true });
    return undefined;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? 'EIO';
  }
}

/** `dataDir`: the register's folder, asked whether it became read-only when SQLite reports a bare I/O error. */
export function classifyStorageFailure(error: unknown, dataDir?: string): StorageFailureCode {
  const codes = codesOf(error);
  if (dataDir !== undefined && codes.some((c) => c.startsWith('SQLITE_IOERR'))) {
    const errno = folderWriteErrno(dataDir);
    if (errno) codes.push(errno);
  }
  if (codes.some((c) => c === 'SQLITE_FULL' || c === 'ENOSPC' || c === 'EDQUOT')) return 'STORAGE_FULL';
  if (codes.some((c) => c.startsWith('SQLITE_READONLY') || c === 'EROFS')) return 'STORAGE_READ_ONLY';
  if (codes.some((c) => c.startsWith('SQLITE_IOERR') || c === 'EIO')) return 'STORAGE_IO_ERROR';
  return 'REGISTER_WRITE_FAILED';
}

/** The text a refused scan carries (the guard's result panel shows it): Vietnamese first, then English. */
export function storageRefusalMessage(code: StorageFailureCode): string {
  return `${STORAGE_ALARMS[code].vi} / ${STORAGE_ALARMS[code].en}`;
}
