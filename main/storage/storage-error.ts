/** Storage failures with a code an IT person can act on. Raised instead of half-working on a damaged register. */
export type StorageErrorCode = 'STORAGE_OPEN_FAILED' | 'STORAGE_CORRUPT' | 'STORAGE_PRAGMA_REFUSED' | 'STORAGE_MIGRATION_FAILED' | 'STORAGE_WRITE_FAILED';

export class StorageError extends Error {
  constructor(
    readonly code: StorageErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StorageError';
  }
}
