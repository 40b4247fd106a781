/**
 * The outbox is the register itself (entries.delivered_at; no second copy): the oldest undelivered rows go up in
 * seq order, dated on the hub's clock where an anchor of their boot exists; rows are marked delivered only up to
 * the contiguous seq the hub acknowledged. When the hub turns out to hold less than it acknowledged before (a hub
 * restored from a backup), the rows above its new contiguous seq are reopened and sent again.
 */
import type { UploadedEntry } from '../../core/contract/hub-protocol.js';
import type { CredentialKind, ReasonCode, ScanSource } from '../../core/index.js';
import type { SqliteDatabase } from '../storage/open-database.js';
import type { EntryRow } from '../storage/entry-register.js';
import type { ClockAnchor } from './hub-clock.js';

/** The entry columns a batch carries, plus the clock anchor joined from the sync state. */
type OutboxRow = Pick<
  EntryRow,
  | 'id' | 'seq' | 'checkpoint_id' | 'direction' | 'outcome' | 'reasons' | 'credential_kind' | 'credential_id' | 'subject_hmac'
  | 'display_name' | 'scan_source' | 'wall_time' | 'mono_time' | 'boot_id' | 'override_of' | 'host_id'
> & { anchor_mono: number | null; anchor_hub: number | null };

const ACKED_KEY = 'hub-acknowledged-seq';

export class Outbox {
  private readonly selectBatch;
  private readonly markDelivered;
  private readonly reopen;
  private readonly countQueued;
  private readonly countStranded;
  private readonly upsertAnchor;
  private readonly readState;
  private readonly writeState;

  constructor(
    private readonly db: SqliteDatabase,
    /** The register's terminal_id (config terminal.id) whose rows this outbox sends. */
    private readonly localTerminalId: string,
  ) {
    this.selectBatch = db.prepare(`
      SELECT e.id, e.seq, e.checkpoint_id, e.direction, e.outcome, e.reasons, e.credential_kind, e.credential_id, e.subject_hmac,
        e.display_name, e.scan_source, e.wall_time, e.mono_time, e.boot_id, e.override_of, e.host_id, a.mono_time AS anchor_mono, a.hub_time AS anchor_hub
      FROM entries e LEFT JOIN clock_anchors a ON a.boot_id = e.boot_id
      WHERE e.terminal_id = ? AND e.delivered_at IS NULL ORDER BY e.seq LIMIT ?`);
    this.markDelivered = db.prepare('UPDATE entries SET delivered_at = ? WHERE terminal_id = ? AND seq <= ? AND delivered_at IS NULL');
    this.reopen = db.prepare('UPDATE entries SET delivered_at = NULL WHERE terminal_id = ? AND seq > ? AND delivered_at IS NOT NULL');
    this.countQueued = db.prepare('SELECT count(*) FROM entries WHERE delivered_at IS NULL').pluck();
    this.countStranded = db.prepare('SELECT terminal_id, count(*) AS count FROM entries WHERE delivered_at IS NULL AND terminal_id <> ? GROUP BY terminal_id ORDER BY terminal_id');
    this.upsertAnchor = db.prepare(`
      INSERT INTO clock_anchors (boot_id, mono_time, hub_time, measured_at) VALUES (@bootId, @monoTime, @hubTime, @measuredAt)
      ON CONFLICT (boot_id) DO UPDATE SET mono_time = excluded.mono_time, hub_time = excluded.hub_time, measured_at = excluded.measured_at`);
    this.readState = db.prepare('SELECT value FROM sync_state WHERE key = ?').pluck();
    this.writeState = db.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  }

  /** The oldest undelivered rows, in seq order: at most `limit` rows and about `maxBytes` of JSON. */
  nextBatch(hubTerminalId: string, limit: number, maxBytes: number): UploadedEntry[] {
    const rows = this.selectBatch.all(this.localTerminalId, limit) as OutboxRow[];
    const batch: UploadedEntry[] = [];
    let bytes = 0;
    for (const r of rows) {
      const anchored = r.anchor_mono !== null && r.anchor_hub !== null;
      const entry: UploadedEntry = {
        id: r.id,
        terminalId: hubTerminalId,
        seq: r.seq,
        checkpointId: r.checkpoint_id,
        direction: r.direction,
        outcome: r.outcome,
        reasons: r.reasons.split(' ').filter(Boolean) as ReasonCode[],
        credentialKind: r.credential_kind as CredentialKind,
        credentialId: r.credential_id,
        subjectHmac: r.subject_hmac,
        displayName: r.display_name,
        scanSource: r.scan_source as ScanSource,
        wallTime: r.wall_time,
        monoTime: r.mono_time,
        bootId: r.boot_id,
        eventTime: anchored ? r.anchor_hub! + Math.round((r.mono_time - r.anchor_mono!) / 1000) : r.wall_time,
        timeSource: anchored ? 'hub-anchor' : 'wall',
        overrideOf: r.override_of,
        ...(r.host_id ? { hostId: r.host_id } : {}),
      };
      bytes += 300 + r.display_name.length * 3 + (r.subject_hmac?.length ?? 0) + r.reasons.length;
      if (batch.length > 0 && bytes > maxBytes) break;
      batch.push(entry);
    }
    return batch;
  }

  /**
   * Marks rows delivered up to the hub's contiguous seq. Returns how many rows were reopened because the hub now
   * holds less than it acknowledged before (0 normally).
   */
  acknowledge(contiguousSeq: number, now: number): { delivered: number; reopened: number } {
    return this.db.transaction(() => {
      const before = Number(this.readState.get(ACKED_KEY) ?? 0);
      const reopened = contiguousSeq < before ? this.reopen.run(this.localTerminalId, contiguousSeq).changes : 0;
      const delivered = this.markDelivered.run(now, this.localTerminalId, contiguousSeq).changes;
      this.writeState.run(ACKED_KEY, String(contiguousSeq));
      return { delivered, reopened };
    })();
  }

  /** After re-enrolment the new terminal id starts from what the hub was told; the old acknowledgement no longer applies. */
  resetAcknowledged(seq: number): void {
    this.writeState.run(ACKED_KEY, String(seq));
  }

  /** Every row not yet delivered, stranded ones included: the screen never says "queued 0" while rows wait. */
  queued(): number {
    return this.countQueued.get() as number;
  }

  /**
   * Undelivered rows recorded under another terminal.id (the id was changed since): this identity cannot send them
   * (the hub knows them under the old id), so re-enrolment refuses until they are drained (enrol-and-reset.ts).
   */
  stranded(): { terminalId: string; count: number }[] {
    return (this.countStranded.all(this.localTerminalId) as { terminal_id: string; count: number }[]).map((r) => ({ terminalId: r.terminal_id, count: r.count }));
  }

  /** The seq the hub should expect first from a terminal enrolling now. */
  firstUndeliveredSeq(): number {
    const row = this.db.prepare('SELECT min(seq) AS lo FROM entries WHERE terminal_id = ? AND delivered_at IS NULL').get(this.localTerminalId) as { lo: number | null };
    if (row.lo !== null) return row.lo;
    const max = this.db.prepare('SELECT max(seq) AS hi FROM entries WHERE terminal_id = ?').get(this.localTerminalId) as { hi: number | null };
    return (max.hi ?? 0) + 1;
  }

  saveAnchor(anchor: ClockAnchor): void {
    this.upsertAnchor.run(anchor);
  }
}
