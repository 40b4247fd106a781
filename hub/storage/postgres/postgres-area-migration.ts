/**
 * PostgreSQL migration 11 (kept apart from postgres-migrations.ts for its length; the SQLite twin says the same):
 * areas of organisations (province or district, for the health-authority role), tracing rights and the second factor
 * of admin accounts, recovery codes, person search in the tracing audit and the organisations each query touched.
 */
import type { PostgresMigration } from './postgres-migrations.js';

export const m0011AreasAndSecondFactor: PostgresMigration = {
  version: 11,
  name: 'organisation areas, health-authority role, tracing rights with TOTP and recovery codes, audit by organisation',
  sql: `
    ALTER TABLE organisations ADD COLUMN area text;          -- 'province' or 'province/district' (lower-case slugs)
    CREATE INDEX organisations_by_area ON organisations (area text_pattern_ops);

    ALTER TABLE admin_accounts DROP CONSTRAINT admin_accounts_role_check;
    ALTER TABLE admin_accounts ADD CONSTRAINT admin_accounts_role_check
      CHECK (role IN ('organisation-admin', 'building-manager', 'department-manager', 'health-authority'));
    ALTER TABLE admin_accounts ADD COLUMN can_trace integer NOT NULL DEFAULT 0 CHECK (can_trace IN (0, 1));
    -- Accounts that could trace before keep the right; they enrol a second factor at their next sign-in.
    UPDATE admin_accounts SET can_trace = 1;
    ALTER TABLE admin_accounts ADD COLUMN totp_secret text;           -- base32; NULL until enrolled
    ALTER TABLE admin_accounts ADD COLUMN totp_enrolled_at bigint;
    ALTER TABLE admin_accounts ADD COLUMN totp_last_step bigint;      -- the last time step accepted: a code is good once

    CREATE TABLE admin_recovery_codes (
      username    text NOT NULL,
      code_sha256 text NOT NULL,               -- the code itself is shown once and never stored
      used_at     bigint,
      PRIMARY KEY (username, code_sha256)
    );

    ALTER TABLE tracing_audit DROP CONSTRAINT tracing_audit_action_check;
    ALTER TABLE tracing_audit ADD CONSTRAINT tracing_audit_action_check CHECK (action IN ('trace', 'search', 'export-csv', 'export-xlsx'));

    -- Whose admins see a query: every organisation whose checkpoints it searched (an area query: all of the area's).
    CREATE TABLE tracing_audit_organisations (
      organisation_id text NOT NULL,
      audit_id        bigint NOT NULL,                 -- tracing_audit (no FK: TRUNCATE must meet the append-only trigger)
      PRIMARY KEY (organisation_id, audit_id)
    );
    INSERT INTO tracing_audit_organisations (organisation_id, audit_id) SELECT organisation_id, audit_id FROM tracing_audit WHERE organisation_id IS NOT NULL;
    CREATE TRIGGER tracing_audit_organisations_no_change BEFORE UPDATE OR DELETE ON tracing_audit_organisations FOR EACH ROW EXECUTE FUNCTION tracing_audit_append_only();
    CREATE TRIGGER tracing_audit_organisations_no_truncate BEFORE TRUNCATE ON tracing_audit_organisations FOR EACH STATEMENT EXECUTE FUNCTION tracing_audit_append_only();
  `,
};
