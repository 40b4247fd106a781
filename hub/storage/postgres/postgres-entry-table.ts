/**
 * The hub's entries in PostgreSQL: one statement per batch (unnest arrays → entry_keys ON CONFLICT DO NOTHING →
 * entries for the new keys only), daily partitions created on demand and dropped by retention, the contiguous-seq
 * walk over entry_keys, and the building relay feed.
 */
import type { Pool, PoolClient } from 'pg';
import type { RelayedPassage, ReceivedEntry } from '../../protocol.js';
import { nameKey } from '../name-key.js';
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

interface HeldRow {
  readonly contiguous_seq: number;
  readonly highest_seq: number;
  readonly revokedAt: number | null;
  readonly fresh: boolean;
}

/**
 * The new contiguous seq without reading entry_keys, when it is certain: nothing was held above the contiguous seq,
 * and every fresh seq was inserted and they run on from it without a gap. Undefined: walk entry_keys.
 */
function gaplessRun(held: HeldRow, fresh: ReadonlyMap<number, unknown>, inserted: number): number | undefined {
  if (held.highest_seq !== held.contiguous_seq || inserted !== fresh.size) return undefined;
  let next = held.contiguous_seq;
  while (fresh.has(next + 1)) next++;
  return next - held.contiguous_seq === fresh.size ? next : undefined;
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
   * One transaction per upload: with `admission`, its first statement also remembers the request's nonce and reads
   * the terminal's revocation (TerminalDirectory.admitRequest's step), and nothing is stored unless both pass.
   */
  async ingestAdmitted(terminal: TerminalRecord, entries: readonly ReceivedEntry[], receivedAt: number, admission?: NonceToRemember): Promise<AdmittedIngest> {
    await this.ensurePartitions(receivedAt);
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const lock = 'SELECT contiguous_seq, highest_seq, revoked_at AS "revokedAt"';
      const held = (
        admission
          ? await client.query<HeldRow>(
              `WITH remembered AS (INSERT INTO request_nonces (key_id, nonce, expires_at) VALUES ($2, $3, $4) ON CONFLICT DO NOTHING RETURNING nonce)
               ${lock}, EXISTS (SELECT 1 FROM remembered) AS fresh FROM terminals WHERE terminal_id = $1 FOR UPDATE`,
              [terminal.terminalId, admission.keyId, admission.nonce, admission.expiresAt],
            )
          : await client.query<HeldRow>(`${lock}, true AS fresh FROM terminals WHERE terminal_id = $1 FOR UPDATE`, [terminal.terminalId])
      ).rows[0];
      const found = held && { revokedAt: held.revokedAt, fresh: held.fresh };
      if (!held || (admission && (held.revokedAt !== null || !held.fresh))) {
        await client.query('ROLLBACK');
        return { admission: found };
      }
      const fresh = new Map<number, ReceivedEntry>();
      for (const e of entries) if (e.seq > held.contiguous_seq) fresh.set(e.seq, e);
      const inserted = fresh.size > 0 ? await this.insertNew(client, terminal, [...fresh.values()], receivedAt) : 0;
      const highest = Math.max(held.highest_seq, ...fresh.keys());
      const contiguous = gaplessRun(held, fresh, inserted) ?? (await this.walk(client, terminal, held.contiguous_seq, highest));
      if (contiguous !== held.contiguous_seq || highest !== held.highest_seq) {
        await client.query('UPDATE terminals SET contiguous_seq = $1, highest_seq = $2 WHERE terminal_id = $3', [contiguous, highest, terminal.terminalId]);
      }
      await client.query('COMMIT');
      return { admission: found, result: { inserted, duplicates: entries.length - inserted, contiguousSeq: contiguous, highestSeq: highest } };
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  }

  private async insertNew(client: PoolClient, terminal: TerminalRecord, rows: readonly ReceivedEntry[], receivedAt: number): Promise<number> {
    const col = <T>(f: (e: ReceivedEntry) => T) => rows.map(f);
    const result = await client.query(
      `WITH input AS (
         SELECT * FROM unnest($3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[],
           $12::text[], $13::text[], $14::bigint[], $15::bigint[], $16::text[], $17::bigint[], $18::text[], $19::text[], $22::text[], $23::text[])
           AS i(seq, entry_id, checkpoint_id, direction, outcome, reasons, credential_kind, credential_id, subject_hmac, display_name,
             scan_source, wall_time, mono_time, boot_id, event_time, time_source, override_of, name_key, host_id)
       ), fresh AS (
         INSERT INTO entry_keys (building_id, terminal_id, seq, received_on)
         SELECT $1, $2, seq, $21::date FROM input ON CONFLICT DO NOTHING RETURNING seq
       )
       INSERT INTO entries (building_id, terminal_id, seq, entry_id, checkpoint_id, direction, outcome, reasons, credential_kind, credential_id,
         subject_hmac, display_name, scan_source, wall_time, mono_time, boot_id, event_time, time_source, override_of, received_at, received_on, name_key, host_id)
       SELECT $1, $2, i.seq, i.entry_id, i.checkpoint_id, i.direction, i.outcome, i.reasons, i.credential_kind, i.credential_id, i.subject_hmac,
         i.display_name, i.scan_source, i.wall_time, i.mono_time, i.boot_id, i.event_time, i.time_source, i.override_of, $20, $21::date, i.name_key, i.host_id
       FROM input i JOIN fresh f ON f.seq = i.seq`,
      [
        terminal.buildingId, terminal.terminalId,
        col((e) => e.seq), col((e) => e.id), col((e) => e.checkpointId), col((e) => e.direction), col((e) => e.outcome), col((e) => e.reasons.join(' ')),
        col((e) => e.credentialKind), col((e) => e.credentialId), col((e) => e.subjectHmac), col((e) => e.displayName), col((e) => e.scanSource),
        col((e) => e.wallTime), col((e) => e.monoTime), col((e) => e.bootId), col((e) => e.eventTime), col((e) => e.timeSource), col((e) => e.overrideOf),
        receivedAt, utcDay(receivedAt), col((e) => nameKey(e.displayName)), col((e) => e.hostId ?? null),
      ],
    );
    return result.rowCount ?? 0;
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
