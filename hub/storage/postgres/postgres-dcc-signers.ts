/** The DCC trust list on PostgreSQL (see ../dcc-signer-store.ts): each change and the version bump in one transaction. */
import type { Pool, PoolClient } from 'pg';
import type { DccSignerRecord } from '../../service/dcc-signer-check.js';
import {
  DCC_SIGNER_COLUMNS,
  DCC_SIGNER_INSERT_COLUMNS,
  DCC_SIGNER_ORDER,
  signerOfRow,
  signerValues,
  uniqueSigners,
  type DccSignerChanges,
  type DccSignerRow,
  type DccSignerStore,
} from '../dcc-signer-store.js';

const BUMP_ALL = 'UPDATE buildings SET data_version = data_version + 1';

export class PostgresDccSigners implements DccSignerStore {
  constructor(private readonly pool: Pool) {}

  async list(): Promise<DccSignerRecord[]> {
    return (await this.pool.query<DccSignerRow>(`SELECT ${DCC_SIGNER_COLUMNS} FROM dcc_signers ${DCC_SIGNER_ORDER}`)).rows.map(signerOfRow);
  }

  put(signers: readonly DccSignerRecord[], now: number): Promise<DccSignerChanges> {
    return this.inTransaction(async (client) => {
      let added = 0;
      let updated = 0;
      let unchanged = 0;
      for (const s of uniqueSigners(signers)) {
        // xmax = 0 on a freshly inserted row; the WHERE leaves an identical row untouched (no row returned).
        const { rows } = await client.query<{ inserted: boolean }>(
          `INSERT INTO dcc_signers ${DCC_SIGNER_INSERT_COLUMNS} VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
           ON CONFLICT (signer_id) DO UPDATE SET kid = excluded.kid, country = excluded.country
           WHERE dcc_signers.kid <> excluded.kid OR dcc_signers.country <> excluded.country
           RETURNING (xmax = 0) AS inserted`,
          signerValues(s, now),
        );
        if (rows.length === 0) unchanged++;
        else if (rows[0]!.inserted) added++;
        else updated++;
      }
      if (added + updated > 0) await client.query(BUMP_ALL);
      return { added, updated, unchanged };
    });
  }

  remove(signerIds: readonly string[]): Promise<number> {
    return this.inTransaction(async (client) => {
      const { rowCount } = await client.query('DELETE FROM dcc_signers WHERE signer_id = ANY($1::text[])', [[...new Set(signerIds)]]);
      if ((rowCount ?? 0) > 0) await client.query(BUMP_ALL);
      return rowCount ?? 0;
    });
  }

  private async inTransaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  }
}
