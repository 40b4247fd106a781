import type { Migration } from './index.js';

/**
 * The entry register, which is also the sync outbox (delivered_at is set when the hub acknowledges a row).
 * Privacy: who / where / when / direction / outcome / reasons only. No health answers, no ID numbers in clear:
 * subject_hmac is a keyed HMAC of the credential's subject reference.
 */
export const m0001EntryRegister: Migration = {
  version: 1,
  name: 'entry register',
  sql: `
    CREATE TABLE entries (
      id              TEXT PRIMARY KEY,              -- UUIDv7
      terminal_id     TEXT NOT NULL,
      seq             INTEGER NOT NULL CHECK (seq > 0),
      checkpoint_id   TEXT NOT NULL,
      direction       TEXT NOT NULL CHECK (direction IN ('in', 'out')),
      outcome         TEXT NOT NULL CHECK (outcome IN ('admit', 'deny', 'review')),
      reasons         TEXT NOT NULL,                 -- reason codes, space separated, primary first
      credential_kind TEXT NOT NULL,
      credential_id   TEXT,                          -- token id (not personal)
      subject_hmac    TEXT,
      display_name    TEXT NOT NULL DEFAULT '',
      scan_source     TEXT NOT NULL,
      wall_time       INTEGER NOT NULL,              -- ms since epoch at decision
      mono_time       INTEGER NOT NULL,              -- µs CLOCK_MONOTONIC at decision
      boot_id         TEXT NOT NULL,
      delivered_at    INTEGER,                       -- ms since epoch when the hub acknowledged it
      UNIQUE (terminal_id, seq)
    ) STRICT;
    CREATE INDEX entries_by_wall_time ON entries (checkpoint_id, wall_time);
    CREATE INDEX entries_undelivered ON entries (terminal_id, seq) WHERE delivered_at IS NULL;
  `,
};
