/**
 * The hub's entries in PostgreSQL: one statement per upload (postgres-upload-statement.ts: nonce, row lock, unnest
 * arrays → entry_keys ON CONFLICT DO NOTHING → entries for the new keys only, the terminal's seqs), daily partitions created on demand and dropped by retention, the contiguous-seq
 * walk over entry_keys, and the building relay feed.
 */
import type { Pool, PoolClient } from 'pg';
import type { RelayedPassage, ReceivedEntry } from '../../protocol.js';
import { runUploadStatement } from './postgres-upload-statement.js';
import type { AdmittedIngest, EntryStats, IngestResult, NonceToRemember, TerminalRecord } from '../hub-store.js';

const WALK_STEP = 1000;
const DAY_MS = 86_400_000;
/** Serialises partition DDL across hub processes. */
const PARTITION_LOCK = 7_301_002;

export function utcDay(ms: number): string {
  return new Date(Math.floor(ms / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
}

function partitionName(day: string): string {
  return `entries_p${day.replace(/-/g, '')}`;
}

export class PostgresEntryTable {
  private readonly knownDays = new Set<string>();
  private readonly creating = new Map<string, Promise<void>>();

  constructor(private readonly pool: Pool) {}

  /**
   * Creates the day's partition if missing (and the next day's, so midnight never waits on DDL). One creation at a
   * time per process: uploads arriving meanwhile wait for it instead of each queueing its own DDL behind the advisory
   * lock while holding a pooled connection (bench hub10k before: 32 creations at start, 880 ms each, serialised).
   */
  ensurePartitions(receivedAt: number): Promise<void> {
    const days = [utcDay(receivedAt), utcDay(receivedAt + DAY_MS)].filter((d) => !this.knownDays.has(d));
    if (days.length === 0) return Promise.resolve();
    const key = days.join(' ');
    let creating = this.creating.get(key);
    if (!creating) {
      creating = this.createPartitions(days).finally(() => this.creating.delete(key));
      this.creating.set(key, creating);
    }
    return creating;
  }

  private async createPartitions(days: readonly string[]): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [PARTITION_LOCK]);
      for (const day of days) {
        const next = utcDay(Date.parse(`${day}T00:00:00Z`) + DAY_MS);
        await client.query(`CREATE TABLE IF NOT EXISTS ${partitionName(day)} PARTITION OF entries FOR VALUES FROM ('${day}') TO ('${next}')`);
      }
      await client.query('COMMIT');
      for (const day of days) this.knownDays.add(day);
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  }

  ingest(terminal: TerminalRecord, entries: readonly ReceivedEntry[], receivedAt: number): Promise<IngestResult> {
    return this.ingestAdmitted(terminal, entries, receivedAt).then((r) => {
      if (!r.result) throw new Error(`terminal ${terminal.terminalId} is not in the store`);
      return r.result;
    });
  }

  /**
   * One statement per upload (postgres-upload-statement.ts): with `admission`, it also remembers the request's nonce and
   * reads the terminal's revocation, and nothing is stored unless both pass. Only when the new contiguous seq needs a
   * walk over entry_keys (uploads out of order, or a key another upload stored) does a second, short transaction follow.
   */
  async ingestAdmitted(terminal: TerminalRecord, entries: readonly ReceivedEntry[], receivedAt: number, admission?: NonceToRemember): Promise<AdmittedIngest> {
    await this.ensurePartitions(receivedAt);
    const oncePerSeq = new Map<number, ReceivedEntry>();
    for (const e of entries) oncePerSeq.set(e.seq, e);
    const outcome = await runUploadStatement(this.pool, terminal, [...oncePerSeq.values()], receivedAt, admission);
    if (!outcome) return { admission: undefined };
    const found = { revokedAt: outcome.revokedAt, fresh: outcome.fresh };
    if (!outcome.admitted) return { admission: found };
    const { contiguous, highest } = outcome.contiguous !== null ? { contiguous: outcome.contiguous, highest: outcome.highest } : await this.advanceContiguous(terminal);
    return { admission: found, result: { inserted: outcome.inserted, duplicates: entries.length - outcome.inserted, contiguousSeq: contiguous, highestSeq: highest } };
  }

  /** Walks entry_keys from the terminal's contiguous seq under its row lock and stores where the run of keys ends. */
  private async advanceContiguous(terminal: TerminalRecord): Promise<{ contiguous: number; highest: number }> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const held = (
        await client.query<{ contiguous_seq: number; highest_seq: number }>('SELECT contiguous_seq, highest_seq FROM terminals WHERE terminal_id = $1 FOR UPDATE', [terminal.terminalId])
      ).rows[0]!;
      const contiguous = await this.walk(client, terminal, held.contiguous_seq, held.highest_seq);
      if (contiguous !== held.contiguous_seq) await client.query('UPDATE terminals SET contiguous_seq = $1 WHERE terminal_id = $2', [contiguous, terminal.terminalId]);
      await client.query('COMMIT');
      return { contiguous, highest: held.highest_seq };
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  }

  private async walk(client: PoolClient, terminal: TerminalRecord, from: number, highest: number): Promise<number> {
    let contiguous = from;
    while (contiguous < highest) {
      const seqs = (
        await client.query<{ seq: number }>('SELECT seq FROM entry_keys WHERE building_id = $1 AND terminal_id = $2 AND seq > $3 ORDER BY seq LIMIT $4', [
          terminal.buildingId, terminal.terminalId, contiguous, WALK_STEP,
        ])
      ).rows;
      for (const { seq } of seqs) {
        if (seq !== contiguous + 1) return contiguous;
        contiguous = seq;
      }
      if (seqs.length < WALK_STEP) return contiguous;
    }
    return contiguous;
  }

  async passagesSince(buildingId: string, o: { after: number; excludeTerminalId: string; sinceEventTime: number; limit: number }): Promise<RelayedPassage[]> {
    const { rows } = await this.pool.query<{ receipt_id: number; terminal_id: string; checkpoint_name: string; checkpoint_kind: RelayedPassage['checkpointKind']; subject_hmac: string; direction: 'in' | 'out'; event_time: number }>(
      `SELECT e.receipt_id, e.terminal_id, c.name AS checkpoint_name, c.kind AS checkpoint_kind, e.subject_hmac, e.direction, e.event_time
       FROM entries e JOIN checkpoints c ON c.checkpoint_id = e.checkpoint_id
       WHERE e.building_id = $1 AND e.receipt_id > $2 AND e.outcome = 'admit' AND e.subject_hmac IS NOT NULL AND e.terminal_id <> 'phone-checkin' AND e.terminal_id <> $3 AND e.event_time >= $4
       ORDER BY e.receipt_id LIMIT $5`,
      [buildingId, o.after, o.excludeTerminalId, o.sinceEventTime, o.limit],
    );
    return rows.map((r) => ({ cursor: r.receipt_id, terminalId: r.terminal_id, checkpointName: r.checkpoint_name, checkpointKind: r.checkpoint_kind, subjectHmac: r.subject_hmac, direction: r.direction, eventTime: r.event_time }));
  }

  /** Drops whole day partitions before the cutoff's day, then deletes the stragglers (late rows, hub-anchored old events). */
  async purge(client: PoolClient, cutoff: number): Promise<{ entries: number; partitionsDropped: number }> {
    const cutoffDay = utcDay(cutoff);
    const { rows } = await client.query<{ name: string }>(
      "SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'entries'::regclass",
    );
    let entries = 0;
    let partitionsDropped = 0;
    for (const { name } of rows) {
      const match = /^entries_p(\d{4})(\d{2})(\d{2})$/.exec(name);
      if (!match || `${match[1]}-${match[2]}-${match[3]}` >= cutoffDay) continue;
      entries += Number((await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${name}`)).rows[0]!.n);
      await client.query(`DROP TABLE ${name}`);
      this.knownDays.delete(`${match[1]}-${match[2]}-${match[3]}`);
      partitionsDropped++;
    }
    entries += (await client.query("DELETE FROM entries WHERE received_at < $1 OR (event_time < $1 AND time_source = 'hub-anchor')", [cutoff])).rowCount ?? 0;
    await client.query('DELETE FROM entry_keys WHERE received_on < $1::date', [cutoffDay]);
    return { entries, partitionsDropped };
  }

  async stats(): Promise<EntryStats> {
    const total = (await this.pool.query<{ n: number }>('SELECT count(*)::bigint AS n FROM entries')).rows[0]!.n;
    const distinctKeys = (await this.pool.query<{ n: number }>('SELECT count(*)::bigint AS n FROM (SELECT DISTINCT terminal_id, seq FROM entries) d')).rows[0]!.n;
    const perTerminal = (
      await this.pool.query<{ terminal_id: string; n: number; lo: number; hi: number }>(
        'SELECT terminal_id, count(*)::bigint AS n, min(seq) AS lo, max(seq) AS hi FROM entries GROUP BY terminal_id ORDER BY terminal_id',
      )
    ).rows.map((r) => ({ terminalId: r.terminal_id, count: r.n, minSeq: r.lo, maxSeq: r.hi }));
    return { total, distinctKeys, perTerminal };
  }
}
