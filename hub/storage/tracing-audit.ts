/**
 * The contact-tracing audit log: every tracing query and every export of one is appended here before its answer is
 * sent — who asked, in which role and scope, when, which person (their subject HMACs, never the ID number), which
 * period and window, and the reason they gave. Append-only: both storages refuse UPDATE and DELETE with a trigger
 * (migration 5), and retention leaves it alone. Each row names the organisations whose checkpoints it searched
 * (tracing_audit_organisations, migration 10): every one of them sees the query on its audit page — for a health
 * authority's area-wide query, every organisation of the area.
 */
import type { AdminRole } from './admin-accounts.js';
import { SqlParams, type SqlRunner } from './sql-runner.js';

export type TracingAction = 'trace' | 'search' | 'export-csv' | 'export-xlsx';

export interface TracingAuditEntry {
  readonly askedAt: number;
  readonly action: TracingAction;
  readonly username: string;
  readonly role: AdminRole;
  readonly scopeId: string;
  readonly organisationId: string | null;
  /** `buildingId:hmac` pairs, space-separated. */
  readonly subjectHmacs: string;
  readonly periodFrom: number;
  readonly periodTo: number;
  readonly windowMinutes: number;
  readonly reason: string;
  /** The organisations whose checkpoints the query searched (not stored on the row: in tracing_audit_organisations). */
  readonly touchedOrganisations?: readonly string[];
}

export interface TracingAuditRecord extends TracingAuditEntry {
  readonly auditId: number;
}

const COLUMNS = `audit_id AS "auditId", asked_at AS "askedAt", action, username, role, scope_id AS "scopeId", organisation_id AS "organisationId",
  subject_hmacs AS "subjectHmacs", period_from AS "periodFrom", period_to AS "periodTo", window_minutes AS "windowMinutes", reason`;

export class TracingAuditLog {
  constructor(private readonly sql: SqlRunner) {}

  /** Returns the new row's id. */
  async append(e: TracingAuditEntry): Promise<number> {
    const p = new SqlParams(this.sql.dialect);
    const values = [e.askedAt, e.action, e.username, e.role, e.scopeId, e.organisationId, e.subjectHmacs, e.periodFrom, e.periodTo, e.windowMinutes, e.reason];
    const rows = await this.sql.rows<{ auditId: number }>(
      `INSERT INTO tracing_audit (asked_at, action, username, role, scope_id, organisation_id, subject_hmacs, period_from, period_to, window_minutes, reason)
       VALUES (${values.map((v) => p.add(v)).join(', ')}) RETURNING audit_id AS "auditId"`,
      p.values,
    );
    const auditId = Number(rows[0]!.auditId);
    const touched = [...new Set(e.touchedOrganisations ?? (e.organisationId ? [e.organisationId] : []))];
    if (touched.length > 0) {
      const q = new SqlParams(this.sql.dialect);
      await this.sql.rows(`INSERT INTO tracing_audit_organisations (organisation_id, audit_id) VALUES ${touched.map((o) => `(${q.add(o)}, ${q.add(auditId)})`).join(', ')}`, q.values);
    }
    return auditId;
  }

  async byId(auditId: number): Promise<TracingAuditRecord | undefined> {
    const p = new SqlParams(this.sql.dialect);
    return (await this.sql.rows<TracingAuditRecord>(`SELECT ${COLUMNS} FROM tracing_audit WHERE audit_id = ${p.add(auditId)}`, p.values))[0];
  }

  /** The newest queries that touched one organisation (its own, and those of authorities of its area), newest first. */
  async forOrganisation(organisationId: string, limit: number): Promise<TracingAuditRecord[]> {
    const p = new SqlParams(this.sql.dialect);
    return this.sql.rows<TracingAuditRecord>(
      `SELECT ${COLUMNS} FROM tracing_audit WHERE audit_id IN (SELECT audit_id FROM tracing_audit_organisations WHERE organisation_id = ${p.add(organisationId)})
       ORDER BY audit_id DESC LIMIT ${p.add(limit)}`,
      p.values,
    );
  }

  /** The newest queries asked in one role and scope (a health authority's own log), newest first. */
  async forAskerScope(role: AdminRole, scopeId: string, limit: number): Promise<TracingAuditRecord[]> {
    const p = new SqlParams(this.sql.dialect);
    return this.sql.rows<TracingAuditRecord>(
      `SELECT ${COLUMNS} FROM tracing_audit WHERE role = ${p.add(role)} AND scope_id = ${p.add(scopeId)} ORDER BY audit_id DESC LIMIT ${p.add(limit)}`,
      p.values,
    );
  }

  /** The organisations a query touched. */
  async organisationsOf(auditId: number): Promise<string[]> {
    const p = new SqlParams(this.sql.dialect);
    const rows = await this.sql.rows<{ o: string }>(`SELECT organisation_id AS o FROM tracing_audit_organisations WHERE audit_id = ${p.add(auditId)} ORDER BY organisation_id`, p.values);
    return rows.map((r) => r.o);
  }
}
