/**
 * The hub's entries in SQLite: idempotent ingest keyed by (terminal, seq), the contiguous-seq walk, the relay feed
 * for cross-terminal anti-passback, and retention. Used by SqliteHubStore; one transaction per batch.
 */
import type Database from 'better-sqlite3';
import type { RelayedPassage, ReceivedEntry } from '../../protocol.js';
import { nameKey } from '../name-key.js';
import type { AdmittedIngest, EntryStats, IngestResult, NonceToRemember, TerminalRecord } from '../hub-store.js';

/** How many held seqs above the contiguous one are read per step of the walk. */
const WALK_STEP = 1000;

export class SqliteEntryTable {
  private readonly insert;
  private readonly progress;
  private readonly seqsAfter;
  private readonly saveProgress;
  private readonly relay;
  readonly ingest: (terminal: TerminalRecord, entries: readonly ReceivedEntry[], receivedAt: number) => IngestResult;
  /** ingest, in the transaction that remembers the request's nonce and reads the terminal's revocation (see EntryLog). */
  readonly ingestAdmitted: (terminal: TerminalRecord, entries: readonly ReceivedEntry[], receivedAt: number, admission: NonceToRemember) => AdmittedIngest;

  constructor(private readonly db: Database.Database) {
    this.insert = db.prepare(`
      INSERT INTO entries (building_id, terminal_id, seq, entry_id, checkpoint_id, direction, outcome, reasons, credential_kind,
        credential_id, subject_hmac, display_name, scan_source, wall_time, mono_time, boot_id, event_time, time_source, override_of, received_at, name_key, host_id)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (terminal_id, seq) DO NOTHING`);
    this.progress = db.prepare('SELECT contiguous_seq, highest_seq FROM terminals WHERE terminal_id = ?');
    this.seqsAfter = db.prepare('SELECT seq FROM entries WHERE terminal_id = ? AND seq > ? ORDER BY seq LIMIT ?').pluck();
    this.saveProgress = db.prepare('UPDATE terminals SET contiguous_seq = ?, highest_seq = ? WHERE terminal_id = ?');
    this.relay = db.prepare(`
      SELECT e.receipt_id, e.terminal_id, c.name AS checkpoint_name, c.kind AS checkpoint_kind, e.subject_hmac, e.direction, e.event_time
      FROM entries e JOIN checkpoints c ON c.checkpoint_id = e.checkpoint_id
      WHERE e.building_id = ? AND e.receipt_id > ? AND e.outcome = 'admit' AND e.subject_hmac IS NOT NULL AND e.terminal_id <> 'phone-checkin'
        AND e.terminal_id <> ? AND e.event_time >= ?
      ORDER BY e.receipt_id LIMIT ?`);
    this.ingest = db.transaction((terminal: TerminalRecord, entries: readonly ReceivedEntry[], receivedAt: number): IngestResult => {
      const held = this.progress.get(terminal.terminalId) as { contiguous_seq: number; highest_seq: number };
      let inserted = 0;
      let duplicates = 0;
      let highest = held.highest_seq;
      for (const e of entries) {
        if (e.seq <= held.contiguous_seq) {
          duplicates++;
          continue;
        }
        const changes = this.insert.run(
          terminal.buildingId, terminal.terminalId, e.seq, e.id, e.checkpointId, e.direction, e.outcome, e.reasons.join(' '), e.credentialKind,
          e.credentialId, e.subjectHmac, e.displayName, e.scanSource, e.wallTime, e.monoTime, e.bootId, e.eventTime, e.timeSource, e.overrideOf, receivedAt, nameKey(e.displayName), e.hostId ?? null,
        ).changes;
        if (changes > 0) inserted++;
        else duplicates++;
        if (e.seq > highest) highest = e.seq;
      }
      const contiguous = this.walk(terminal.terminalId, held.contiguous_seq, highest);
      this.saveProgress.run(contiguous, highest, terminal.terminalId);
      return { inserted, duplicates, contiguousSeq: contiguous, highestSeq: highest };
    });
    const revocation = db.prepare('SELECT revoked_at AS revokedAt FROM terminals WHERE terminal_id = ?');
    const remember = db.prepare('INSERT INTO request_nonces (key_id, nonce, expires_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING');
    this.ingestAdmitted = db.transaction((terminal: TerminalRecord, entries: readonly ReceivedEntry[], receivedAt: number, admission: NonceToRemember): AdmittedIngest => {
      const row = revocation.get(terminal.terminalId) as { revokedAt: number | null } | undefined;
      if (!row) return { admission: undefined };
      const found = { revokedAt: row.revokedAt, fresh: remember.run(admission.keyId, admission.nonce, admission.expiresAt).changes === 1 };
      if (found.revokedAt !== null || !found.fresh) return { admission: found };
      return { admission: found, result: this.ingest(terminal, entries, receivedAt) };
    });
  }

  /** Advances from `from` while the next seq is held. */
  private walk(terminalId: string, from: number, highest: number): number {
    let contiguous = from;
    while (contiguous < highest) {
      const seqs = this.seqsAfter.all(terminalId, contiguous, WALK_STEP) as number[];
      for (const seq of seqs) {
        if (seq !== contiguous + 1) return contiguous;
        contiguous = seq;
      }
      if (seqs.length < WALK_STEP) return contiguous;
    }
    return contiguous;
  }

  passagesSince(buildingId: string, o: { after: number; excludeTerminalId: string; sinceEventTime: number; limit: number }): RelayedPassage[] {
    const rows = this.relay.all(buildingId, o.after, o.excludeTerminalId, o.sinceEventTime, o.limit) as {
      receipt_id: number;
      terminal_id: string;
      checkpoint_name: string;
      checkpoint_kind: RelayedPassage['checkpointKind'];
      subject_hmac: string;
      direction: 'in' | 'out';
      event_time: number;
    }[];
    return rows.map((r) => ({
      cursor: r.receipt_id,
      terminalId: r.terminal_id,
      checkpointName: r.checkpoint_name,
      checkpointKind: r.checkpoint_kind,
      subjectHmac: r.subject_hmac,
      direction: r.direction,
      eventTime: r.event_time,
    }));
  }

  /** Rows received before the cutoff, or whose hub-anchored event time is before it (a wall-only time may be wrong). */
  purge(cutoff: number): number {
    return this.db.prepare("DELETE FROM entries WHERE received_at < ? OR (event_time < ? AND time_source = 'hub-anchor')").run(cutoff, cutoff).changes;
  }

  stats(): EntryStats {
    const total = (this.db.prepare('SELECT count(*) AS n FROM entries').get() as { n: number }).n;
    const distinctKeys = (this.db.prepare('SELECT count(*) AS n FROM (SELECT DISTINCT terminal_id, seq FROM entries)').get() as { n: number }).n;
    const perTerminal = (
      this.db.prepare('SELECT terminal_id, count(*) AS n, min(seq) AS lo, max(seq) AS hi FROM entries GROUP BY terminal_id ORDER BY terminal_id').all() as {
        terminal_id: string;
        n: number;
        lo: number;
        hi: number;
      }[]
    ).map((r) => ({ terminalId: r.terminal_id, count: r.n, minSeq: r.lo, maxSeq: r.hi }));
    return { total, distinctKeys, perTerminal };
  }
}
