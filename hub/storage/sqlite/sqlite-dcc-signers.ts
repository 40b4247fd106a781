/** The DCC trust list on SQLite (see ../dcc-signer-store.ts): each change and the version bump in one transaction. */
import type Database from 'better-sqlite3';
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

export class SqliteDccSigners implements DccSignerStore {
  constructor(private readonly db: Database.Database) {}

  list(): Promise<DccSignerRecord[]> {
    return Promise.resolve((this.db.prepare(`SELECT ${DCC_SIGNER_COLUMNS} FROM dcc_signers ${DCC_SIGNER_ORDER}`).all() as DccSignerRow[]).map(signerOfRow));
  }

  put(signers: readonly DccSignerRecord[], now: number): Promise<DccSignerChanges> {
    const existing = this.db.prepare('SELECT kid, country FROM dcc_signers WHERE signer_id = ?');
    const insert = this.db.prepare(`INSERT INTO dcc_signers ${DCC_SIGNER_INSERT_COLUMNS} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const update = this.db.prepare('UPDATE dcc_signers SET kid = ?, country = ? WHERE signer_id = ?');
    const changes = this.db.transaction(() => {
      let added = 0;
      let updated = 0;
      let unchanged = 0;
      for (const s of uniqueSigners(signers)) {
        const row = existing.get(s.signerId) as { kid: string; country: string } | undefined;
        if (!row) added += insert.run(...signerValues(s, now)).changes;
        else if (row.kid !== s.kid || row.country !== s.country) updated += update.run(s.kid, s.country, s.signerId).changes;
        else unchanged++;
      }
      if (added + updated > 0) this.db.prepare(BUMP_ALL).run();
      return { added, updated, unchanged };
    })();
    return Promise.resolve(changes);
  }

  remove(signerIds: readonly string[]): Promise<number> {
    const remove = this.db.prepare('DELETE FROM dcc_signers WHERE signer_id = ?');
    const removed = this.db.transaction(() => {
      let count = 0;
      for (const id of new Set(signerIds)) count += remove.run(id).changes;
      if (count > 0) this.db.prepare(BUMP_ALL).run();
      return count;
    })();
    return Promise.resolve(removed);
  }
}
