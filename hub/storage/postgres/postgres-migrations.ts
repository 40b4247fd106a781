/**
 * Numbered migrations of the hub's PostgreSQL store, recorded in hub_migrations; each runs in its own transaction
 * under an advisory lock, so two hubs starting at once do not both apply one. Never edit a shipped migration.
 *
 * Layout for scale (docs/scaling.md): every building-scoped table leads with building_id, the distribution key for
 * a distributed PostgreSQL such as Citus; `entries` is partitioned by the day the hub received the row, so retention
 * drops whole partitions. Idempotency by (terminal, seq) lives in `entry_keys`, which is not partitioned: a unique
 * key on a partitioned table must contain the partition key, and a resent row may arrive on another day.
 */
import type { PoolClient } from 'pg';
import { postgresNameKeySql } from '../name-key.js';
import { m0009OneIdentity } from './postgres-migration-0009.js';
import { m0012DccTrustList } from './postgres-migration-0012.js';
import { m0013DccValueSets } from './postgres-migration-0013.js';
import { m0010SharedState } from './postgres-migration-0010.js';
import { m0011AreasAndSecondFactor } from './postgres-area-migration.js';

export interface PostgresMigration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

const m0001Initial: PostgresMigration = {
  version: 1,
  name: 'buildings, checkpoints, enrolment, terminals, entries partitioned by day, distributed data',
  sql: `
    CREATE TABLE buildings (
      building_id  text PRIMARY KEY,
      name         text NOT NULL,
      data_version bigint NOT NULL DEFAULT 1,
      subject_key  bytea NOT NULL
    );
    CREATE TABLE checkpoints (
      checkpoint_id text PRIMARY KEY,
      building_id   text NOT NULL REFERENCES buildings (building_id),
      name          text NOT NULL,
      policy        jsonb NOT NULL
    );
    CREATE TABLE enrolment_tokens (
      token_id      text PRIMARY KEY,
      secret_sha256 text NOT NULL,
      checkpoint_id text NOT NULL REFERENCES checkpoints (checkpoint_id),
      created_at    bigint NOT NULL,
      expires_at    bigint NOT NULL,
      used_at       bigint,
      used_by       text
    );
    CREATE TABLE terminals (
      terminal_id          text PRIMARY KEY,
      key_id               text NOT NULL UNIQUE,
      name                 text NOT NULL,
      signing_public_key   text NOT NULL,
      agreement_public_key text NOT NULL,
      checkpoint_id        text NOT NULL,
      building_id          text NOT NULL,
      enrolled_at          bigint NOT NULL,
      revoked_at           bigint,
      contiguous_seq       bigint NOT NULL,
      highest_seq          bigint NOT NULL
    );
    CREATE TABLE request_nonces (
      key_id     text NOT NULL,
      nonce      text NOT NULL,
      expires_at bigint NOT NULL,
      PRIMARY KEY (key_id, nonce)
    );
    CREATE INDEX request_nonces_by_expiry ON request_nonces (expires_at);
    CREATE TABLE entry_keys (
      building_id text NOT NULL,
      terminal_id text NOT NULL,
      seq         bigint NOT NULL,
      received_on date NOT NULL,
      PRIMARY KEY (building_id, terminal_id, seq)
    );
    CREATE INDEX entry_keys_by_day ON entry_keys (received_on);
    CREATE SEQUENCE entries_receipt_seq;
    CREATE TABLE entries (
      receipt_id      bigint NOT NULL DEFAULT nextval('entries_receipt_seq'),
      building_id     text NOT NULL,
      terminal_id     text NOT NULL,
      seq             bigint NOT NULL,
      entry_id        text NOT NULL,
      checkpoint_id   text NOT NULL,
      direction       text NOT NULL,
      outcome         text NOT NULL,
      reasons         text NOT NULL,
      credential_kind text NOT NULL,
      credential_id   text,
      subject_hmac    text,
      display_name    text NOT NULL,
      scan_source     text NOT NULL,
      wall_time       bigint NOT NULL,
      mono_time       bigint NOT NULL,
      boot_id         text NOT NULL,
      event_time      bigint NOT NULL,
      time_source     text NOT NULL,
      override_of     text,
      received_at     bigint NOT NULL,
      received_on     date NOT NULL
    ) PARTITION BY RANGE (received_on);
    CREATE INDEX entries_relay ON entries (building_id, receipt_id) WHERE outcome = 'admit' AND subject_hmac IS NOT NULL;
    CREATE INDEX entries_by_terminal ON entries (building_id, terminal_id, seq);
    CREATE INDEX entries_by_event_time ON entries (event_time);
    CREATE TABLE declarations (
      building_id text NOT NULL,
      subject_ref text NOT NULL,
      declared_at bigint NOT NULL,
      expires_at  bigint NOT NULL,
      result      text NOT NULL,
      PRIMARY KEY (building_id, subject_ref)
    );
    CREATE TABLE revocations (
      building_id   text NOT NULL,
      credential_id text NOT NULL,
      revoked_at    bigint NOT NULL,
      PRIMARY KEY (building_id, credential_id)
    );
    CREATE TABLE staff (
      building_id text NOT NULL,
      badge_id    text NOT NULL,
      department  text NOT NULL,
      status      text NOT NULL,
      PRIMARY KEY (building_id, badge_id)
    );
    CREATE TABLE issuers (
      building_id text NOT NULL,
      public_key  text NOT NULL,
      name        text NOT NULL,
      PRIMARY KEY (building_id, public_key)
    );
    CREATE TABLE purge_log (
      purged_at bigint NOT NULL,
      cutoff    bigint NOT NULL,
      report    jsonb NOT NULL
    );
  `,
};

const m0002CheckpointRegistry: PostgresMigration = {
  version: 2,
  name: 'checkpoint registry: organisations, building addresses, checkpoint kind, address and directions',
  sql: `
    CREATE TABLE organisations (
      organisation_id text PRIMARY KEY,
      name            text NOT NULL
    );
    ALTER TABLE buildings ADD COLUMN organisation_id text REFERENCES organisations (organisation_id);
    ALTER TABLE buildings ADD COLUMN address text NOT NULL DEFAULT '';
    ALTER TABLE checkpoints ADD COLUMN kind text NOT NULL DEFAULT 'building-door' CHECK (kind IN ('building-door', 'department'));
    ALTER TABLE checkpoints ADD COLUMN address text NOT NULL DEFAULT '';
    ALTER TABLE checkpoints ADD COLUMN directions text NOT NULL DEFAULT 'in,out';
    CREATE INDEX buildings_by_organisation ON buildings (organisation_id);
    CREATE INDEX checkpoints_by_building ON checkpoints (building_id);
  `,
};

const m0003AdminAccounts: PostgresMigration = {
  version: 3,
  name: 'admin web accounts with one role and scope each',
  sql: `
    CREATE TABLE admin_accounts (
      username      text PRIMARY KEY,          -- lower case
      display_name  text NOT NULL,
      password_hash text NOT NULL,             -- scrypt$N$r$p$salt$hash
      role          text NOT NULL CHECK (role IN ('organisation-admin', 'building-manager', 'department-manager')),
      scope_id      text NOT NULL,             -- organisation, building or checkpoint id, by role
      created_at    bigint NOT NULL
    );
  `,
};

const m0004EntryListIndex: PostgresMigration = {
  version: 4,
  name: 'Danh sách: entries by checkpoint and event time (keyset paging)',
  sql: `
    CREATE INDEX entries_by_checkpoint_time ON entries (checkpoint_id, event_time, receipt_id);
  `,
};

const m0005AdminAnalytics: PostgresMigration = {
  version: 5,
  name: 'admin analytics: searchable name key, entries by subject, append-only contact tracing audit',
  sql: `
    ALTER TABLE entries ADD COLUMN name_key text NOT NULL DEFAULT '';
    UPDATE entries SET name_key = ${postgresNameKeySql('display_name')};
    CREATE INDEX entries_by_subject_time ON entries (subject_hmac, event_time) WHERE subject_hmac IS NOT NULL;
    CREATE TABLE tracing_audit (
      audit_id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      asked_at        bigint NOT NULL,
      action          text NOT NULL CHECK (action IN ('trace', 'export-csv', 'export-xlsx')),
      username        text NOT NULL,
      role            text NOT NULL,
      scope_id        text NOT NULL,
      organisation_id text,
      subject_hmacs   text NOT NULL,
      period_from     bigint NOT NULL,
      period_to       bigint NOT NULL,
      window_minutes  integer NOT NULL,
      reason          text NOT NULL CHECK (length(btrim(reason)) > 0)
    );
    CREATE INDEX tracing_audit_by_organisation ON tracing_audit (organisation_id, audit_id);
    CREATE FUNCTION tracing_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN RAISE EXCEPTION 'tracing_audit is append-only'; END
    $fn$;
    CREATE TRIGGER tracing_audit_no_change BEFORE UPDATE OR DELETE ON tracing_audit FOR EACH ROW EXECUTE FUNCTION tracing_audit_append_only();
    CREATE TRIGGER tracing_audit_no_truncate BEFORE TRUNCATE ON tracing_audit FOR EACH STATEMENT EXECUTE FUNCTION tracing_audit_append_only();
  `,
};

const m0006FleetAndHosts: PostgresMigration = {
  version: 6,
  name: 'fleet: terminal heartbeats (version, queue, data age, hardware), revoked enrolment tokens; department hosts',
  sql: `
    ALTER TABLE terminals ADD COLUMN last_seen_at bigint;
    ALTER TABLE terminals ADD COLUMN heartbeat text;                 -- JSON: the last TerminalHeartbeat as received
    ALTER TABLE enrolment_tokens ADD COLUMN revoked_at bigint;
    CREATE INDEX terminals_by_checkpoint ON terminals (checkpoint_id);
    CREATE INDEX enrolment_tokens_by_checkpoint ON enrolment_tokens (checkpoint_id);
    CREATE TABLE department_hosts (
      building_id  text NOT NULL REFERENCES buildings (building_id),
      host_id      text NOT NULL,                 -- opaque: never an ID number
      department   text NOT NULL,
      display_name text NOT NULL,
      PRIMARY KEY (building_id, host_id)
    );
  `,
};

const m0007SelfDeclarations: PostgresMigration = {
  version: 7,
  name: 'self-service declarations (health answers until expiry) and phone check-ins',
  sql: `
    CREATE TABLE self_declarations (
      id_hmac       text PRIMARY KEY,          -- keyed HMAC of the ID number; the number itself is never stored
      token_id      text NOT NULL,
      declared_at   bigint NOT NULL,
      expires_at    bigint NOT NULL,
      result        text NOT NULL,
      answers       text NOT NULL,             -- health answers (JSON), deleted with the row at expiry
      checkpoint_id text
    );
    CREATE INDEX self_declarations_by_expiry ON self_declarations (expires_at);
    CREATE TABLE phone_checkins (
      cursor        bigserial PRIMARY KEY,
      checkin_id    text NOT NULL UNIQUE,
      checkpoint_id text NOT NULL,
      building_id   text NOT NULL,
      token_id      text NOT NULL,
      subject_hmac  text NOT NULL,
      display_name  text NOT NULL,
      result        text NOT NULL,
      checked_in_at bigint NOT NULL
    );
    CREATE INDEX phone_checkins_by_checkpoint ON phone_checkins (checkpoint_id, cursor);
    CREATE INDEX phone_checkins_by_time ON phone_checkins (checked_in_at);
  `,
};

/** The visitor's host picked by the guard at a department checkpoint (opaque id from department_hosts; no FK: hosts change). */
const m0008VisitorHosts: PostgresMigration = {
  version: 8,
  name: 'entries: visitor host picked by the guard',
  sql: `ALTER TABLE entries ADD COLUMN host_id text;`,
};

export const POSTGRES_MIGRATIONS: readonly PostgresMigration[] = [m0001Initial, m0002CheckpointRegistry, m0003AdminAccounts, m0004EntryListIndex, m0005AdminAnalytics, m0006FleetAndHosts, m0007SelfDeclarations, m0008VisitorHosts, m0009OneIdentity, m0010SharedState, m0011AreasAndSecondFactor, m0012DccTrustList, m0013DccValueSets];

/** Any fixed number: the advisory lock that serialises migrations across hub processes. */
const MIGRATION_LOCK = 7_301_001;

export async function applyPostgresMigrations(client: PoolClient, migrations: readonly PostgresMigration[] = POSTGRES_MIGRATIONS): Promise<number> {
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  try {
    await client.query('CREATE TABLE IF NOT EXISTS hub_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
    const applied = new Set((await client.query<{ version: number }>('SELECT version FROM hub_migrations')).rows.map((r) => r.version));
    for (const m of migrations) {
      if (applied.has(m.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO hub_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`hub migration ${m.version} (${m.name}) failed: ${(error as Error).message}`, { cause: error });
      }
    }
    return (await client.query<{ v: number | null }>('SELECT max(version) AS v FROM hub_migrations')).rows[0]!.v ?? 0;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
  }
}
