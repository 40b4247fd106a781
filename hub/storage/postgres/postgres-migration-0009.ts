/**
 * PostgreSQL migration 9, in its own file (postgres-migrations.ts holds 1–8 and the runner; it imports this one).
 */
import type { PostgresMigration } from './postgres-migrations.js';
import { postgresNameKeySql } from '../name-key.js';

/**
 * One subject identity (issue 15): the deployment's identity key lives in the store, shared by every hub process
 * (created by startHub, imported from <dataDir>/declaration-subject.key where that exists, so tokens already issued
 * keep their subject). The hub page's current declarations enter every building's declaration set under that key's
 * reference (= self_declarations.id_hmac); their older per-building rows expire by themselves. Phone check-ins
 * stored so far become entries (PHONE_CHECKIN_TERMINAL), with the default policy's outcome (clear → admit).
 */
export const m0009OneIdentity: PostgresMigration = {
  version: 9,
  name: 'one subject identity: deployment identity key; hub declarations re-keyed into the building sets',
  sql: `
    CREATE TABLE hub_secrets (
      name       text PRIMARY KEY,
      value      bytea NOT NULL,
      created_at bigint NOT NULL
    );
    INSERT INTO declarations (building_id, subject_ref, declared_at, expires_at, result)
      SELECT b.building_id, s.id_hmac, s.declared_at, s.expires_at, s.result FROM self_declarations s CROSS JOIN buildings b WHERE true
      ON CONFLICT (building_id, subject_ref) DO NOTHING;
    UPDATE buildings SET data_version = data_version + 1 WHERE EXISTS (SELECT 1 FROM self_declarations);
    DO $backfill$ DECLARE d date; BEGIN
      FOR d IN SELECT DISTINCT (to_timestamp(checked_in_at / 1000.0) AT TIME ZONE 'UTC')::date FROM phone_checkins LOOP
        EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF entries FOR VALUES FROM (%L) TO (%L)', 'entries_p' || to_char(d, 'YYYYMMDD'), d, d + 1);
      END LOOP;
    END $backfill$;
    INSERT INTO entry_keys (building_id, terminal_id, seq, received_on)
      SELECT building_id, 'phone-checkin', cursor, (to_timestamp(checked_in_at / 1000.0) AT TIME ZONE 'UTC')::date FROM phone_checkins ON CONFLICT DO NOTHING;
    INSERT INTO entries (building_id, terminal_id, seq, entry_id, checkpoint_id, direction, outcome, reasons, credential_kind, credential_id, subject_hmac,
        display_name, scan_source, wall_time, mono_time, boot_id, event_time, time_source, override_of, received_at, received_on, name_key, host_id)
      SELECT building_id, 'phone-checkin', cursor, checkin_id, checkpoint_id, 'in', CASE result WHEN 'clear' THEN 'admit' ELSE 'review' END,
        CASE result WHEN 'clear' THEN 'DECLARATION_VALID' ELSE 'DECLARATION_NEEDS_MEDICAL_CHECK' END, 'phone-checkin', token_id, subject_hmac,
        display_name, 'phone', checked_in_at, 0, '', checked_in_at, 'hub', NULL, checked_in_at, (to_timestamp(checked_in_at / 1000.0) AT TIME ZONE 'UTC')::date,
        ${postgresNameKeySql('display_name')}, NULL
      FROM phone_checkins;
  `,
};
