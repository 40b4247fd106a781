/**
 * Enrolment tokens, enrolled terminals and the nonces of their signed requests: one SQL text for SQLite and
 * PostgreSQL (SqlRunner). The token rules (unknown, used, expired, other checkpoint) are hub/service/enrolment.ts's;
 * this store offers the atomic step they need: `claimToken` marks a token used and creates the terminal in one
 * transaction, and only while nobody has used or revoked it — two claims of one token, from one hub process or from replicas, never
 * both succeed (PostgreSQL re-checks `used_at IS NULL` on the row the first claim locked; SQLite has one writer).
 */
import { Batcher } from './batcher.js';
import { SqlParams, type SqlRunner } from './sql-runner.js';

export interface TerminalRecord {
  readonly terminalId: string;
  readonly keyId: string;
  readonly name: string;
  readonly signingPublicKey: string;
  readonly agreementPublicKey: string;
  readonly checkpointId: string;
  readonly buildingId: string;
  readonly enrolledAt: number;
  readonly revokedAt: number | null;
  readonly contiguousSeq: number;
  readonly highestSeq: number;
}

/** A signed request's nonce, to remember until it expires (with the request's own writes for an upload). */
export interface NonceToRemember {
  readonly keyId: string;
  readonly nonce: string;
  readonly expiresAt: number;
}

/** What admitRequest found: the terminal's revocation (null: not revoked) and whether the nonce was new. */
export interface RequestAdmission {
  readonly revokedAt: number | null;
  readonly fresh: boolean;
}

export interface EnrolmentTokenRecord {
  readonly tokenId: string;
  readonly secretSha256: string;
  readonly checkpointId: string;
  readonly createdAt: number;
  readonly expiresAt: number;
}

/** A token as enrolment judges it: the record, when it was used and when an admin revoked it (null: not yet). */
export interface EnrolmentTokenState extends EnrolmentTokenRecord {
  readonly usedAt: number | null;
  readonly revokedAt: number | null;
}

export interface NewTerminal {
  readonly terminalId: string;
  readonly keyId: string;
  readonly name: string;
  readonly signingPublicKey: string;
  readonly agreementPublicKey: string;
  readonly firstSeq: number;
}

const TERMINAL_COLUMNS = `terminal_id AS "terminalId", key_id AS "keyId", name, signing_public_key AS "signingPublicKey",
  agreement_public_key AS "agreementPublicKey", checkpoint_id AS "checkpointId", building_id AS "buildingId", enrolled_at AS "enrolledAt",
  revoked_at AS "revokedAt", contiguous_seq AS "contiguousSeq", highest_seq AS "highestSeq"`;

export class TerminalDirectory {
  /** PostgreSQL: signed requests admitted together (admitRequest). */
  private readonly admissions: Batcher<NonceToRemember, RequestAdmission | undefined> | undefined;
  private readonly lookups: Batcher<string, TerminalRecord | undefined> | undefined;

  /**
   * `shared`: where the batched statements many requests wait on together run (admissions, identity lookups). On
   * PostgreSQL its own connections, so a poll's or a heartbeat's admission never queues behind the uploads in the
   * main pool (bench hub10k on a loaded machine: heartbeats waited 10–30 s there while uploads held the pool).
   */
  constructor(
    private readonly sql: SqlRunner,
    private readonly shared: SqlRunner = sql,
  ) {
    this.admissions = sql.dialect === 'postgres' ? new Batcher((requests) => this.admitTogether(requests)) : undefined;
    this.lookups = sql.dialect === 'postgres' ? new Batcher((keyIds) => this.terminalsByKeyIds(keyIds)) : undefined;
  }

  private async terminalsByKeyIds(keyIds: readonly string[]): Promise<(TerminalRecord | undefined)[]> {
    const rows = await this.shared.rows<TerminalRecord>(`SELECT ${TERMINAL_COLUMNS} FROM terminals WHERE key_id = ANY($1)`, [[...new Set(keyIds)]]);
    const byKey = new Map(rows.map((r) => [r.keyId, r]));
    return keyIds.map((k) => byKey.get(k));
  }

  async createEnrolmentToken(t: EnrolmentTokenRecord): Promise<void> {
    const p = new SqlParams(this.sql.dialect);
    await this.sql.rows(
      `INSERT INTO enrolment_tokens (token_id, secret_sha256, checkpoint_id, created_at, expires_at)
       VALUES (${p.add(t.tokenId)}, ${p.add(t.secretSha256)}, ${p.add(t.checkpointId)}, ${p.add(t.createdAt)}, ${p.add(t.expiresAt)})`,
      p.values,
    );
  }

  async enrolmentToken(tokenId: string): Promise<EnrolmentTokenState | undefined> {
    const p = new SqlParams(this.sql.dialect);
    const rows = await this.sql.rows<EnrolmentTokenState>(
      `SELECT token_id AS "tokenId", secret_sha256 AS "secretSha256", checkpoint_id AS "checkpointId", created_at AS "createdAt",
       expires_at AS "expiresAt", used_at AS "usedAt", revoked_at AS "revokedAt" FROM enrolment_tokens WHERE token_id = ${p.add(tokenId)}`,
      p.values,
    );
    return rows[0];
  }

  /**
   * Marks the token used by `terminal` and creates the terminal at the token's checkpoint, in one transaction; the
   * terminal's seqs start below `firstSeq`. Undefined when the token is no longer open: used (another claim won) or revoked.
   */
  async claimToken(tokenId: string, terminal: NewTerminal, now: number): Promise<TerminalRecord | undefined> {
    const claim = new SqlParams(this.sql.dialect);
    const claimSql = `UPDATE enrolment_tokens SET used_at = ${claim.add(now)}, used_by = ${claim.add(terminal.terminalId)}
      WHERE token_id = ${claim.add(tokenId)} AND used_at IS NULL AND revoked_at IS NULL RETURNING token_id`;
    // Inserts only when this transaction's claim took the token: the row then names this terminal and this time.
    const p = new SqlParams(this.sql.dialect);
    const [id, at, base] = [p.add(terminal.terminalId), p.add(now), p.add(Math.max(0, terminal.firstSeq - 1))];
    const createSql = `INSERT INTO terminals (terminal_id, key_id, name, signing_public_key, agreement_public_key, checkpoint_id, building_id, enrolled_at, contiguous_seq, highest_seq)
      SELECT CAST(${id} AS TEXT), CAST(${p.add(terminal.keyId)} AS TEXT), CAST(${p.add(terminal.name)} AS TEXT), CAST(${p.add(terminal.signingPublicKey)} AS TEXT),
        CAST(${p.add(terminal.agreementPublicKey)} AS TEXT), t.checkpoint_id, c.building_id, CAST(${at} AS BIGINT), CAST(${base} AS BIGINT), CAST(${base} AS BIGINT)
      FROM enrolment_tokens t JOIN checkpoints c ON c.checkpoint_id = t.checkpoint_id
      WHERE t.token_id = ${p.add(tokenId)} AND t.used_by = ${id} AND t.used_at = ${at}
      RETURNING ${TERMINAL_COLUMNS}`;
    const [claimed, created] = await this.sql.batch([
      { sql: claimSql, params: claim.values },
      { sql: createSql, params: p.values },
    ]);
    return claimed!.length === 1 ? (created![0] as TerminalRecord | undefined) : undefined;
  }

  /** On PostgreSQL, lookups that arrive together share one statement (10,000 terminals reconnecting after a restart). */
  async terminalByKeyId(keyId: string): Promise<TerminalRecord | undefined> {
    if (this.lookups) return this.lookups.submit(keyId);
    const p = new SqlParams(this.sql.dialect);
    return (await this.sql.rows<TerminalRecord>(`SELECT ${TERMINAL_COLUMNS} FROM terminals WHERE key_id = ${p.add(keyId)}`, p.values))[0];
  }

  async terminal(terminalId: string): Promise<TerminalRecord | undefined> {
    const p = new SqlParams(this.sql.dialect);
    return (await this.sql.rows<TerminalRecord>(`SELECT ${TERMINAL_COLUMNS} FROM terminals WHERE terminal_id = ${p.add(terminalId)}`, p.values))[0];
  }

  /** False when the terminal was already revoked (or is unknown). */
  async revokeTerminal(terminalId: string, now: number): Promise<boolean> {
    const p = new SqlParams(this.sql.dialect);
    const rows = await this.sql.rows(`UPDATE terminals SET revoked_at = ${p.add(now)} WHERE terminal_id = ${p.add(terminalId)} AND revoked_at IS NULL RETURNING terminal_id`, p.values);
    return rows.length > 0;
  }

  /**
   * One signed request's store step: remembers the (key, nonce) and reads the terminal's revocation. Undefined when no
   * terminal has the key (deleted); `fresh` false when the nonce was seen before (a replay). On PostgreSQL the
   * requests that arrive together share one statement (Batcher): one transaction for many requests, none held open.
   */
  admitRequest(keyId: string, nonce: string, expiresAt: number): Promise<RequestAdmission | undefined> {
    if (this.admissions) return this.admissions.submit({ keyId, nonce, expiresAt });
    const p = new SqlParams(this.sql.dialect);
    const q = new SqlParams(this.sql.dialect);
    // SQLite is in process: two statements in one transaction cost no round trip.
    return this.sql
      .batch([
        { sql: `INSERT INTO request_nonces (key_id, nonce, expires_at) VALUES (${p.add(keyId)}, ${p.add(nonce)}, ${p.add(expiresAt)}) ON CONFLICT DO NOTHING RETURNING nonce`, params: p.values },
        { sql: `SELECT revoked_at AS "revokedAt" FROM terminals WHERE key_id = ${q.add(keyId)}`, params: q.values },
      ])
      .then(([inserted, terminal]) => {
        const row = terminal![0] as { revokedAt: number | null } | undefined;
        return row && { revokedAt: row.revokedAt, fresh: inserted!.length === 1 };
      });
  }

  /** PostgreSQL: admitRequest for many requests in one statement; the same (key, nonce) twice in one batch is a replay. */
  private async admitTogether(requests: readonly NonceToRemember[]): Promise<(RequestAdmission | undefined)[]> {
    const first = new Map<string, number>();
    requests.forEach((r, i) => first.has(`${r.keyId}\n${r.nonce}`) || first.set(`${r.keyId}\n${r.nonce}`, i));
    const unique = [...first.values()].map((i) => requests[i]!);
    const rows = await this.shared.rows<{ known: boolean; revokedAt: number | null; fresh: boolean }>(
      `WITH input AS (SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[]) WITH ORDINALITY AS i(key_id, nonce, expires_at, n)),
       remembered AS (INSERT INTO request_nonces (key_id, nonce, expires_at) SELECT key_id, nonce, expires_at FROM input ON CONFLICT DO NOTHING RETURNING key_id, nonce)
       SELECT t.key_id IS NOT NULL AS known, t.revoked_at AS "revokedAt", r.nonce IS NOT NULL AS fresh
       FROM input i LEFT JOIN terminals t ON t.key_id = i.key_id LEFT JOIN remembered r ON r.key_id = i.key_id AND r.nonce = i.nonce ORDER BY i.n`,
      [unique.map((r) => r.keyId), unique.map((r) => r.nonce), unique.map((r) => r.expiresAt)],
    );
    const byKey = new Map(unique.map((r, i) => [`${r.keyId}\n${r.nonce}`, rows[i]!]));
    return requests.map((r, i) => {
      const key = `${r.keyId}\n${r.nonce}`;
      const row = byKey.get(key)!;
      if (!row.known) return undefined;
      return { revokedAt: row.revokedAt, fresh: row.fresh && first.get(key) === i };
    });
  }

  /** False when this (key, nonce) was seen before: a replayed request. */
  async rememberNonce(keyId: string, nonce: string, expiresAt: number): Promise<boolean> {
    const p = new SqlParams(this.sql.dialect);
    const rows = await this.sql.rows(
      `INSERT INTO request_nonces (key_id, nonce, expires_at) VALUES (${p.add(keyId)}, ${p.add(nonce)}, ${p.add(expiresAt)}) ON CONFLICT DO NOTHING RETURNING nonce`,
      p.values,
    );
    return rows.length === 1;
  }
}
