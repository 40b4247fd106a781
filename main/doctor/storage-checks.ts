/**
 * Doctor checks of the data dir: the register's integrity (PRAGMA integrity_check), its migrations, that it takes a
 * write (the storage_probe row, fsync'd like an entry), free disk space on its filesystem, and the log folder.
 * The register is opened directly, never through openDatabase: a damaged file is reported, not refused or changed.
 */
import { accessSync, constants, existsSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../storage/migrations/index.js';
import { classifyStorageFailure, type StorageFailureCode } from '../storage/storage-failure.js';
import { fail, ok, warn, type DoctorCheck, type Fix } from './doctor-check.js';

export const DISK_WARN_BYTES = 500 * 1024 * 1024;
export const DISK_FAIL_BYTES = 50 * 1024 * 1024;
const MB = 1024 * 1024;

const STORAGE_FIXES: Record<StorageFailureCode | 'STORAGE_CORRUPT', (file: string) => Fix> = {
  STORAGE_CORRUPT: (file) => ({
    vi: `Sổ ra vào bị hỏng. Dừng dịch vụ, chuyển tệp sang chỗ khác (mv ${file} ${file}.damaged), khởi động lại và gọi IT để khôi phục.`,
    en: `The register is damaged. Stop the service, move the file aside (mv ${file} ${file}.damaged), start again and call IT to recover it.`,
  }),
  STORAGE_FULL: (file) => ({ vi: `Ổ đĩa đầy: giải phóng chỗ trống (df -h ${dirname(file)}; journalctl --vacuum-size=100M).`, en: `The disk is full: free some space (df -h ${dirname(file)}; journalctl --vacuum-size=100M).` }),
  STORAGE_READ_ONLY: () => ({ vi: 'Ổ đĩa ở chế độ chỉ đọc (thường do lỗi thẻ nhớ): chạy fsck, khởi động lại; thay thẻ nhớ nếu lặp lại.', en: 'The disk is read-only (usually a failing SD card): run fsck and reboot; replace the card if it happens again.' }),
  STORAGE_IO_ERROR: () => ({ vi: 'Lỗi đọc/ghi ổ đĩa: kiểm tra dmesg, chạy fsck; thay thẻ nhớ nếu lặp lại.', en: 'Disk I/O error: check dmesg, run fsck; replace the card if it happens again.' }),
  REGISTER_WRITE_FAILED: (file) => ({ vi: `Kiểm tra quyền của thư mục dữ liệu (chown -R gate: ${dirname(file)}).`, en: `Check the data folder permissions (chown -R gate: ${dirname(file)}).` }),
};

export function checkRegister(registerFile: string, now: number): DoctorCheck[] {
  const latest = Math.max(...MIGRATIONS.map((m) => m.version));
  if (!existsSync(registerFile)) {
    return [warn('storage', `no register yet at ${registerFile}`, { vi: 'Chạy gate-terminal start một lần để tạo sổ ra vào.', en: 'Run gate-terminal start once to create the register.' })];
  }
  let db: Database.Database | undefined;
  try {
    db = new Database(registerFile, { fileMustExist: true });
    db.pragma('busy_timeout = 3000');
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw Object.assign(new Error(`integrity_check: ${String(integrity)}`), { code: 'SQLITE_CORRUPT' });
    const version = db.pragma('user_version', { simple: true }) as number;
    const checks = [ok('storage', `${registerFile}: integrity_check ok`)];
    if (version < latest) {
      checks.push(warn('migrations', `register at version ${version}, this version of the app brings ${latest}`, { vi: 'Khởi động lại gate-terminal để áp dụng các bản cập nhật cơ sở dữ liệu.', en: 'Restart gate-terminal: it applies the pending migrations at start.' }));
      return checks;
    }
    checks.push(version > latest ? warn('migrations', `register at version ${version}, newer than this app (${latest})`, { vi: 'Cài lại phiên bản ứng dụng mới hơn.', en: 'Install the newer app version that wrote this register.' }) : ok('migrations', `up to date (version ${version})`));
    try {
      db.prepare('INSERT INTO storage_probe (id, probed_at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET probed_at = excluded.probed_at').run(now);
      checks.push(ok('register writable', 'a probe row was written'));
    } catch (error) {
      const cause = classifyStorageFailure(error, dirname(registerFile));
      checks.push(fail('register writable', `${(error as Error).message} (${cause})`, STORAGE_FIXES[cause](registerFile)));
    }
    return checks;
  } catch (error) {
    const code = String((error as { code?: string }).code ?? '');
    const corrupt = code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB';
    const cause = corrupt ? 'STORAGE_CORRUPT' : classifyStorageFailure(error, dirname(registerFile));
    return [fail('storage', `${registerFile}: ${(error as Error).message} (${cause})`, STORAGE_FIXES[cause](registerFile))];
  } finally {
    db?.close();
  }
}

function nearestExisting(path: string): string {
  let dir = path;
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

export function checkDisk(dataDir: string): DoctorCheck {
  const stats = statfsSync(nearestExisting(dataDir));
  const free = stats.bavail * stats.bsize;
  const detail = `${(free / MB).toFixed(0)} MB free of ${((stats.blocks * stats.bsize) / MB).toFixed(0)} MB at ${dataDir}`;
  const fix = { vi: `Giải phóng chỗ trống (journalctl --vacuum-size=100M; xóa tệp không cần trong ${dataDir}/..) hoặc dùng thẻ nhớ lớn hơn.`, en: `Free some space (journalctl --vacuum-size=100M; remove unneeded files near ${dataDir}) or use a larger card.` };
  if (free < DISK_FAIL_BYTES) return fail('free disk', `${detail} (below ${DISK_FAIL_BYTES / MB} MB)`, fix);
  if (free < DISK_WARN_BYTES) return warn('free disk', `${detail} (below ${DISK_WARN_BYTES / MB} MB)`, fix);
  return ok('free disk', detail);
}

export function checkLogDir(dir: string): DoctorCheck {
  const fix = { vi: `Tạo thư mục nhật ký và cấp quyền: mkdir -p ${dir} && chown gate: ${dir}`, en: `Create the log folder and give it to the gate user: mkdir -p ${dir} && chown gate: ${dir}` };
  try {
    if (!existsSync(dir)) {
      // The host creates it at start; here only the nearest existing parent must let it do so.
      const parent = nearestExisting(dir);
      accessSync(parent, constants.W_OK);
      return ok('log dir', `${dir} will be created at start (${parent} writable)`);
    }
    accessSync(dir, constants.W_OK);
    const probe = join(dir, '.doctor-probe');
    writeFileSync(probe, 'probe');
    rmSync(probe);
    return ok('log dir', `${dir} writable`);
  } catch (error) {
    return fail('log dir', `${dir}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, fix);
  }
}
