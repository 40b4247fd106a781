/**
 * Danh sách: a checkpoint's entries in a time range, newest first, with filters, paged by keyset — the page after
 * (eventTime, receiptId) — so page 1,000 costs what page 1 does, at a million rows and more. Both storages back it
 * with an index on (checkpoint_id, event_time, receipt_id) (migration 4).
 */
import type { CredentialKind, Direction, Outcome } from '../../core/index.js';
import { nameContainsPattern } from './name-key.js';

/**
 * What admitted or refused a person, as the hub's entries record it: a terminal's credential kinds, plus the phone
 * check-ins at a checkpoint poster, which the hub itself writes into `entries` (hub/declare/checkin-service.ts).
 */
export type EntryKind = CredentialKind | 'phone-checkin';
export const PHONE_CHECKIN_KIND = 'phone-checkin';

export interface EntryListCursor {
  readonly eventTime: number;
  readonly receiptId: number;
}

export interface EntryListQuery {
  readonly checkpointId: string;
  /** Event time range [from, to), ms. */
  readonly from: number;
  readonly to: number;
  readonly outcome?: Outcome;
  readonly direction?: Direction;
  readonly credentialKind?: EntryKind;
  /** One person: the entry subject HMACs of their ID number in the checkpoint's building (never the number). */
  readonly subjectHmacs?: readonly string[];
  /** Names containing this, diacritics and case ignored (hub/storage/name-key.ts). */
  readonly nameContains?: string;
  /** The last row of the previous page. */
  readonly after?: EntryListCursor;
  readonly limit: number;
}

export interface EntryListRow {
  readonly receiptId: number;
  readonly eventTime: number;
  readonly direction: Direction;
  readonly outcome: Outcome;
  readonly reasons: readonly string[];
  readonly credentialKind: EntryKind;
  readonly displayName: string;
  readonly terminalId: string;
  /** The visitor's host picked by the guard (department checkpoints, hub migration 8): an opaque id, or null. */
  readonly hostId: string | null;
}

export interface EntryQueries {
  listEntries(query: EntryListQuery): Promise<EntryListRow[]>;
}

/** The WHERE clause shared by both storages, with `$n`-style or `?` placeholders. */
export function entryListFilter(q: EntryListQuery, placeholder: (index: number) => string): { where: string; params: unknown[] } {
  const params: unknown[] = [q.checkpointId, q.from, q.to];
  const clauses = [`checkpoint_id = ${placeholder(1)}`, `event_time >= ${placeholder(2)}`, `event_time < ${placeholder(3)}`];
  const add = (sql: (p: string) => string, value: unknown) => {
    params.push(value);
    clauses.push(sql(placeholder(params.length)));
  };
  if (q.outcome) add((p) => `outcome = ${p}`, q.outcome);
  if (q.direction) add((p) => `direction = ${p}`, q.direction);
  if (q.credentialKind) add((p) => `credential_kind = ${p}`, q.credentialKind);
  if (q.subjectHmacs && q.subjectHmacs.length > 0) {
    const marks = q.subjectHmacs.map((hmac) => {
      params.push(hmac);
      return placeholder(params.length);
    });
    clauses.push(`subject_hmac IN (${marks.join(', ')})`);
  }
  if (q.nameContains) add((p) => `name_key LIKE ${p} ESCAPE '\\'`, nameContainsPattern(q.nameContains));
  if (q.after) {
    params.push(q.after.eventTime, q.after.receiptId);
    clauses.push(`(event_time, receipt_id) < (${placeholder(params.length - 1)}, ${placeholder(params.length)})`);
  }
  params.push(q.limit);
  return { where: clauses.join(' AND '), params };
}

export const ENTRY_LIST_COLUMNS = `receipt_id AS "receiptId", event_time AS "eventTime", direction, outcome, reasons,
  credential_kind AS "credentialKind", display_name AS "displayName", terminal_id AS "terminalId", host_id AS "hostId"`;

/** Reasons are stored space-separated (the ingest of both storages). */
export function reasonsFromColumn(value: string): string[] {
  return value === '' ? [] : value.split(' ');
}
