/**
 * SQLite migration 12 (its own file; sqlite-migrations.ts lists it): the deployment's DCC trust list, imported on the
 * hub and distributed in every bundle (hub/storage/dcc-signer-store.ts). One row per certificate (several may share
 * a kid); the certificate is kept whole (DER, base64), the other columns are what the admin page shows.
 */
import type { SqliteMigration } from './sqlite-migrations.js';

export const m0012DccTrustList: SqliteMigration = {
  version: 12,
  name: 'DCC trust list: document signer certificates distributed in bundles',
  sql: `
    CREATE TABLE dcc_signers (
      signer_id   TEXT PRIMARY KEY,     -- SHA-256 of the certificate DER, hex
      kid         TEXT NOT NULL,        -- COSE kid, hex
      country     TEXT NOT NULL,
      certificate TEXT NOT NULL,        -- DER, base64
      subject     TEXT NOT NULL,
      key_type    TEXT NOT NULL,
      algorithm   TEXT NOT NULL,
      key_usage   TEXT NOT NULL,        -- JSON array of extended key usage OIDs
      not_before  INTEGER NOT NULL,
      not_after   INTEGER NOT NULL,
      added_at    INTEGER NOT NULL
    ) STRICT, WITHOUT ROWID;
  `,
};
