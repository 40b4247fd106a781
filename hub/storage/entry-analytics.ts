/**
 * Statistics and contact-tracing reads over the hub's entries, one SQL text for SQLite and PostgreSQL (sql-runner.ts).
 * Only admitted entries count as passages. Every query is bounded by checkpoint (or subject) and event time, so the
 * indexes entries_by_checkpoint_time (migration 4) and entries_by_subject_time (migration 5) answer it.
 * (better-sqlite3 binds JS numbers as REAL, hence the CAST of the bucket division.)
 */
import type { Direction, Outcome } from '../../core/index.js';
import { reasonsFromColumn } from './entry-list.js';
import { SqlParams, type SqlRunner } from './sql-runner.js';

export interface PassageBucket {
  /** 0-based index of the hour (or day) from the range start. */
  readonly bucket: number;
  readonly in: number;
  readonly out: number;
}

export interface ReasonCount {
  readonly reason: string;
  readonly count: number;
}

export interface Passage {
  readonly receiptId: number;
  readonly checkpointId: string;
  readonly subjectHmac: string | null;
  readonly displayName: string;
  readonly direction: Direction;
  readonly eventTime: number;
}

const PASSAGE_COLUMNS = `receipt_id AS "receiptId", checkpoint_id AS "checkpointId", subject_hmac AS "subjectHmac", display_name AS "displayName",
  direction, event_time AS "eventTime"`;

export class EntryAnalytics {
  constructor(private readonly sql: SqlRunner) {}

  private params(): SqlParams {
    return new SqlParams(this.sql.dialect);
  }

  /** Admitted passages in and out per bucket of `bucketMs` over [from, to), every bucket present (zeros included). */
  async passagesPerBucket(checkpointId: string, from: number, to: number, bucketMs: number): Promise<PassageBucket[]> {
    const p = this.params();
    const cp = p.add(checkpointId);
    const start = p.add(from);
    const rows = await this.sql.rows<{ bucket: number; direction: string; n: number }>(
      `SELECT CAST((event_time - ${start}) / ${p.add(bucketMs)} AS INTEGER) AS bucket, direction, count(*) AS n FROM entries
       WHERE checkpoint_id = ${cp} AND event_time >= ${start} AND event_time < ${p.add(to)} AND outcome = 'admit'
       GROUP BY 1, 2`,
      p.values,
    );
    const buckets = Array.from({ length: Math.ceil((to - from) / bucketMs) }, (_, bucket) => ({ bucket, in: 0, out: 0 }));
    for (const r of rows) {
      const b = buckets[Number(r.bucket)];
      if (b && (r.direction === 'in' || r.direction === 'out')) b[r.direction] += Number(r.n);
    }
    return buckets;
  }

  /** People whose last admitted passage in [from, to) was "in": inside now, when `to` is now. */
  async insideCount(checkpointId: string, from: number, to: number): Promise<number> {
    const p = this.params();
    const rows = await this.sql.rows<{ n: number }>(
      `SELECT count(*) AS n FROM (
         SELECT direction, row_number() OVER (PARTITION BY subject_hmac ORDER BY event_time DESC, receipt_id DESC) AS rn FROM entries
         WHERE checkpoint_id = ${p.add(checkpointId)} AND event_time >= ${p.add(from)} AND event_time < ${p.add(to)}
           AND outcome = 'admit' AND subject_hmac IS NOT NULL
       ) last_passage WHERE rn = 1 AND direction = 'in'`,
      p.values,
    );
    return Number(rows[0]?.n ?? 0);
  }

  /** How often each reason code was given with a denial in [from, to), most frequent first. */
  denialReasons(checkpointId: string, from: number, to: number): Promise<ReasonCount[]> {
    return this.reasonCounts(checkpointId, from, to, 'deny');
  }

  /** How often each reason code was given in [from, to) — with entries of `outcome` only, when given — most frequent first. */
  async reasonCounts(checkpointId: string, from: number, to: number, outcome?: Outcome): Promise<ReasonCount[]> {
    const p = this.params();
    const rows = await this.sql.rows<{ reasons: string; n: number }>(
      `SELECT reasons, count(*) AS n FROM entries
       WHERE checkpoint_id = ${p.add(checkpointId)} AND event_time >= ${p.add(from)} AND event_time < ${p.add(to)}${outcome ? ` AND outcome = ${p.add(outcome)}` : ''}
       GROUP BY reasons`,
      p.values,
    );
    const counts = new Map<string, number>();
    for (const r of rows) for (const reason of reasonsFromColumn(r.reasons)) counts.set(reason, (counts.get(reason) ?? 0) + Number(r.n));
    return [...counts].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
  }

  /**
   * A person's admitted passages (by their subject HMACs) at the given checkpoints, oldest first. On PostgreSQL the
   * HMACs are joined from one array (an area has a thousand: planning a thousand-element IN list per day partition
   * costs more than the query), and `event_time + 0` keeps the planner off walking the event-time index in order and
   * filtering every row of the period; the few rows come from entries_by_subject_time and are sorted.
   */
  async passagesOf(subjectHmacs: readonly string[], checkpointIds: readonly string[], from: number, to: number, limit: number): Promise<Passage[]> {
    const p = this.params();
    const subjects = this.sql.dialect === 'postgres' ? `unnest(${p.add([...subjectHmacs])}::text[]) AS traced (hmac) JOIN entries ON subject_hmac = traced.hmac WHERE` : `entries WHERE ${p.inList('subject_hmac', subjectHmacs)} AND`;
    return this.sql.rows<Passage>(
      `SELECT ${PASSAGE_COLUMNS} FROM ${subjects} ${p.inList('checkpoint_id', checkpointIds)}
         AND event_time >= ${p.add(from)} AND event_time < ${p.add(to)} AND outcome = 'admit'
       ORDER BY event_time + 0, receipt_id LIMIT ${p.add(limit)}`,
      p.values,
    );
  }

  /** The subject keys of these buildings in one query (tracing HMACs an ID number under each; an area has a thousand). */
  async subjectKeys(buildingIds: readonly string[]): Promise<Map<string, Buffer>> {
    const p = this.params();
    const rows = await this.sql.rows<{ buildingId: string; subjectKey: Buffer }>(
      `SELECT building_id AS "buildingId", subject_key AS "subjectKey" FROM buildings WHERE ${p.inList('building_id', buildingIds)}`,
      p.values,
    );
    return new Map(rows.map((r) => [r.buildingId, r.subjectKey]));
  }

  /** Everyone's admitted passages at one checkpoint in [from, to), oldest first. */
  async passagesAt(checkpointId: string, from: number, to: number, limit: number): Promise<Passage[]> {
    const p = this.params();
    return this.sql.rows<Passage>(
      `SELECT ${PASSAGE_COLUMNS} FROM entries
       WHERE checkpoint_id = ${p.add(checkpointId)} AND event_time >= ${p.add(from)} AND event_time < ${p.add(to)} AND outcome = 'admit'
       ORDER BY event_time, receipt_id LIMIT ${p.add(limit)}`,
      p.values,
    );
  }
}
