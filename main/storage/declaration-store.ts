/**
 * The terminal's copy of the declaration set and the revocation list. Filled by the hub's bundles (sync issue) or by
 * `gate-terminal load-declarations` from a file; read by core through DeclarationSet / RevocationSet on every scan.
 */
import type { DeclarationResult, DeclarationSet, KnownDeclaration, RevocationSet } from '../../core/index.js';
import type { SqliteDatabase } from './open-database.js';

export interface DeclarationRecord extends KnownDeclaration {
  readonly subjectRef: string;
}

export class DeclarationStore implements DeclarationSet, RevocationSet {
  private readonly selectOne;
  private readonly upsert;
  private readonly selectRevoked;
  private readonly insertRevocation;

  constructor(private readonly db: SqliteDatabase) {
    this.selectOne = db.prepare('SELECT declared_at, expires_at, result FROM declarations WHERE subject_ref = ?');
    this.upsert = db.prepare(`
      INSERT INTO declarations (subject_ref, declared_at, expires_at, result, source) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (subject_ref) DO UPDATE SET declared_at = excluded.declared_at, expires_at = excluded.expires_at,
        result = excluded.result, source = excluded.source
      WHERE excluded.declared_at >= declarations.declared_at`);
    this.selectRevoked = db.prepare('SELECT 1 FROM revocations WHERE credential_id = ?');
    this.insertRevocation = db.prepare('INSERT OR IGNORE INTO revocations (credential_id, revoked_at, source) VALUES (?, ?, ?)');
  }

  lookup(subjectRef: string): KnownDeclaration | undefined {
    const row = this.selectOne.get(subjectRef) as { declared_at: number; expires_at: number; result: DeclarationResult } | undefined;
    return row ? { declaredAt: row.declared_at, expiresAt: row.expires_at, result: row.result } : undefined;
  }

  isRevoked(credentialId: string): boolean {
    return this.selectRevoked.get(credentialId) !== undefined;
  }

  /** Adds or refreshes declarations in one transaction (a newer declaration replaces an older one). */
  importDeclarations(records: readonly DeclarationRecord[], source: string): number {
    return this.db.transaction(() => {
      let changed = 0;
      for (const r of records) changed += this.upsert.run(r.subjectRef, r.declaredAt, r.expiresAt, r.result, source).changes;
      return changed;
    })();
  }

  revoke(credentialIds: readonly string[], at: number, source: string): number {
    return this.db.transaction(() => credentialIds.reduce((n, id) => n + this.insertRevocation.run(id, at, source).changes, 0))();
  }

  /** Retention: declarations past their expiry are of no use to a gate and are deleted. */
  purgeExpired(now: number): number {
    return this.db.prepare('DELETE FROM declarations WHERE expires_at < ?').run(now).changes;
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM declarations').get() as { n: number }).n;
  }
}
