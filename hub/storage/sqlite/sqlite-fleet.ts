/** The fleet on SQLite (see ../fleet-store.ts). */
import type Database from 'better-sqlite3';
import type { TerminalHeartbeat } from '../../protocol.js';
import { FLEET_COLUMNS, fleetTerminalOf, type FleetRow, type FleetStore, type FleetTerminal, type OpenEnrolmentToken } from '../fleet-store.js';

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

export class SqliteFleet implements FleetStore {
  constructor(private readonly db: Database.Database) {}

  recordHeartbeat(terminalId: string, heartbeat: TerminalHeartbeat, now: number): Promise<void> {
    this.db.prepare('UPDATE terminals SET heartbeat = ?, last_seen_at = ? WHERE terminal_id = ?').run(JSON.stringify(heartbeat), now, terminalId);
    return Promise.resolve();
  }

  terminals(checkpointIds: readonly string[]): Promise<FleetTerminal[]> {
    if (checkpointIds.length === 0) return Promise.resolve([]);
    const rows = this.db
      .prepare(`SELECT ${FLEET_COLUMNS} FROM terminals WHERE checkpoint_id IN (${placeholders(checkpointIds.length)}) ORDER BY checkpoint_id, name, terminal_id`)
      .all(...checkpointIds) as FleetRow[];
    return Promise.resolve(rows.map(fleetTerminalOf));
  }

  openEnrolmentTokens(checkpointIds: readonly string[], now: number): Promise<OpenEnrolmentToken[]> {
    if (checkpointIds.length === 0) return Promise.resolve([]);
    const rows = this.db
      .prepare(
        `SELECT token_id AS tokenId, checkpoint_id AS checkpointId, created_at AS createdAt, expires_at AS expiresAt FROM enrolment_tokens
         WHERE checkpoint_id IN (${placeholders(checkpointIds.length)}) AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?
         ORDER BY created_at DESC, token_id`,
      )
      .all(...checkpointIds, now) as OpenEnrolmentToken[];
    return Promise.resolve(rows);
  }

  enrolmentTokenCheckpoint(tokenId: string): Promise<string | undefined> {
    const row = this.db.prepare('SELECT checkpoint_id AS checkpointId FROM enrolment_tokens WHERE token_id = ?').get(tokenId) as { checkpointId: string } | undefined;
    return Promise.resolve(row?.checkpointId);
  }

  revokeEnrolmentToken(tokenId: string, now: number): Promise<boolean> {
    const changes = this.db
      .prepare('UPDATE enrolment_tokens SET revoked_at = ?, expires_at = MIN(expires_at, ?) WHERE token_id = ? AND used_at IS NULL AND revoked_at IS NULL')
      .run(now, now, tokenId).changes;
    return Promise.resolve(changes > 0);
  }
}
