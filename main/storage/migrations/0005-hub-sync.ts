import type { Migration } from './index.js';

/**
 * Hub sync (main/sync): the last good bundle (kept whole, signature included, so a restart re-verifies it), the
 * staff list it carried, passages at the building's other doors relayed by the hub (cross-terminal anti-passback),
 * the hub-time anchors of each boot (entries of a terminal without RTC get a corrected time), and small sync state.
 * The outbox stays the entries table itself (delivered_at); nothing here copies entries.
 */
export const m0005HubSync: Migration = {
  version: 5,
  name: 'hub sync: bundle, staff list, relayed passages, clock anchors',
  sql: `
    CREATE TABLE hub_bundle (
      id         INTEGER PRIMARY KEY CHECK (id = 1),
      version    INTEGER NOT NULL,
      etag       TEXT NOT NULL,
      signed     TEXT NOT NULL,            -- the SignedBundle JSON exactly as received
      applied_at INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE staff_list (
      badge_id   TEXT PRIMARY KEY,
      department TEXT NOT NULL,
      status     TEXT NOT NULL CHECK (status IN ('active', 'suspended', 'left'))
    ) STRICT;
    CREATE TABLE relayed_passages (
      subject_hmac    TEXT NOT NULL,
      direction       TEXT NOT NULL CHECK (direction IN ('in', 'out')),
      at              INTEGER NOT NULL,      -- event time on the hub's clock, ms
      checkpoint_name TEXT NOT NULL,
      terminal_id     TEXT NOT NULL,
      hub_cursor      INTEGER NOT NULL UNIQUE
    ) STRICT;
    CREATE INDEX relayed_passages_by_subject ON relayed_passages (subject_hmac, at);
    CREATE INDEX relayed_passages_by_time ON relayed_passages (at);
    CREATE TABLE clock_anchors (
      boot_id     TEXT PRIMARY KEY,
      mono_time   INTEGER NOT NULL,          -- µs CLOCK_MONOTONIC of this boot ...
      hub_time    INTEGER NOT NULL,          -- ... at which the hub's clock read this (ms)
      measured_at INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE sync_state (
      key   TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;
  `,
};
