/**
 * The hub's DCC trust list: document signer certificates imported from national backends (hub/service/dcc-trust-list.ts
 * checks them first), distributed to every terminal in its bundle. The list is the deployment's, not a building's:
 * every change bumps the data version of every building, in the same transaction, so each terminal picks the new
 * list up at its next sync. Implemented for both storages (sqlite/sqlite-dcc-signers.ts, postgres/postgres-dcc-signers.ts).
 */
import type { DccSignerRecord } from '../service/dcc-signer-check.js';

export interface DccSignerChanges {
  readonly added: number;
  /** Already listed, now with another kid or country. */
  readonly updated: number;
  readonly unchanged: number;
}

export interface DccSignerStore {
  /** Every signer, by country then kid. */
  list(): Promise<DccSignerRecord[]>;
  /** Adds signers (by certificate: signerId) or updates the kid and country of those already listed. */
  put(signers: readonly DccSignerRecord[], now: number): Promise<DccSignerChanges>;
  /** Removes the signers by id; returns how many were listed. */
  remove(signerIds: readonly string[]): Promise<number>;
}

export const DCC_SIGNER_COLUMNS = `signer_id AS "signerId", kid, country, certificate, subject, key_type AS "keyType", algorithm, key_usage AS "keyUsage",
  not_before AS "notBefore", not_after AS "notAfter"`;

export const DCC_SIGNER_ORDER = 'ORDER BY country, kid, signer_id';

export type DccSignerRow = Omit<DccSignerRecord, 'keyUsage'> & { keyUsage: string };

export function signerOfRow(row: DccSignerRow): DccSignerRecord {
  return { ...row, keyUsage: JSON.parse(row.keyUsage) as string[] };
}

/** The columns of an insert, in DCC_SIGNER_INSERT's order. */
export function signerValues(s: DccSignerRecord, now: number): unknown[] {
  return [s.signerId, s.kid, s.country, s.certificate, s.subject, s.keyType, s.algorithm, JSON.stringify(s.keyUsage), s.notBefore, s.notAfter, now];
}

export const DCC_SIGNER_INSERT_COLUMNS = '(signer_id, kid, country, certificate, subject, key_type, algorithm, key_usage, not_before, not_after, added_at)';

/** Signers repeated in one import count once (the last wins). */
export function uniqueSigners(signers: readonly DccSignerRecord[]): DccSignerRecord[] {
  return [...new Map(signers.map((s) => [s.signerId, s])).values()];
}
