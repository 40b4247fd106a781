/**
 * Numbered migrations of the hub's SQLite store, applied in order in one transaction each; `PRAGMA user_version`
 * records the last applied. Never edit a shipped migration: add the next number.
 */
import { m0010SharedState } from './sqlite-migration-0010.js';
import type Database from 'better-sqlite3';
import { m0011AreasAndSecondFactor } from './sqlite-area-migration.js';
import { m0012DccTrustList } from './sqlite-migration-0012.js';
import { m0013DccValueSets } from './sqlite-migration-0013.js';

export interface SqliteMigration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

const m0001Initial: SqliteMigration = {
  version: 1,
  name: 'buildings, checkpoints, enrolment, terminals, entries, distributed data',
  sql: `
    CREATE TABLE buildings (
      building_id  TEXT PRIMARY KEY,
      name         TEXT NOT NULL,
      data_version INTEGER NOT NULL DEFAULT 1,   -- the bundle version; bumped on every change a bundle carries
      subject_key  BLOB NOT NULL                 -- 32 bytes: HMAC key of subject references, shared by the terminals
    ) STRICT;
    CREATE TABLE checkpoints (
      checkpoint_id TEXT PRIMARY KEY,
      building_id   TEXT NOT NULL REFERENCES buildings (building_id),
      name          TEXT NOT NULL,
      policy        TEXT NOT NULL                -- JSON: overrides of core's DEFAULT_POLICY
    ) STRICT;
    CREATE TABLE enrolment_tokens (
      token_id      TEXT PRIMARY KEY,
      secret_sha256 TEXT NOT NULL,               -- the secret itself is never stored
      checkpoint_id TEXT NOT NULL REFERENCES checkpoints (checkpoint_id),
      created_at    INTEGER NOT NULL,
      expires_at    INTEGER NOT NULL,
      used_at       INTEGER,
      used_by       TEXT
    ) STRICT;
    CREATE TABLE terminals (
      terminal_id          TEXT PRIMARY KEY,
      key_id               TEXT NOT NULL UNIQUE,
      name                 TEXT NOT NULL,
      signing_public_key   TEXT NOT NULL,
      agreement_public_key TEXT NOT NULL,
      checkpoint_id        TEXT NOT NULL,
      building_id          TEXT NOT NULL,
      enrolled_at          INTEGER NOT NULL,
      revoked_at           INTEGER,
      contiguous_seq       INTEGER NOT NULL,     -- every seq up to here is held (or was, before retention)
      highest_seq          INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE request_nonces (
      key_id     TEXT NOT NULL,
      nonce      TEXT NOT NULL,
      expires_at INTEGER NOT NULL,
      PRIMARY KEY (key_id, nonce)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX request_nonces_by_expiry ON request_nonces (expires_at);
    CREATE TABLE entries (
      receipt_id      INTEGER PRIMARY KEY AUTOINCREMENT,   -- order of arrival: the relay cursor
      building_id     TEXT NOT NULL,
      terminal_id     TEXT NOT NULL,
      seq             INTEGER NOT NULL,
      entry_id        TEXT NOT NULL,
      checkpoint_id   TEXT NOT NULL,
      direction       TEXT NOT NULL,
      outcome         TEXT NOT NULL,
      reasons         TEXT NOT NULL,
      credential_kind TEXT NOT NULL,
      credential_id   TEXT,
      subject_hmac    TEXT,
      display_name    TEXT NOT NULL,
      scan_source     TEXT NOT NULL,
      wall_time       INTEGER NOT NULL,
      mono_time       INTEGER NOT NULL,
      boot_id         TEXT NOT NULL,
      event_time      INTEGER NOT NULL,
      time_source     TEXT NOT NULL,
      override_of     TEXT,
      received_at     INTEGER NOT NULL,
      UNIQUE (terminal_id, seq)
    ) STRICT;
    CREATE INDEX entries_relay ON entries (building_id, receipt_id) WHERE outcome = 'admit' AND subject_hmac IS NOT NULL;
    CREATE INDEX entries_by_received ON entries (received_at);
    CREATE INDEX entries_by_event_time ON entries (event_time);
    CREATE TABLE declarations (
      building_id TEXT NOT NULL,
      subject_ref TEXT NOT NULL,
      declared_at INTEGER NOT NULL,
      expires_at  INTEGER NOT NULL,
      result      TEXT NOT NULL,
      PRIMARY KEY (building_id, subject_ref)
    ) STRICT, WITHOUT ROWID;
    CREATE TABLE revocations (
      building_id   TEXT NOT NULL,
      credential_id TEXT NOT NULL,
      revoked_at    INTEGER NOT NULL,
      PRIMARY KEY (building_id, credential_id)
    ) STRICT, WITHOUT ROWID;
    CREATE TABLE staff (
      building_id TEXT NOT NULL,
      badge_id    TEXT NOT NULL,
      department  TEXT NOT NULL,
      status      TEXT NOT NULL,
      PRIMARY KEY (building_id, badge_id)
    ) STRICT, WITHOUT ROWID;
    CREATE TABLE issuers (
      building_id TEXT NOT NULL,
      public_key  TEXT NOT NULL,
      name        TEXT NOT NULL,
      PRIMARY KEY (building_id, public_key)
    ) STRICT, WITHOUT ROWID;
    CREATE TABLE purge_log (
      purged_at INTEGER NOT NULL,
      cutoff    INTEGER NOT NULL,
      report    TEXT NOT NULL
    ) STRICT;
  `,
};

const m0002CheckpointRegistry: SqliteMigration = {
  version: 2,
  name: 'checkpoint registry: organisations, building addresses, checkpoint kind, address and directions',
  sql: `
    CREATE TABLE organisations (
      organisation_id TEXT PRIMARY KEY,
      name            TEXT NOT NULL
    ) STRICT;
    ALTER TABLE buildings ADD COLUMN organisation_id TEXT REFERENCES organisations (organisation_id);
    ALTER TABLE buildings ADD COLUMN address TEXT NOT NULL DEFAULT '';
    ALTER TABLE checkpoints ADD COLUMN kind TEXT NOT NULL DEFAULT 'building-door' CHECK (kind IN ('building-door', 'department'));
    ALTER TABLE checkpoints ADD COLUMN address TEXT NOT NULL DEFAULT '';
    ALTER TABLE checkpoints ADD COLUMN directions TEXT NOT NULL DEFAULT 'in,out';  -- comma-separated: in, out
    CREATE INDEX buildings_by_organisation ON buildings (organisation_id);
    CREATE INDEX checkpoints_by_building ON checkpoints (building_id);
  `,
};

const m0003AdminAccounts: SqliteMigration = {
  version: 3,
  name: 'admin web accounts with one role and scope each',
  sql: `
    CREATE TABLE admin_accounts (
      username      TEXT PRIMARY KEY,          -- lower case
      display_name  TEXT NOT NULL,
      password_hash TEXT NOT NULL,             -- scrypt$N$r$p$salt$hash
      role          TEXT NOT NULL CHECK (role IN ('organisation-admin', 'building-manager', 'department-manager')),
      scope_id      TEXT NOT NULL,             -- organisation, building or checkpoint id, by role
      created_at    INTEGER NOT NULL
    ) STRICT;
  `,
};

const m0004EntryListIndex: SqliteMigration = {
  version: 4,
  name: 'Danh sách: entries by checkpoint and event time (keyset paging)',
  sql: `
    CREATE INDEX entries_by_checkpoint_time ON entries (checkpoint_id, event_time, receipt_id);
  `,
};

/** Needs the `gate_name_key` SQL function, registered by SqliteHubStore before migrating (hub/storage/name-key.ts). */
const m0005AdminAnalytics: SqliteMigration = {
  version: 5,
  name: 'admin analytics: searchable name key, entries by subject, append-only contact tracing audit',
  sql: `
    ALTER TABLE entries ADD COLUMN name_key TEXT NOT NULL DEFAULT '';   -- display name without diacritics, lower case
    UPDATE entries SET name_key = gate_name_key(display_name);
    CREATE INDEX entries_by_subject_time ON entries (subject_hmac, event_time) WHERE subject_hmac IS NOT NULL;
    CREATE TABLE tracing_audit (
      audit_id        INTEGER PRIMARY KEY AUTOINCREMENT,
      asked_at        INTEGER NOT NULL,
      action          TEXT NOT NULL CHECK (action IN ('trace', 'export-csv', 'export-xlsx')),
      username        TEXT NOT NULL,
      role            TEXT NOT NULL,
      scope_id        TEXT NOT NULL,
      organisation_id TEXT,                      -- of the asker's scope: whose org admins see this row
      subject_hmacs   TEXT NOT NULL,             -- the traced person, as building:hmac pairs (never the ID number)
      period_from     INTEGER NOT NULL,
      period_to       INTEGER NOT NULL,
      window_minutes  INTEGER NOT NULL,
      reason          TEXT NOT NULL CHECK (length(trim(reason)) > 0)
    ) STRICT;
    CREATE INDEX tracing_audit_by_organisation ON tracing_audit (organisation_id, audit_id);
    CREATE TRIGGER tracing_audit_no_update BEFORE UPDATE ON tracing_audit BEGIN SELECT RAISE(ABORT, 'tracing_audit is append-only'); END;
    CREATE TRIGGER tracing_audit_no_delete BEFORE DELETE ON tracing_audit BEGIN SELECT RAISE(ABORT, 'tracing_audit is append-only'); END;
  `,
};

const m0006FleetAndHosts: SqliteMigration = {
  version: 6,
  name: 'fleet: terminal heartbeats (version, queue, data age, hardware), revoked enrolment tokens; department hosts',
  sql: `
    ALTER TABLE terminals ADD COLUMN last_seen_at INTEGER;
    ALTER TABLE terminals ADD COLUMN heartbeat TEXT;                 -- JSON: the last TerminalHeartbeat as received
    ALTER TABLE enrolment_tokens ADD COLUMN revoked_at INTEGER;
    CREATE INDEX terminals_by_checkpoint ON terminals (checkpoint_id);
    CREATE INDEX enrolment_tokens_by_checkpoint ON enrolment_tokens (checkpoint_id);
    CREATE TABLE department_hosts (
      building_id  TEXT NOT NULL REFERENCES buildings (building_id),
      host_id      TEXT NOT NULL,                 -- opaque: never an ID number
      department   TEXT NOT NULL,
      display_name TEXT NOT NULL,
      PRIMARY KEY (building_id, host_id)
    ) STRICT;
  `,
};

const m0007SelfDeclarations: SqliteMigration = {
  version: 7,
  name: 'self-service declarations (health answers until expiry) and phone check-ins',
  sql: `
    CREATE TABLE self_declarations (
      id_hmac       TEXT PRIMARY KEY,          -- keyed HMAC of the ID number; the number itself is never stored
      token_id      TEXT NOT NULL,
      declared_at   INTEGER NOT NULL,
      expires_at    INTEGER NOT NULL,
      result        TEXT NOT NULL,
      answers       TEXT NOT NULL,             -- health answers (JSON), deleted with the row at expiry
      checkpoint_id TEXT
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX self_declarations_by_expiry ON self_declarations (expires_at);
    CREATE TABLE phone_checkins (
      cursor        INTEGER PRIMARY KEY AUTOINCREMENT,
      checkin_id    TEXT NOT NULL UNIQUE,
      checkpoint_id TEXT NOT NULL,
      building_id   TEXT NOT NULL,
      token_id      TEXT NOT NULL,
      subject_hmac  TEXT NOT NULL,
      display_name  TEXT NOT NULL,
      result        TEXT NOT NULL,
      checked_in_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX phone_checkins_by_checkpoint ON phone_checkins (checkpoint_id, cursor);
    CREATE INDEX phone_checkins_by_time ON phone_checkins (checked_in_at);
  `,
};

/** The visitor's host picked by the guard at a department checkpoint (opaque id from department_hosts; no FK: hosts change). */
const m0008VisitorHosts: SqliteMigration = {
  version: 8,
  name: 'entries: visitor host picked by the guard',
  sql: `ALTER TABLE entries ADD COLUMN host_id TEXT;`,
};

/**
 * One subject identity (issue 15): the deployment's identity key lives in the store, shared by every hub process
 * (created by startHub, imported from <dataDir>/declaration-subject.key where that exists, so tokens already issued
 * keep their subject). The hub page's current declarations enter every building's declaration set under that key's
 * reference (= self_declarations.id_hmac); their older per-building rows expire by themselves. Phone check-ins
 * stored so far become entries (hub/storage/self-declarations.ts PHONE_CHECKIN_TERMINAL), with the default policy's
 * outcome (clear → admit, else review). Needs `gate_name_key` (registered before migrating).
 */
const m0009OneIdentity: SqliteMigration = {
  version: 9,
  name: 'one subject identity: deployment identity key; hub declarations re-keyed into the building sets',
  sql: `
    CREATE TABLE hub_secrets (
      name       TEXT PRIMARY KEY,
      value      BLOB NOT NULL,
      created_at INTEGER NOT NULL
    ) STRICT;
    INSERT INTO declarations (building_id, subject_ref, declared_at, expires_at, result)
      SELECT b.building_id, s.id_hmac, s.declared_at, s.expires_at, s.result FROM self_declarations s CROSS JOIN buildings b WHERE true
      ON CONFLICT (building_id, subject_ref) DO NOTHING;
    UPDATE buildings SET data_version = data_version + 1 WHERE EXISTS (SELECT 1 FROM self_declarations);
    INSERT INTO entries (building_id, terminal_id, seq, entry_id, checkpoint_id, direction, outcome, reasons, credential_kind, credential_id,
        subject_hmac, display_name, scan_source, wall_time, mono_time, boot_id, event_time, time_source, override_of, received_at, name_key, host_id)
      SELECT building_id, 'phone-checkin', cursor, checkin_id, checkpoint_id, 'in', CASE result WHEN 'clear' THEN 'admit' ELSE 'review' END,
        CASE result WHEN 'clear' THEN 'DECLARATION_VALID' ELSE 'DECLARATION_NEEDS_MEDICAL_CHECK' END, 'phone-checkin', token_id,
        subject_hmac, display_name, 'phone', checked_in_at, 0, '', checked_in_at, 'hub', NULL, checked_in_at, gate_name_key(display_name), NULL
      FROM phone_checkins WHERE true ON CONFLICT (terminal_id, seq) DO NOTHING;
  `,
};

export const SQLITE_MIGRATIONS: readonly SqliteMigration[] = [m0001Initial, m0002CheckpointRegistry, m0003AdminAccounts, m0004EntryListIndex, m0005AdminAnalytics, m0006FleetAndHosts, m0007SelfDeclarations, m0008VisitorHosts, m0009OneIdentity, m0010SharedState, m0011AreasAndSecondFactor, m0012DccTrustList, m0013DccValueSets];

export function applySqliteMigrations(db: Database.Database, migrations: readonly SqliteMigration[] = SQLITE_MIGRATIONS): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return db.pragma('user_version', { simple: true }) as number;
}
