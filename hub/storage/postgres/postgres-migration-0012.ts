/**
 * PostgreSQL migration 12 (its own file; postgres-migrations.ts lists it): the deployment's DCC trust list, imported
 * on the hub and distributed in every bundle (hub/storage/dcc-signer-store.ts). Not building-scoped: every building's
 * bundle carries the whole list.
 */
import type { PostgresMigration } from './postgres-migrations.js';

export const m0012DccTrustList: PostgresMigration = {
  version: 12,
  name: 'DCC trust list: document signer certificates distributed in bundles',
  sql: `
    CREATE TABLE dcc_signers (
      signer_id   text PRIMARY KEY,     -- SHA-256 of the certificate DER, hex
      kid         text NOT NULL,        -- COSE kid, hex
      country     text NOT NULL,
      certificate text NOT NULL,        -- DER, base64
      subject     text NOT NULL,
      key_type    text NOT NULL,
      algorithm   text NOT NULL,
      key_usage   text NOT NULL,        -- JSON array of extended key usage OIDs
      not_before  bigint NOT NULL,
      not_after   bigint NOT NULL,
      added_at    bigint NOT NULL
    );
  `,
};
