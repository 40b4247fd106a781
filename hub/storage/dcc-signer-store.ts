/**
 * The hub's DCC trust list: document signer certificates imported from national backends (hub/service/dcc-trust-list.ts
 * checks them first), distributed to every terminal in its bundle. The list is the deployment's, not a building's:
 * every change bumps the data version of every building, in the same transaction, so each terminal picks the new
 * list up at its next sync. One SQL text for SQLite and PostgreSQL (SqlRunner).
 */
import type { DccSignerRecord } from '../service/dcc-signer-check.js';
import { SqlParams, type SqlRunner, type SqlStatement } from './sql-runner.js';

export interface DccSignerChanges {
  readonly added: number;
  /** Already listed, now with another kid or country. */
  readonly updated: number;
  readonly unchanged: number;
}

export interface DccSignerStore {
  /** Every signer, by country then kid. */
  list(): Promise<DccSignerRecord[]>;
  /** Adds signers (by certificate: signerId) or updates the kid and country of those already listed. */
  put(signers: readonly DccSignerRecord[], now: number): Promise<DccSignerChanges>;
  /** Removes the signers by id; returns how many were listed. */
  remove(signerIds: readonly string[]): Promise<number>;
}

const COLUMNS = `signer_id AS "signerId", kid, country, certificate, subject, key_type AS "keyType", algorithm, key_usage AS "keyUsage",
  not_before AS "notBefore", not_after AS "notAfter"`;

type DccSignerRow = Omit<DccSignerRecord, 'keyUsage'> & { keyUsage: string };

const BUMP_ALL = 'UPDATE buildings SET data_version = data_version + 1';

/** Rows a statement: 11 parameters a signer stay well below SQLite's 32,766 and PostgreSQL's 65,535. */
const CHUNK = 500;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Signers repeated in one import count once (the last wins). */
function uniqueSigners(signers: readonly DccSignerRecord[]): DccSignerRecord[] {
  return [...new Map(signers.map((s) => [s.signerId, s])).values()];
}

/** The bump runs only when a statement before it changed a row, so an import that changes nothing leaves the versions. */
function bumpIfChanged(): SqlStatement {
  return { sql: BUMP_ALL, params: [], when: (answers) => answers.some((rows) => rows.length > 0) };
}

export class SqlDccSigners implements DccSignerStore {
  constructor(private readonly sql: SqlRunner) {}

  async list(): Promise<DccSignerRecord[]> {
    const rows = await this.sql.rows<DccSignerRow>(`SELECT ${COLUMNS} FROM dcc_signers ORDER BY country, kid, signer_id`, []);
    return rows.map((row) => ({ ...row, keyUsage: JSON.parse(row.keyUsage) as string[] }));
  }

  /**
   * In one transaction: inserts the new signers, then sets kid and country where they differ (a row inserted just
   * before does not differ), then bumps the versions when either returned a row. Inserting first keeps the count exact
   * on PostgreSQL when another import adds the same signer meanwhile: the insert waits for it and leaves it, the update sees it.
   */
  async put(signers: readonly DccSignerRecord[], now: number): Promise<DccSignerChanges> {
    const unique = uniqueSigners(signers);
    const inserts = chunks(unique, CHUNK).map((part) => this.insert(part, now));
    const updates = chunks(unique, CHUNK).map((part) => this.update(part));
    const answers = await this.sql.batch([...inserts, ...updates, bumpIfChanged()]);
    const count = (from: number, to: number): number => answers.slice(from, to).reduce((n, rows) => n + rows.length, 0);
    const added = count(0, inserts.length);
    const updated = count(inserts.length, inserts.length + updates.length);
    return { added, updated, unchanged: unique.length - added - updated };
  }

  async remove(signerIds: readonly string[]): Promise<number> {
    const deletes = chunks([...new Set(signerIds)], CHUNK).map((ids): SqlStatement => {
      const p = new SqlParams(this.sql.dialect);
      return { sql: `DELETE FROM dcc_signers WHERE ${p.inList('signer_id', ids)} RETURNING signer_id`, params: p.values };
    });
    const answers = await this.sql.batch([...deletes, bumpIfChanged()]);
    return answers.slice(0, deletes.length).reduce((n, rows) => n + rows.length, 0);
  }

  private insert(signers: readonly DccSignerRecord[], now: number): SqlStatement {
    const p = new SqlParams(this.sql.dialect);
    const values = signers.map(
      (s) =>
        `(${[s.signerId, s.kid, s.country, s.certificate, s.subject, s.keyType, s.algorithm, JSON.stringify(s.keyUsage), s.notBefore, s.notAfter, now]
          .map((v) => p.add(v))
          .join(', ')})`,
    );
    return {
      sql: `INSERT INTO dcc_signers (signer_id, kid, country, certificate, subject, key_type, algorithm, key_usage, not_before, not_after, added_at)
        VALUES ${values.join(', ')} ON CONFLICT (signer_id) DO NOTHING RETURNING signer_id`,
      params: p.values,
    };
  }

  /** VALUES names its columns column1, column2, … on both engines. */
  private update(signers: readonly DccSignerRecord[]): SqlStatement {
    const p = new SqlParams(this.sql.dialect);
    const values = signers.map((s) => `(${p.add(s.signerId)}, ${p.add(s.kid)}, ${p.add(s.country)})`);
    return {
      sql: `UPDATE dcc_signers SET kid = v.column2, country = v.column3 FROM (VALUES ${values.join(', ')}) AS v
        WHERE dcc_signers.signer_id = v.column1 AND (dcc_signers.kid <> v.column2 OR dcc_signers.country <> v.column3) RETURNING signer_id`,
      params: p.values,
    };
  }
}
