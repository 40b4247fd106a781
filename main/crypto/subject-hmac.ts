/**
 * Subjects are stored as keyed HMAC-SHA-256, never in clear. The key lives in the data directory (0600), created on
 * first start; the hub will later distribute a shared key so lookups match across a building's terminals.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createFileDurably } from '../platform/durable-file.js';
import { StorageError } from '../storage/storage-error.js';

/**
 * Reads the key, or creates it on first start. The new key is fsync'd (file and folder) before any entry is hashed
 * with it: a key lost to a power cut would silently unlink that day's entries from everything after it.
 * A damaged key file is refused with STORAGE_CORRUPT and left as it is, like a damaged register.
 */
export function loadOrCreateHmacKey(path: string): Buffer {
  try {
    if (existsSync(path)) {
      const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
      if (key.length < 32) {
        throw new StorageError(
          'STORAGE_CORRUPT',
          `The subject key ${path} is damaged (${key.length} of at least 32 bytes). Nothing was changed. Restore it from a ` +
            'backup, or move it aside to create a new key (entries hashed with the old key then no longer match new ones); call IT.',
        );
      }
      return key;
    }
    const key = randomBytes(32);
    createFileDurably(path, key.toString('base64') + '\n');
    return key;
  } catch (error) {
    if (error instanceof StorageError) throw error;
    throw new StorageError('STORAGE_OPEN_FAILED', `cannot read or create the subject key ${path}: ${(error as Error).message}`, { cause: error });
  }
}
