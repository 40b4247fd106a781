/**
 * SQLite migration 13 (its own file; sqlite-migrations.ts lists it): the deployment's EU DCC value sets, imported on
 * the hub (or seeded from vendor/ehn-dcc-valuesets at first start) and distributed in every bundle
 * (hub/storage/dcc-value-set-store.ts). One row per value set; only its codes are kept, not the EU's display texts.
 */
import type { SqliteMigration } from './sqlite-migrations.js';

export const m0013DccValueSets: SqliteMigration = {
  version: 13,
  name: 'DCC value sets: EU value sets distributed in bundles',
  sql: `
    CREATE TABLE dcc_value_sets (
      value_set_id   TEXT PRIMARY KEY,   -- the EU's valueSetId, e.g. vaccines-covid-19-auth-holders
      value_set_date TEXT NOT NULL,      -- the EU's valueSetDate, YYYY-MM-DD
      codes          TEXT NOT NULL,      -- JSON array of the set's codes, sorted
      imported_at    INTEGER NOT NULL
    ) STRICT, WITHOUT ROWID;
  `,
};
