/**
 * The durable entry register. `commit` returns only after SQLite has fsync'd the row (WAL, synchronous=FULL), so a
 * caller that fires a relay or shows "admitted" after it can rely on the row surviving power loss.
 * Rows carry (terminal id, seq) with seq strictly increasing per terminal: the sync worker's exactly-once key.
 */
import type { EntryView, GateDecision, PassageView, ReasonCode, RecentPassage, ScanSource, TalliedEntry } from '../../core/index.js';
import { safeDisplayName } from '../../core/display-name.js';
import type { SqliteDatabase } from './open-database.js';
import { StorageError } from './storage-error.js';

export interface OverrideLink {
  /** Id of the entry this one overrides. */
  readonly of: string;
  readonly reason: string;
  readonly note: string;
}

export interface EntryToCommit {
  readonly decision: GateDecision;
  readonly scanSource: ScanSource;
  readonly subjectHmac: string | null;
  readonly monoTime: number;
  readonly bootId: string;
  readonly override?: OverrideLink;
  /** The visitor's host picked by the guard (department checkpoints): an opaque id from the synced list. */
  readonly hostId?: string;
}

export interface StoredEntry extends EntryToCommit {
  readonly id: string;
  readonly seq: number;
  readonly terminalId: string;
  readonly checkpointId: string;
}

/** A row of `entries` as SQLite returns it (the sync outbox reads the same table). */
export interface EntryRow {
  id: string;
  terminal_id: string;
  seq: number;
  checkpoint_id: string;
  direction: 'in' | 'out';
  outcome: 'admit' | 'deny' | 'review';
  reasons: string;
  credential_kind: string;
  credential_id: string | null;
  subject_hmac: string | null;
  display_name: string;
  scan_source: string;
  wall_time: number;
  mono_time: number;
  boot_id: string;
  delivered_at: number | null;
  override_of: string | null;
  override_reason: string | null;
  override_note: string | null;
  reason_params: string | null;
  /** Migration 0009. */
  host_id?: string | null;
  passage?: PassageResult | null;
  passage_at?: number | null;
}

/** An entry with what overriding (or undoing) it needs. */
export interface RegisteredEntry {
  readonly view: EntryView;
  readonly subjectHmac: string | null;
  readonly scanSource: ScanSource;
  /** The entry that overrides (or undoes) this one, if any. */
  readonly overriddenBy: string | null;
  readonly overrideReason: string | null;
}

/** Entries undone by a guard (an UNDO entry points at them) count neither for presence nor for anti-passback. */
/**
 * An admit whose override was undone does not count. Correlated, so it is one probe of the entries_override_of index
 * per row (an uncorrelated `id NOT IN (SELECT …)` scanned the whole register on every scan).
 */
const NOT_UNDONE = "NOT EXISTS (SELECT 1 FROM entries AS undo WHERE undo.override_of = entries.id AND undo.override_reason = 'UNDO')";

/** Whether an admit's passage was confirmed by the turnstile / door sensor (migration 0004). */
export type PassageResult = 'passed' | 'not-passed';

export function entryViewOfRow(row: EntryRow): EntryView {
  const decision: GateDecision = {
    outcome: row.outcome,
    reasons: row.reasons.split(' ').filter(Boolean) as ReasonCode[],
    credential: row.credential_id
      ? { kind: row.credential_kind as GateDecision['credential']['kind'], id: row.credential_id }
      : { kind: row.credential_kind as GateDecision['credential']['kind'] },
    person: { displayName: safeDisplayName(row.display_name) },
    direction: row.direction,
    decidedAt: row.wall_time,
    ...(row.reason_params ? { reasonParams: JSON.parse(row.reason_params) as Record<string, string> } : {}),
  };
  return {
    entryId: row.id,
    seq: row.seq,
    decision,
    scanSource: row.scan_source as ScanSource,
    committedAt: row.wall_time,
    ...(row.override_of ? { overrideOf: row.override_of } : {}),
    ...(row.host_id ? { hostId: row.host_id } : {}),
    ...(row.passage ? { passage: row.passage } : {}),
  };
}

export class EntryRegister {
  private lastSeq: number;
  private readonly insert;
  private readonly selectRecent;
  private readonly selectSince;
  private readonly purgeDelivered;
  private readonly purgeAll;
  private readonly selectMaxSeq;
  private readonly selectLastAdmitted;
  private readonly selectById;
  private readonly selectOverrideOf;
  private readonly updatePassage;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly identity: { readonly terminalId: string; readonly checkpointId: string },
    private readonly newId: (wallTime: number) => string,
  ) {
    this.selectLastAdmitted = db.prepare(
      "SELECT direction, wall_time FROM entries WHERE subject_hmac = ? AND outcome = 'admit' AND (passage IS NULL OR passage <> 'not-passed') " +
        `AND ${NOT_UNDONE} ORDER BY wall_time DESC, seq DESC LIMIT 1`,
    );
    this.selectMaxSeq = db.prepare('SELECT max(seq) AS s FROM entries WHERE terminal_id = ?');
    this.lastSeq = this.committedMaxSequence();
    this.insert = db.prepare(`
      INSERT INTO entries (id, terminal_id, seq, checkpoint_id, direction, outcome, reasons, credential_kind,
        credential_id, subject_hmac, display_name, scan_source, wall_time, mono_time, boot_id,
        override_of, override_reason, override_note, reason_params, host_id)
      VALUES (@id, @terminal_id, @seq, @checkpoint_id, @direction, @outcome, @reasons, @credential_kind,
        @credential_id, @subject_hmac, @display_name, @scan_source, @wall_time, @mono_time, @boot_id,
        @override_of, @override_reason, @override_note, @reason_params, @host_id)`);
    this.selectById = db.prepare('SELECT * FROM entries WHERE id = ?');
    this.selectOverrideOf = db.prepare('SELECT id FROM entries WHERE override_of = ?');
    this.updatePassage = db.prepare("UPDATE entries SET passage = ?, passage_at = ? WHERE id = ? AND outcome = 'admit' AND passage IS NULL");
    this.selectRecent = db.prepare('SELECT * FROM entries WHERE checkpoint_id = ? ORDER BY wall_time DESC, seq DESC LIMIT ?');
    this.selectSince = db.prepare(
      'SELECT subject_hmac, direction, outcome FROM entries WHERE checkpoint_id = ? AND wall_time >= ? ' +
        "AND (passage IS NULL OR passage <> 'not-passed') " +
        `AND ${NOT_UNDONE} ORDER BY wall_time, seq`,
    );
    this.purgeDelivered = db.prepare('DELETE FROM entries WHERE wall_time < ? AND delivered_at IS NOT NULL');
    this.purgeAll = db.prepare('DELETE FROM entries WHERE wall_time < ?');
  }

  /** Durably appends the entry and returns it with its id and sequence number. */
  commit(entry: EntryToCommit): StoredEntry {
    const seq = this.lastSeq + 1;
    const id = this.newId(entry.decision.decidedAt);
    const d = entry.decision;
    try {
      this.insert.run({
        id,
        terminal_id: this.identity.terminalId,
        seq,
        checkpoint_id: this.identity.checkpointId,
        direction: d.direction,
        outcome: d.outcome,
        reasons: d.reasons.join(' '),
        credential_kind: d.credential.kind,
        credential_id: d.credential.id ?? null,
        subject_hmac: entry.subjectHmac,
        display_name: d.person.displayName,
        scan_source: entry.scanSource,
        wall_time: d.decidedAt,
        mono_time: entry.monoTime,
        boot_id: entry.bootId,
        override_of: entry.override?.of ?? null,
        override_reason: entry.override?.reason ?? null,
        override_note: entry.override?.note ?? null,
        reason_params: d.reasonParams ? JSON.stringify(d.reasonParams) : null,
        host_id: entry.hostId ?? null,
      });
    } catch (error) {
      this.resyncSequence();
      throw new StorageError('STORAGE_WRITE_FAILED', `could not write entry: ${(error as Error).message}`, { cause: error });
    }
    this.lastSeq = seq;
    return { ...entry, id, seq, terminalId: this.identity.terminalId, checkpointId: this.identity.checkpointId };
  }

  /** An entry with what overriding it needs: its decision (with the stored subject key) and whether it was overridden. */
  entryById(id: string): RegisteredEntry | undefined {
    const row = this.selectById.get(id) as EntryRow | undefined;
    if (!row) return undefined;
    const view = entryViewOfRow(row);
    const decision = row.subject_hmac ? { ...view.decision, person: { ...view.decision.person, subjectKey: row.subject_hmac } } : view.decision;
    const overriddenBy = (this.selectOverrideOf.get(id) as { id: string } | undefined)?.id ?? null;
    return { view: { ...view, decision }, subjectHmac: row.subject_hmac, scanSource: row.scan_source as ScanSource, overriddenBy, overrideReason: row.override_reason };
  }

  /**
   * Records what the turnstile sensor said about an admit: passed, or "granted, not passed" (a not-passed admit no
   * longer counts as inside, nor for anti-passback). Once per entry; returns false for unknown, non-admit or already
   * marked entries.
   */
  markPassage(entryId: string, result: PassageResult, wallTime: number): boolean {
    try {
      return this.updatePassage.run(result, wallTime, entryId).changes === 1;
    } catch (error) {
      throw new StorageError('STORAGE_WRITE_FAILED', `could not record the passage of ${entryId}: ${(error as Error).message}`, { cause: error });
    }
  }

  recent(limit: number): EntryView[] {
    return (this.selectRecent.all(this.identity.checkpointId, limit) as EntryRow[]).map(entryViewOfRow);
  }

  /** Entries of this checkpoint since `wallTime`, oldest first, in the shape the presence tally folds. */
  talliedSince(wallTime: number): TalliedEntry[] {
    return (this.selectSince.all(this.identity.checkpointId, wallTime) as Pick<EntryRow, 'subject_hmac' | 'direction' | 'outcome'>[]).map(
      (r) => ({ subjectKey: r.subject_hmac, direction: r.direction, outcome: r.outcome }),
    );
  }

  /** This terminal's view of recent passages for anti-passback (the hub adds the building's other doors later). */
  passageView(checkpointName: string): PassageView {
    return {
      lastAdmitted: (subjectKey: string): RecentPassage | undefined => {
        const row = this.selectLastAdmitted.get(subjectKey) as { direction: 'in' | 'out'; wall_time: number } | undefined;
        return row ? { direction: row.direction, at: row.wall_time, checkpointName } : undefined;
      },
    };
  }

  /**
   * Retention: deletes entries older than `cutoff`. With a hub, only rows the hub acknowledged may go; without one
   * there is nowhere to deliver them and age alone decides.
   */
  purgeOlderThan(cutoff: number, options: { onlyDelivered: boolean }): number {
    return (options.onlyDelivered ? this.purgeDelivered : this.purgeAll).run(cutoff).changes;
  }

  /**
   * Rewrites the one-row storage_probe table (migration 0007), fsync'd like an entry: whether the disk takes register
   * writes now. Throws StorageError (cause: the SQLite error) when it does not.
   */
  probeWrite(wallTime: number): void {
    try {
      this.db.prepare('INSERT INTO storage_probe (id, probed_at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET probed_at = excluded.probed_at').run(wallTime);
    } catch (error) {
      throw new StorageError('STORAGE_WRITE_FAILED', `storage probe failed: ${(error as Error).message}`, { cause: error });
    }
  }

  /** After a failed write: the next seq follows what is really on disk (a failed commit must leave no gap or duplicate). */
  private resyncSequence(): void {
    try {
      this.lastSeq = this.committedMaxSequence();
    } catch {
      // the database cannot even be read: keep the counter; the next commit fails the same way
    }
  }

  /** Highest sequence actually on disk for this terminal (reads the database, not the in-memory counter). */
  committedMaxSequence(): number {
    return (this.selectMaxSeq.get(this.identity.terminalId) as { s: number | null }).s ?? 0;
  }

  get lastSequence(): number {
    return this.lastSeq;
  }

  get database(): SqliteDatabase {
    return this.db;
  }
}
