/**
 * Opens the register's SQLite file with the durability it promises: WAL + synchronous=FULL, set AND read back on
 * every open (a pragma SQLite silently refuses would otherwise weaken the "on disk before the relay" promise).
 * A damaged file is never repaired or rewritten here: it is refused with STORAGE_CORRUPT and left as it is.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIGRATIONS, type Migration } from './migrations/index.js';
import { StorageError } from './storage-error.js';

export type SqliteDatabase = Database.Database;

const SYNCHRONOUS_FULL = 2;

function isCorruption(error: unknown): boolean {
  const code = (error as { code?: string }).code ?? '';
  return code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT');
}

function corrupt(path: string, detail: string, cause?: unknown): StorageError {
  return new StorageError(
    'STORAGE_CORRUPT',
    `The register database ${path} is damaged (${detail}). Nothing was changed. Keep the file for recovery, ` +
      'move it aside, and start again to create an empty register; call IT to recover entries not yet sent to the hub.',
    { cause },
  );
}

export function applyMigrations(db: SqliteDatabase, migrations: readonly Migration[] = MIGRATIONS): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    try {
      db.transaction(() => {
        db.exec(migration.sql);
        db.pragma(`user_version = ${migration.version}`);
      })();
    } catch (error) {
      throw new StorageError('STORAGE_MIGRATION_FAILED', `migration ${migration.version} (${migration.name}) failed: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
  return db.pragma('user_version', { simple: true }) as number;
}

export function openDatabase(path: string, options: { migrations?: readonly Migration[] } = {}): SqliteDatabase {
  let db: SqliteDatabase;
  try {
    mkdirSync(dirname(path), { recursive: true });
    db = new Database(path);
  } catch (error) {
    throw new StorageError('STORAGE_OPEN_FAILED', `cannot open ${path}: ${(error as Error).message}`, { cause: error });
  }
  try {
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') throw new StorageError('STORAGE_PRAGMA_REFUSED', `${path}: journal_mode is ${String(mode)}, WAL required`);
    db.pragma('synchronous = FULL');
    const sync = db.pragma('synchronous', { simple: true });
    if (sync !== SYNCHRONOUS_FULL) throw new StorageError('STORAGE_PRAGMA_REFUSED', `${path}: synchronous is ${String(sync)}, FULL (2) required`);
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw corrupt(path, `quick_check: ${String(check)}`);
    applyMigrations(db, options.migrations);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof StorageError) throw error;
    if (isCorruption(error)) throw corrupt(path, (error as Error).message, error);
    throw new StorageError('STORAGE_OPEN_FAILED', `cannot open ${path}: ${(error as Error).message}`, { cause: error });
  }
}
