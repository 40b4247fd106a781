/**
 * The fleet as the admin web shows it: terminals per checkpoint with their last heartbeat (app version, queued
 * entries, data age, hardware), and the open enrolment tokens (never their secrets: only the id, checkpoint and
 * times). Implemented for both storages (sqlite-fleet.ts, postgres-fleet.ts) and tested alike.
 */
import type { TerminalHeartbeat } from '../protocol.js';

export interface FleetTerminal {
  readonly terminalId: string;
  readonly name: string;
  readonly checkpointId: string;
  readonly enrolledAt: number;
  readonly revokedAt: number | null;
  /** Hub time of the last heartbeat; null when the terminal never reported. */
  readonly lastSeenAt: number | null;
  readonly heartbeat: TerminalHeartbeat | null;
}

export interface OpenEnrolmentToken {
  readonly tokenId: string;
  readonly checkpointId: string;
  readonly createdAt: number;
  readonly expiresAt: number;
}

export interface FleetStore {
  /** Keeps the heartbeat (the last one wins) and the hub time it arrived at. */
  recordHeartbeat(terminalId: string, heartbeat: TerminalHeartbeat, now: number): Promise<void>;
  /** Terminals of these checkpoints (revoked ones too), by checkpoint then name. */
  terminals(checkpointIds: readonly string[]): Promise<FleetTerminal[]>;
  /** Unused, unexpired, unrevoked tokens of these checkpoints, newest first. */
  openEnrolmentTokens(checkpointIds: readonly string[], now: number): Promise<OpenEnrolmentToken[]>;
  /** The token's checkpoint, or undefined when unknown. */
  enrolmentTokenCheckpoint(tokenId: string): Promise<string | undefined>;
  /**
   * Revokes an unused token: it also expires at `now`, so a terminal presenting it afterwards is refused
   * (ENROLMENT_TOKEN_EXPIRED — "ask the admin for a new one"). False when it was used, revoked or unknown.
   */
  revokeEnrolmentToken(tokenId: string, now: number): Promise<boolean>;
}

export interface FleetRow {
  readonly terminalId: string;
  readonly name: string;
  readonly checkpointId: string;
  readonly enrolledAt: number | string;
  readonly revokedAt: number | string | null;
  readonly lastSeenAt: number | string | null;
  readonly heartbeat: string | null;
}

export const FLEET_COLUMNS = `terminal_id AS "terminalId", name, checkpoint_id AS "checkpointId", enrolled_at AS "enrolledAt",
  revoked_at AS "revokedAt", last_seen_at AS "lastSeenAt", heartbeat`;

const num = (v: number | string | null) => (v === null ? null : Number(v));

export function fleetTerminalOf(r: FleetRow): FleetTerminal {
  return {
    terminalId: r.terminalId,
    name: r.name,
    checkpointId: r.checkpointId,
    enrolledAt: Number(r.enrolledAt),
    revokedAt: num(r.revokedAt),
    lastSeenAt: num(r.lastSeenAt),
    heartbeat: r.heartbeat === null ? null : (JSON.parse(r.heartbeat) as TerminalHeartbeat),
  };
}
