/**
 * The phone check-ins the guard screen lists, kept in the register's database (migration 0010) so that the list and
 * the hub feed's cursor survive a restart: a restarted terminal lists what it showed before and fetches what was
 * checked in while it was down. Newest first, at most CHECKINS_KEPT rows. Display only — never register entries.
 */
import { isReasonCode, type PhoneCheckinView, type ReasonCode } from '../../core/index.js';
import type { SqliteDatabase } from '../storage/open-database.js';

export const CHECKINS_KEPT = 20;
/** The `sync_state` key of the hub feed's cursor (cleared with the rest of the hub's data on a new enrolment). */
export const CHECKIN_CURSOR_KEY = 'checkin_cursor';

interface Row {
  checkin_id: string;
  display_name: string;
  result: PhoneCheckinView['result'];
  checked_in_at: number;
  outcome: PhoneCheckinView['outcome'];
  reasons: string;
}

export class CheckinStore {
  private readonly insert;
  private readonly trim;
  private readonly select;
  private readonly readCursor;
  private readonly writeCursor;

  constructor(private readonly db: SqliteDatabase) {
    this.insert = db.prepare(
      `INSERT INTO phone_checkins (checkin_id, feed_cursor, display_name, result, checked_in_at, outcome, reasons)
       VALUES (@checkinId, @cursor, @displayName, @result, @checkedInAt, @outcome, @reasons) ON CONFLICT DO NOTHING`,
    );
    this.trim = db.prepare('DELETE FROM phone_checkins WHERE checkin_id NOT IN (SELECT checkin_id FROM phone_checkins ORDER BY feed_cursor DESC LIMIT ?)');
    this.select = db.prepare('SELECT checkin_id, display_name, result, checked_in_at, outcome, reasons FROM phone_checkins ORDER BY feed_cursor DESC LIMIT ?');
    this.readCursor = db.prepare('SELECT value FROM sync_state WHERE key = ?').pluck();
    this.writeCursor = db.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  }

  /** Newest first. */
  recent(): PhoneCheckinView[] {
    return (this.select.all(CHECKINS_KEPT) as Row[]).map((row) => ({
      checkinId: row.checkin_id,
      displayName: row.display_name,
      result: row.result,
      checkedInAt: row.checked_in_at,
      outcome: row.outcome,
      reasons: row.reasons.split(' ').filter(isReasonCode) as ReasonCode[],
    }));
  }

  /** The feed's cursor to resume from; -1 (start at the newest check-in) when none is stored. */
  cursor(): number {
    const value = this.readCursor.get(CHECKIN_CURSOR_KEY) as string | undefined;
    return value === undefined ? -1 : Number(value);
  }

  /** One poll's check-ins (each with its feed cursor) and the cursor after them, in one transaction. */
  save(checkins: readonly { readonly view: PhoneCheckinView; readonly cursor: number }[], cursor: number): void {
    this.db.transaction(() => {
      for (const { view, cursor: at } of checkins) {
        this.insert.run({ checkinId: view.checkinId, cursor: at, displayName: view.displayName, result: view.result, checkedInAt: view.checkedInAt, outcome: view.outcome, reasons: view.reasons.join(' ') });
      }
      if (checkins.length > 0) this.trim.run(CHECKINS_KEPT);
      this.writeCursor.run(CHECKIN_CURSOR_KEY, String(cursor));
    })();
  }
}
