/**
 * The result of one verification step of an EU DCC. Every step is a plain function returning either its value or the
 * reason code the gate would give, with a detail for logs and for the conformance report (`gate-terminal
 * dcc-conformance` runs the steps one by one). Steps never throw on bad input.
 */
import type { ReasonCode } from '../../reasons.js';

export type DccStep<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: ReasonCode; readonly detail: string };

export function stepOk<T>(value: T): DccStep<T> {
  return { ok: true, value };
}

export function stepFailed<T = never>(reason: ReasonCode, detail: string): DccStep<T> {
  return { ok: false, reason, detail };
}

/** The three kinds of certificate: `v` vaccination, `t` test, `r` recovery (the payload's own keys). */
export type DccType = 'v' | 't' | 'r';

export const DCC_TYPES: readonly DccType[] = ['v', 't', 'r'];

export interface DccName {
  readonly fn?: string;
  /** ICAO 9303 transliteration of the family name: the only name field every DCC must have. */
  readonly fnt: string;
  readonly gn?: string;
  readonly gnt?: string;
}

export interface VaccinationEntry {
  readonly tg: string;
  readonly vp: string;
  readonly mp: string;
  readonly ma: string;
  readonly dn: number;
  readonly sd: number;
  readonly dt: string;
  readonly co: string;
  readonly is: string;
  readonly ci: string;
}

export interface TestEntry {
  readonly tg: string;
  readonly tt: string;
  readonly nm?: string;
  readonly ma?: string;
  readonly sc: string;
  readonly dr?: string;
  readonly tr: string;
  readonly tc?: string;
  readonly co: string;
  readonly is: string;
  readonly ci: string;
}

export interface RecoveryEntry {
  readonly tg: string;
  readonly fr: string;
  readonly co: string;
  readonly is: string;
  readonly df: string;
  readonly du: string;
  readonly ci: string;
}

/** A schema-valid DCC payload: exactly one certificate entry, of one of the three types. */
export type DccCertificate =
  | { readonly type: 'v'; readonly entry: VaccinationEntry }
  | { readonly type: 't'; readonly entry: TestEntry }
  | { readonly type: 'r'; readonly entry: RecoveryEntry };

export interface DccPayload {
  readonly ver: string;
  readonly nam: DccName;
  readonly dob: string;
  readonly certificate: DccCertificate;
}
