/**
 * PostgreSQL migration 13 (its own file; postgres-migrations.ts lists it): the deployment's EU DCC value sets,
 * imported on the hub (or seeded from vendor/ehn-dcc-valuesets at first start) and distributed in every bundle
 * (hub/storage/dcc-value-set-store.ts). Not building-scoped: every building's bundle carries them all.
 */
import type { PostgresMigration } from './postgres-migrations.js';

export const m0013DccValueSets: PostgresMigration = {
  version: 13,
  name: 'DCC value sets: EU value sets distributed in bundles',
  sql: `
    CREATE TABLE dcc_value_sets (
      value_set_id   text PRIMARY KEY,   -- the EU's valueSetId, e.g. vaccines-covid-19-auth-holders
      value_set_date text NOT NULL,      -- the EU's valueSetDate, YYYY-MM-DD
      codes          text NOT NULL,      -- JSON array of the set's codes, sorted
      imported_at    bigint NOT NULL
    );
  `,
};
