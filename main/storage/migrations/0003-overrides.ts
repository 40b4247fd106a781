import type { Migration } from './index.js';

/**
 * Guard overrides are entries of their own that point at the entry they override (no foreign key: retention may
 * purge the original first). The note is short free text the guard types; the screen forbids health answers in it.
 */
export const m0003Overrides: Migration = {
  version: 3,
  name: 'guard overrides, reason parameters',
  sql: `
    ALTER TABLE entries ADD COLUMN override_of TEXT;
    ALTER TABLE entries ADD COLUMN override_reason TEXT;
    ALTER TABLE entries ADD COLUMN override_note TEXT CHECK (override_note IS NULL OR length(override_note) <= 200);
    -- values of reason-text placeholders, JSON (e.g. ALREADY_INSIDE's time and checkpoint name); never personal data
    ALTER TABLE entries ADD COLUMN reason_params TEXT;
    CREATE UNIQUE INDEX entries_override_of ON entries (override_of) WHERE override_of IS NOT NULL;
  `,
};
