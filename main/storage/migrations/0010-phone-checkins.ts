import type { Migration } from './index.js';

/**
 * The latest phone check-ins at this checkpoint (main/sync/checkin-store.ts), so that the guard's list survives a
 * restart. Not entries: the hub holds those and the register never counts them. At most CHECKINS_KEPT rows; the name
 * is stored as the screen shows it (core/display-name.ts), with how the policy took the result — a reason code, as
 * an entry has, never the health answers.
 */
export const m0010PhoneCheckins: Migration = {
  version: 10,
  name: 'phone check-ins shown on the guard screen',
  sql: `
    CREATE TABLE phone_checkins (
      checkin_id    TEXT PRIMARY KEY CHECK (length(checkin_id) <= 64),
      feed_cursor   INTEGER NOT NULL,
      display_name  TEXT NOT NULL CHECK (length(display_name) <= 400),
      result        TEXT NOT NULL CHECK (result IN ('clear', 'medical-check', 'isolate')),
      checked_in_at INTEGER NOT NULL,
      outcome       TEXT NOT NULL CHECK (outcome IN ('admit', 'deny', 'review')),
      reasons       TEXT NOT NULL CHECK (length(reasons) <= 400)
    ) STRICT;
  `,
};
