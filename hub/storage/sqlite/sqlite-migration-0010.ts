/**
 * SQLite migration 10 (its own file; sqlite-migrations.ts lists it): the state hub processes must agree on, moved out
 * of process memory (issue 20, hub/storage/hub-coordination.ts). SQLite stays one process (hub-app.ts takes a lock
 * file), but the same tables keep the code one: rate-limit windows, login attempts, admin sessions, reported versions.
 */
import type { SqliteMigration } from './sqlite-migrations.js';

export const m0010SharedState: SqliteMigration = {
  version: 10,
  name: 'shared state of hub replicas: rate-limit windows, login attempts, admin sessions, reported app versions',
  sql: `
    CREATE TABLE hub_counters (
      key          TEXT PRIMARY KEY,
      window_start INTEGER NOT NULL,
      count        INTEGER NOT NULL,
      expires_at   INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX hub_counters_by_expiry ON hub_counters (expires_at);
    CREATE TABLE login_attempts (
      key        TEXT NOT NULL,
      attempt_id TEXT NOT NULL,
      at         INTEGER NOT NULL,
      PRIMARY KEY (key, attempt_id)
    ) STRICT;
    CREATE INDEX login_attempts_by_time ON login_attempts (at);
    CREATE TABLE admin_sessions (
      session_id TEXT PRIMARY KEY,
      data       TEXT NOT NULL,
      expires_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX admin_sessions_by_expiry ON admin_sessions (expires_at);
    CREATE TABLE terminal_versions (
      terminal_id     TEXT PRIMARY KEY,
      app_version     TEXT NOT NULL,
      required        TEXT,
      update_required INTEGER NOT NULL,
      reported_at     INTEGER NOT NULL
    ) STRICT;
  `,
};
