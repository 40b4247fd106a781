/**
 * What the hub distributes, kept in the register's database: the last good bundle (whole, with its signature), the
 * declaration set and revocations it carried (in the DeclarationStore's tables, source `hub:v<version>`), the staff
 * list, and passages relayed from the building's other doors. A bundle is applied in one transaction: a terminal
 * never decides on half of one.
 */
import type { BundleContent, RelayedPassage, SignedBundle, StaffStatus } from '../../core/contract/hub-protocol.js';
import type { RecentPassage } from '../../core/index.js';
import type { SqliteDatabase } from '../storage/open-database.js';
import { CHECKIN_CURSOR_KEY } from './checkin-store.js';
import type { TrustedHubKey } from './hub-trust.js';

export interface StoredBundle {
  readonly version: number;
  readonly etag: string;
  readonly signed: SignedBundle;
  readonly appliedAt: number;
}

const CURSOR_KEY = 'hub-passage-cursor';

interface PassageRow {
  direction: 'in' | 'out';
  at: number;
  checkpoint_name: string;
  at_building_door: number;
}

function passageOf(row: PassageRow | undefined): RecentPassage | undefined {
  return row && { direction: row.direction, at: row.at, checkpointName: row.checkpoint_name, atBuildingDoor: row.at_building_door === 1 };
}
const CHECKED_KEY = 'hub-bundle-confirmed-at';
/** The hub keys learned from the last verified bundle that carried them (hub-trust.ts), JSON. */
const TRUSTED_KEYS_KEY = 'hub-trusted-keys';

export class HubDataStore {
  private readonly selectStaff;
  private readonly selectPassage;
  private readonly selectBuildingEntry;
  private readonly insertPassage;
  private readonly readState;
  private readonly writeState;

  constructor(private readonly db: SqliteDatabase) {
    this.selectStaff = db.prepare('SELECT status FROM staff_list WHERE badge_id = ?').pluck();
    const columns = 'SELECT direction, at, checkpoint_name, at_building_door FROM relayed_passages WHERE subject_hmac = ?';
    this.selectPassage = db.prepare(`${columns} ORDER BY at DESC LIMIT 1`);
    this.selectBuildingEntry = db.prepare(`${columns} AND at_building_door = 1 AND direction = 'in' ORDER BY at DESC LIMIT 1`);
    this.insertPassage = db.prepare(
      `INSERT INTO relayed_passages (subject_hmac, direction, at, checkpoint_name, terminal_id, hub_cursor, at_building_door)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    );
    this.readState = db.prepare('SELECT value FROM sync_state WHERE key = ?').pluck();
    this.writeState = db.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  }

  currentBundle(): StoredBundle | undefined {
    const row = this.db.prepare('SELECT version, etag, signed, applied_at FROM hub_bundle WHERE id = 1').get() as
      | { version: number; etag: string; signed: string; applied_at: number }
      | undefined;
    return row && { version: row.version, etag: row.etag, signed: JSON.parse(row.signed) as SignedBundle, appliedAt: row.applied_at };
  }

  /** The hub keys this terminal trusts beside (and then instead of) the pinned one; undefined before any were learned. */
  learnedHubKeys(): TrustedHubKey[] | undefined {
    const value = this.readState.get(TRUSTED_KEYS_KEY) as string | undefined;
    return value === undefined ? undefined : (JSON.parse(value) as TrustedHubKey[]);
  }

  /**
   * Replaces everything the previous bundle brought with what this one carries, atomically, and — when the bundle
   * named the hub's keys — the trusted hub key set with them, in the same transaction.
   */
  applyBundle(content: BundleContent, signed: SignedBundle, etag: string, now: number, hubKeys?: readonly TrustedHubKey[]): void {
    const source = `hub:v${content.version}`;
    this.db.transaction(() => {
      this.db.prepare("DELETE FROM declarations WHERE source LIKE 'hub:%'").run();
      const declare = this.db.prepare(`
        INSERT INTO declarations (subject_ref, declared_at, expires_at, result, source) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (subject_ref) DO UPDATE SET declared_at = excluded.declared_at, expires_at = excluded.expires_at, result = excluded.result,
          source = excluded.source WHERE excluded.declared_at >= declarations.declared_at`);
      for (const d of content.declarations) if (d.expiresAt > now) declare.run(d.subjectRef, d.declaredAt, d.expiresAt, d.result, source);
      this.db.prepare("DELETE FROM revocations WHERE source LIKE 'hub:%'").run();
      const revoke = this.db.prepare('INSERT OR IGNORE INTO revocations (credential_id, revoked_at, source) VALUES (?, ?, ?)');
      for (const id of content.revocations) revoke.run(id, now, source);
      this.db.prepare('DELETE FROM staff_list').run();
      const staff = this.db.prepare('INSERT INTO staff_list (badge_id, department, status) VALUES (?, ?, ?)');
      for (const s of content.staff) staff.run(s.badgeId, s.department, s.status);
      this.db
        .prepare(
          `INSERT INTO hub_bundle (id, version, etag, signed, applied_at) VALUES (1, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET version = excluded.version, etag = excluded.etag, signed = excluded.signed, applied_at = excluded.applied_at`,
        )
        .run(content.version, etag, JSON.stringify(signed), now);
      this.writeState.run(CHECKED_KEY, String(now));
      if (hubKeys) this.writeState.run(TRUSTED_KEYS_KEY, JSON.stringify(hubKeys));
    })();
  }

  /** The hub confirmed (200 or 304) that the bundle in force is current: what "data from N h ago" counts from. */
  markConfirmed(now: number): void {
    this.writeState.run(CHECKED_KEY, String(now));
  }

  confirmedAt(): number | null {
    const value = this.readState.get(CHECKED_KEY) as string | undefined;
    return value === undefined ? null : Number(value);
  }

  staffStatus(badgeId: string): StaffStatus | undefined {
    return this.selectStaff.get(badgeId) as StaffStatus | undefined;
  }

  passageCursor(): number {
    return Number(this.readState.get(CURSOR_KEY) ?? 0);
  }

  addPassages(passages: readonly RelayedPassage[], cursor: number): void {
    this.db.transaction(() => {
      for (const p of passages) this.insertPassage.run(p.subjectHmac, p.direction, p.eventTime, p.checkpointName, p.terminalId, p.cursor, p.checkpointKind === 'building-door' ? 1 : 0);
      this.writeState.run(CURSOR_KEY, String(cursor));
    })();
  }

  lastRelayed(subjectHmac: string): RecentPassage | undefined {
    return passageOf(this.selectPassage.get(subjectHmac) as PassageRow | undefined);
  }

  /** The latest admitted entry at one of the building's doors (chained policy of department checkpoints). */
  lastBuildingEntry(subjectHmac: string): RecentPassage | undefined {
    return passageOf(this.selectBuildingEntry.get(subjectHmac) as PassageRow | undefined);
  }

  /** Retention of relayed passages: they matter for anti-passback only, a day at most. */
  purgePassages(before: number): number {
    return this.db.prepare('DELETE FROM relayed_passages WHERE at < ?').run(before).changes;
  }

  /** A new enrolment starts with no bundle, no relay cursor and no learned hub keys of the previous identity. */
  forgetHubData(): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM hub_bundle').run();
      this.db.prepare('DELETE FROM sync_state WHERE key IN (?, ?, ?, ?)').run(CURSOR_KEY, CHECKED_KEY, CHECKIN_CURSOR_KEY, TRUSTED_KEYS_KEY);
      this.db.prepare('DELETE FROM phone_checkins').run();
      this.db.prepare('DELETE FROM relayed_passages').run();
    })();
  }
}
