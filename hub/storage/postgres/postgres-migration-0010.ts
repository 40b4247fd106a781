/**
 * PostgreSQL migration 10 (issue 20): the state hub replicas must agree on, out of process memory
 * (hub/storage/hub-coordination.ts): fixed-window rate-limit counters, login attempts (reserved before the password
 * check), admin sessions, the app version each terminal reported; and a trigger that NOTIFYs `gate_checkins` with the
 * checkpoint id when a phone checks in, delivered at COMMIT to every replica LISTENing (the terminals' long polls).
 */
import type { PostgresMigration } from './postgres-migrations.js';

export const CHECKIN_CHANNEL = 'gate_checkins';

export const m0010SharedState: PostgresMigration = {
  version: 10,
  name: 'shared state of hub replicas: rate-limit windows, login attempts, admin sessions, reported app versions, check-in NOTIFY',
  sql: `
    CREATE TABLE hub_counters (
      key          text PRIMARY KEY,
      window_start bigint NOT NULL,
      count        integer NOT NULL,
      expires_at   bigint NOT NULL
    );
    CREATE INDEX hub_counters_by_expiry ON hub_counters (expires_at);
    CREATE TABLE login_attempts (
      key        text NOT NULL,
      attempt_id text NOT NULL,
      at         bigint NOT NULL,
      PRIMARY KEY (key, attempt_id)
    );
    CREATE INDEX login_attempts_by_time ON login_attempts (at);
    CREATE TABLE admin_sessions (
      session_id text PRIMARY KEY,
      data       text NOT NULL,
      expires_at bigint NOT NULL
    );
    CREATE INDEX admin_sessions_by_expiry ON admin_sessions (expires_at);
    CREATE TABLE terminal_versions (
      terminal_id     text PRIMARY KEY,
      app_version     text NOT NULL,
      required        text,
      update_required boolean NOT NULL,
      reported_at     bigint NOT NULL
    );
    CREATE FUNCTION gate_notify_checkin() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN PERFORM pg_notify('${CHECKIN_CHANNEL}', NEW.checkpoint_id); RETURN NULL; END
    $fn$;
    CREATE TRIGGER phone_checkins_notify AFTER INSERT ON phone_checkins FOR EACH ROW EXECUTE FUNCTION gate_notify_checkin();
  `,
};
