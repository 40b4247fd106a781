import type { Migration } from './index.js';

/**
 * One row the gate rewrites (fsync'd, like an entry) to find out whether the disk takes writes again after a
 * full or read-only filesystem stopped the register (main/storage/storage-failure.ts), and `gate-terminal doctor`
 * rewrites to check the register is writable. Holds nothing but the time of the last probe.
 */
export const m0007StorageProbe: Migration = {
  version: 7,
  name: 'storage probe',
  sql: `CREATE TABLE storage_probe (id INTEGER PRIMARY KEY CHECK (id = 1), probed_at INTEGER NOT NULL);`,
};
