/**
 * The state every hub process must agree on, kept in the store instead of process memory (issue 20; migration 10),
 * so hub replicas behind a load balancer share it: fixed-window rate-limit counters, admin login attempts, admin
 * sessions. One SQL text for both engines (SqlRunner); every method is one statement or a sequence that stays correct
 * when replicas interleave (see reserveLogin). Proof-of-work single use goes through `rememberNonce`, reported app
 * versions through hub/service/terminal-versions.ts, the check-in feed through hub/declare/checkin-feed.ts.
 */
import { randomBytes } from 'node:crypto';
import { SqlParams, type SqlRunner } from './sql-runner.js';

export interface WindowCount {
  readonly count: number;
  /** Milliseconds until the window (aligned on multiples of its length, the same on every replica) ends. */
  readonly resetInMs: number;
}

export type LoginReservation = { readonly ok: true; readonly attemptId: string } | { readonly ok: false; readonly retryAfterMs: number };

/** 5 parameters a row: far below PostgreSQL's 65,535 and SQLite's 32,766 parameters per statement. */
const VERSION_ROWS_PER_STATEMENT = 1000;

interface VersionReport {
  readonly appVersion: string;
  readonly required: string | null;
  readonly updateRequired: boolean;
  readonly reportedAt: number;
}

export class HubCoordination {
  constructor(private readonly sql: SqlRunner) {}

  /** Counts one hit of `key` in the current window of `windowMs`; returns the window's count including this one. */
  async hit(key: string, windowMs: number, now: number): Promise<WindowCount> {
    const start = Math.floor(now / windowMs) * windowMs;
    const p = new SqlParams(this.sql.dialect);
    const rows = await this.sql.rows<{ count: number }>(
      `INSERT INTO hub_counters (key, window_start, count, expires_at) VALUES (${p.add(key)}, ${p.add(start)}, 1, ${p.add(start + windowMs)})
       ON CONFLICT (key) DO UPDATE SET
         count = CASE WHEN hub_counters.window_start = excluded.window_start THEN hub_counters.count + 1 ELSE 1 END,
         window_start = excluded.window_start, expires_at = excluded.expires_at
       RETURNING count`,
      p.values,
    );
    return { count: Number(rows[0]!.count), resetInMs: start + windowMs - now };
  }

  /** The count of `key` in the current window, without counting (0 when none). */
  async peek(key: string, windowMs: number, now: number): Promise<number> {
    const start = Math.floor(now / windowMs) * windowMs;
    const p = new SqlParams(this.sql.dialect);
    const rows = await this.sql.rows<{ count: number }>(`SELECT count FROM hub_counters WHERE key = ${p.add(key)} AND window_start = ${p.add(start)}`, p.values);
    return Number(rows[0]?.count ?? 0);
  }

  /**
   * Reserves one login attempt on every counter (key, max) within `windowMs`, or says how long to wait. Insert first,
   * rank after: an attempt is granted when fewer than `max` reservations of the key precede it in (time, id) order.
   * Ranks do not depend on who counts first, so concurrent attempts on one or several replicas get exactly `max`
   * grants (an attempt stamped earlier but committed after another's count could add one: replicas' clocks agree to
   * milliseconds, so only attempts racing within that skew). A refused reservation is taken back (it tried no password).
   */
  async reserveLogin(counters: ReadonlyArray<readonly [string, number]>, windowMs: number, now: number): Promise<LoginReservation> {
    const attemptId = `${now}-${randomBytes(8).toString('hex')}`;
    const keys = counters.map(([key]) => key);
    const insert = new SqlParams(this.sql.dialect);
    const values = keys.map((key) => `(${insert.add(key)}, ${insert.add(attemptId)}, ${insert.add(now)})`).join(', ');
    await this.sql.rows(`INSERT INTO login_attempts (key, attempt_id, at) VALUES ${values}`, insert.values);
    const p = new SqlParams(this.sql.dialect);
    const rows = await this.sql.rows<{ key: string; attempt_id: string; at: number }>(
      `SELECT key, attempt_id, at FROM login_attempts WHERE key IN ${p.list(keys)} AND at > ${p.add(now - windowMs)}`,
      p.values,
    );
    let wait = 0;
    for (const [key, max] of counters) {
      const mine = rows.filter((r) => r.key === key).map((r) => ({ at: Number(r.at), id: r.attempt_id }));
      mine.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      const rank = mine.findIndex((r) => r.id === attemptId);
      // Over the limit: wait until the reservation `max` places before this one leaves the window.
      if (rank >= max) wait = Math.max(wait, mine[rank - max]!.at + windowMs - now, 1);
    }
    if (wait === 0) return { ok: true, attemptId };
    await this.forgetAttempt(keys, attemptId);
    return { ok: false, retryAfterMs: wait };
  }

  /** A failed attempt keeps its reservation. A success gives it back and clears `clearKeys` (user name, device). */
  async settleLogin(keys: readonly string[], attemptId: string, succeeded: boolean, clearKeys: readonly string[]): Promise<void> {
    if (!succeeded) return;
    await this.forgetAttempt(keys, attemptId);
    if (clearKeys.length === 0) return;
    const p = new SqlParams(this.sql.dialect);
    await this.sql.rows(`DELETE FROM login_attempts WHERE key IN ${p.list(clearKeys)}`, p.values);
  }

  private async forgetAttempt(keys: readonly string[], attemptId: string): Promise<void> {
    const p = new SqlParams(this.sql.dialect);
    await this.sql.rows(`DELETE FROM login_attempts WHERE attempt_id = ${p.add(attemptId)} AND key IN ${p.list(keys)}`, p.values);
  }

  async session(id: string, now: number): Promise<string | undefined> {
    const p = new SqlParams(this.sql.dialect);
    const rows = await this.sql.rows<{ data: string }>(`SELECT data FROM admin_sessions WHERE session_id = ${p.add(id)} AND expires_at > ${p.add(now)}`, p.values);
    return rows[0]?.data;
  }

  async saveSession(id: string, data: string, expiresAt: number): Promise<void> {
    const p = new SqlParams(this.sql.dialect);
    await this.sql.rows(
      `INSERT INTO admin_sessions (session_id, data, expires_at) VALUES (${p.add(id)}, ${p.add(data)}, ${p.add(expiresAt)})
       ON CONFLICT (session_id) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at`,
      p.values,
    );
  }

  async destroySession(id: string): Promise<void> {
    const p = new SqlParams(this.sql.dialect);
    await this.sql.rows(`DELETE FROM admin_sessions WHERE session_id = ${p.add(id)}`, p.values);
  }

  /** The app version a terminal reported (the last report wins), for every replica's fleet page. */
  /** The terminals' reported versions, one statement (TerminalVersions writes them in batches; one row per terminal). */
  async recordVersions(reports: readonly ({ terminalId: string } & VersionReport)[]): Promise<void> {
    if (reports.length > VERSION_ROWS_PER_STATEMENT) {
      for (let i = 0; i < reports.length; i += VERSION_ROWS_PER_STATEMENT) await this.recordVersions(reports.slice(i, i + VERSION_ROWS_PER_STATEMENT));
      return;
    }
    if (reports.length === 0) return;
    const p = new SqlParams(this.sql.dialect);
    const rows = reports.map((r) => `(${p.add(r.terminalId)}, ${p.add(r.appVersion)}, ${p.add(r.required)}, ${p.add(r.updateRequired ? 1 : 0)}, ${p.add(r.reportedAt)})`);
    await this.sql.rows(
      `INSERT INTO terminal_versions (terminal_id, app_version, required, update_required, reported_at) VALUES ${rows.join(', ')}
       ON CONFLICT (terminal_id) DO UPDATE SET app_version = excluded.app_version, required = excluded.required,
         update_required = excluded.update_required, reported_at = excluded.reported_at`,
      p.values,
    );
  }

  async versions(terminalIds: readonly string[]): Promise<Map<string, { appVersion: string; required: string | null; updateRequired: boolean; reportedAt: number }>> {
    const p = new SqlParams(this.sql.dialect);
    const rows = await this.sql.rows<{ terminal_id: string; app_version: string; required: string | null; update_required: number | boolean; reported_at: number }>(
      `SELECT terminal_id, app_version, required, update_required, reported_at FROM terminal_versions WHERE terminal_id IN ${p.list(terminalIds)}`,
      p.values,
    );
    return new Map(rows.map((r) => [r.terminal_id, { appVersion: r.app_version, required: r.required, updateRequired: Boolean(r.update_required), reportedAt: Number(r.reported_at) }]));
  }

  /** Drops expired counters and sessions and login attempts older than `loginWindowMs` (retention, every replica). */
  async purge(now: number, loginWindowMs: number): Promise<void> {
    for (const [table, column, before] of [
      ['hub_counters', 'expires_at', now],
      ['admin_sessions', 'expires_at', now],
      ['login_attempts', 'at', now - loginWindowMs],
    ] as const) {
      const p = new SqlParams(this.sql.dialect);
      await this.sql.rows(`DELETE FROM ${table} WHERE ${column} <= ${p.add(before)}`, p.values);
    }
  }
}
