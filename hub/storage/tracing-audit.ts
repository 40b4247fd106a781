/**
 * The contact-tracing audit log: every tracing query and every export of one is appended here before its answer is
 * sent — who asked, in which role and scope, when, which person (their subject HMACs, never the ID number), which
 * period and window, and the reason they gave. Append-only: both storages refuse UPDATE and DELETE with a trigger
 * (migration 5), and retention leaves it alone. Org admins read it on the audit page.
 */
import type { AdminRole } from './admin-accounts.js';
import { SqlParams, type SqlRunner } from './sql-runner.js';

export type TracingAction = 'trace' | 'export-csv' | 'export-xlsx';

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
    return Number(rows[0]!.auditId);
  }

  async byId(auditId: number): Promise<TracingAuditRecord | undefined> {
    const p = new SqlParams(this.sql.dialect);
    return (await this.sql.rows<TracingAuditRecord>(`SELECT ${COLUMNS} FROM tracing_audit WHERE audit_id = ${p.add(auditId)}`, p.values))[0];
  }

  /** The newest rows of one organisation (the asker's), newest first. */
  async forOrganisation(organisationId: string, limit: number): Promise<TracingAuditRecord[]> {
    const p = new SqlParams(this.sql.dialect);
    return this.sql.rows<TracingAuditRecord>(
      `SELECT ${COLUMNS} FROM tracing_audit WHERE organisation_id = ${p.add(organisationId)} ORDER BY audit_id DESC LIMIT ${p.add(limit)}`,
      p.values,
    );
  }
}
