/**
 * The fleet on PostgreSQL (see ../fleet-store.ts). Heartbeats are advisory (the fleet page's last contact and
 * status): kept in memory and written in one statement every FLUSH_MS — not a transaction per heartbeat (10,000
 * terminals: ~170 a second). This replica's reads write its pending ones first; another replica sees them within FLUSH_MS.
 */
import type { Pool } from 'pg';
import type { TerminalHeartbeat } from '../../protocol.js';
import { DeferredWrites } from '../deferred-writes.js';
import { FLEET_COLUMNS, fleetTerminalOf, type FleetRow, type FleetStore, type FleetTerminal, type OpenEnrolmentToken } from '../fleet-store.js';

const FLUSH_MS = 2_000;

export class PostgresFleet implements FleetStore {
  private readonly heartbeats: DeferredWrites<{ heartbeat: string; at: number }>;

  constructor(private readonly pool: Pool) {
    this.heartbeats = new DeferredWrites((batch) => {
      const ids = [...batch.keys()];
      return this.pool.query(
        `UPDATE terminals t SET heartbeat = b.heartbeat, last_seen_at = b.at FROM unnest($1::text[], $2::text[], $3::bigint[]) AS b(terminal_id, heartbeat, at)
         WHERE t.terminal_id = b.terminal_id`,
        [ids, ids.map((id) => batch.get(id)!.heartbeat), ids.map((id) => batch.get(id)!.at)],
      );
    }, FLUSH_MS);
  }

  recordHeartbeat(terminalId: string, heartbeat: TerminalHeartbeat, now: number): Promise<void> {
    this.heartbeats.set(terminalId, { heartbeat: JSON.stringify(heartbeat), at: now });
    return Promise.resolve();
  }

  /** Writes the pending heartbeats (one UPDATE); rejects when that fails (those heartbeats are then lost: advisory). */
  flush(): Promise<void> {
    return this.heartbeats.flush();
  }

  async terminals(checkpointIds: readonly string[]): Promise<FleetTerminal[]> {
    if (checkpointIds.length === 0) return [];
    await this.flush().catch(() => undefined);
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
