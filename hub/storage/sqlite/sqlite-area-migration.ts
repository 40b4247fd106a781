/**
 * SQLite migration 11 (kept apart from sqlite-migrations.ts for its length): areas of organisations (province or
 * district, for the health-authority role), tracing rights and the second factor of admin accounts, recovery codes,
 * person search in the tracing audit and the organisations each audited query touched. SQLite cannot alter a CHECK
 * constraint, so admin_accounts and tracing_audit are rebuilt (rows, ids, indexes and triggers kept).
 */
import type { SqliteMigration } from './sqlite-migrations.js';

export const m0011AreasAndSecondFactor: SqliteMigration = {
  version: 11,
  name: 'organisation areas, health-authority role, tracing rights with TOTP and recovery codes, audit by organisation',
  sql: `
    ALTER TABLE organisations ADD COLUMN area TEXT;         -- 'province' or 'province/district' (lower-case slugs)
    CREATE INDEX organisations_by_area ON organisations (area);

    CREATE TABLE admin_accounts_v9 (
      username         TEXT PRIMARY KEY,
      display_name     TEXT NOT NULL,
      password_hash    TEXT NOT NULL,
      role             TEXT NOT NULL CHECK (role IN ('organisation-admin', 'building-manager', 'department-manager', 'health-authority')),
      scope_id         TEXT NOT NULL,          -- organisation, building, checkpoint or area, by role
      created_at       INTEGER NOT NULL,
      can_trace        INTEGER NOT NULL DEFAULT 0 CHECK (can_trace IN (0, 1)),
      totp_secret      TEXT,                   -- base32; NULL until the account enrolled its authenticator
      totp_enrolled_at INTEGER,
      totp_last_step   INTEGER                 -- the last time step accepted: a code is good once
    ) STRICT;
    -- Accounts that could trace before keep the right; they enrol a second factor at their next sign-in.
    INSERT INTO admin_accounts_v9 (username, display_name, password_hash, role, scope_id, created_at, can_trace)
      SELECT username, display_name, password_hash, role, scope_id, created_at, 1 FROM admin_accounts;
    DROP TABLE admin_accounts;
    ALTER TABLE admin_accounts_v9 RENAME TO admin_accounts;

    CREATE TABLE admin_recovery_codes (
      username    TEXT NOT NULL,
      code_sha256 TEXT NOT NULL,               -- the code itself is shown once and never stored
      used_at     INTEGER,
      PRIMARY KEY (username, code_sha256)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE tracing_audit_v9 (
      audit_id        INTEGER PRIMARY KEY AUTOINCREMENT,
      asked_at        INTEGER NOT NULL,
      action          TEXT NOT NULL CHECK (action IN ('trace', 'search', 'export-csv', 'export-xlsx')),
      username        TEXT NOT NULL,
      role            TEXT NOT NULL,
      scope_id        TEXT NOT NULL,
      organisation_id TEXT,
      subject_hmacs   TEXT NOT NULL,
      period_from     INTEGER NOT NULL,
      period_to       INTEGER NOT NULL,
      window_minutes  INTEGER NOT NULL,
      reason          TEXT NOT NULL CHECK (length(trim(reason)) > 0)
    ) STRICT;
    INSERT INTO tracing_audit_v9 SELECT * FROM tracing_audit;
    DROP TABLE tracing_audit;
    ALTER TABLE tracing_audit_v9 RENAME TO tracing_audit;
    CREATE INDEX tracing_audit_by_organisation ON tracing_audit (organisation_id, audit_id);
    CREATE TRIGGER tracing_audit_no_update BEFORE UPDATE ON tracing_audit BEGIN SELECT RAISE(ABORT, 'tracing_audit is append-only'); END;
    CREATE TRIGGER tracing_audit_no_delete BEFORE DELETE ON tracing_audit BEGIN SELECT RAISE(ABORT, 'tracing_audit is append-only'); END;

    -- Whose admins see a query: every organisation whose checkpoints it searched (an area query: all of the area's).
    CREATE TABLE tracing_audit_organisations (
      organisation_id TEXT NOT NULL,
      audit_id        INTEGER NOT NULL,                -- tracing_audit (no FK, as on PostgreSQL)
      PRIMARY KEY (organisation_id, audit_id)
    ) STRICT, WITHOUT ROWID;
    INSERT INTO tracing_audit_organisations (organisation_id, audit_id) SELECT organisation_id, audit_id FROM tracing_audit WHERE organisation_id IS NOT NULL;
    CREATE TRIGGER tracing_audit_organisations_no_update BEFORE UPDATE ON tracing_audit_organisations BEGIN SELECT RAISE(ABORT, 'tracing_audit is append-only'); END;
    CREATE TRIGGER tracing_audit_organisations_no_delete BEFORE DELETE ON tracing_audit_organisations BEGIN SELECT RAISE(ABORT, 'tracing_audit is append-only'); END;
  `,
};
