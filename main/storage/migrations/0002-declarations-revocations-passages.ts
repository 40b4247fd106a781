import type { Migration } from './index.js';

/**
 * The synced declaration set (keyed subject references only: the hub's valid declarations, for CCCD / PC-Covid
 * lookups), the revocation list, and the index anti-passback reads.
 */
export const m0002DeclarationsRevocations: Migration = {
  version: 2,
  name: 'declaration set, revocations, passage index',
  sql: `
    CREATE TABLE declarations (
      subject_ref  TEXT PRIMARY KEY,     -- CryptoPort.identityRef of the ID number (keyed HMAC, hex)
      declared_at  INTEGER NOT NULL,     -- ms since epoch
      expires_at   INTEGER NOT NULL,
      result       TEXT NOT NULL CHECK (result IN ('clear', 'medical-check', 'isolate')),
      source       TEXT NOT NULL         -- 'hub' bundle version or 'import:<file>'
    ) STRICT;
    CREATE INDEX declarations_by_expiry ON declarations (expires_at);
    CREATE TABLE revocations (
      credential_id TEXT PRIMARY KEY,    -- token id hex or DCC UVCI hash
      revoked_at    INTEGER NOT NULL,
      source        TEXT NOT NULL
    ) STRICT;
    CREATE INDEX entries_by_subject ON entries (subject_hmac, wall_time) WHERE subject_hmac IS NOT NULL;
  `,
};
