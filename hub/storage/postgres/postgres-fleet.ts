/** The fleet on PostgreSQL (see ../fleet-store.ts). */
import type { Pool } from 'pg';
import type { TerminalHeartbeat } from '../../protocol.js';
import { FLEET_COLUMNS, fleetTerminalOf, type FleetRow, type FleetStore, type FleetTerminal, type OpenEnrolmentToken } from '../fleet-store.js';

export class PostgresFleet implements FleetStore {
  constructor(private readonly pool: Pool) {}

  async recordHeartbeat(terminalId: string, heartbeat: TerminalHeartbeat, now: number): Promise<void> {
    await this.pool.query('UPDATE terminals SET heartbeat = $1, last_seen_at = $2 WHERE terminal_id = $3', [JSON.stringify(heartbeat), now, terminalId]);
  }

  async terminals(checkpointIds: readonly string[]): Promise<FleetTerminal[]> {
    if (checkpointIds.length === 0) return [];
    const { rows } = await this.pool.query<FleetRow>(`SELECT ${FLEET_COLUMNS} FROM terminals WHERE checkpoint_id = ANY($1) ORDER BY checkpoint_id, name, terminal_id`, [checkpointIds]);
    return rows.map(fleetTerminalOf);
  }

  async openEnrolmentTokens(checkpointIds: readonly string[], now: number): Promise<OpenEnrolmentToken[]> {
    if (checkpointIds.length === 0) return [];
    const { rows } = await this.pool.query<{ tokenId: string; checkpointId: string; createdAt: string; expiresAt: string }>(
      `SELECT token_id AS "tokenId", checkpoint_id AS "checkpointId", created_at AS "createdAt", expires_at AS "expiresAt" FROM enrolment_tokens
       WHERE checkpoint_id = ANY($1) AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $2
       ORDER BY created_at DESC, token_id`,
      [checkpointIds, now],
    );
    return rows.map((r) => ({ ...r, createdAt: Number(r.createdAt), expiresAt: Number(r.expiresAt) }));
  }

  async enrolmentTokenCheckpoint(tokenId: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ checkpointId: string }>('SELECT checkpoint_id AS "checkpointId" FROM enrolment_tokens WHERE token_id = $1', [tokenId]);
    return rows[0]?.checkpointId;
  }

  async revokeEnrolmentToken(tokenId: string, now: number): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      'UPDATE enrolment_tokens SET revoked_at = $1, expires_at = LEAST(expires_at, $1) WHERE token_id = $2 AND used_at IS NULL AND revoked_at IS NULL',
      [now, tokenId],
    );
    return (rowCount ?? 0) > 0;
  }
}
