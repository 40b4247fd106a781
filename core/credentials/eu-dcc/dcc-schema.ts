/**
 * Validation of the DCC payload against the EU DCC JSON schema, written out as code (core takes no schema engine).
 *
 * Contract: one rule set for every `ver`, the rules of schema 1.3 — the version the EU reference verifier applies to
 * all certificates, and the most permissive of the published ones where they differ (dob may be `YYYY`, `YYYY-MM`,
 * `YYYY-MM-DD` or empty; `tc` optional; no upper bound on doses). Unlike the JSON schema files, the formats `date` and
 * `date-time` are asserted, since the checkpoint policy computes with those dates (a `date` written as a full
 * date-time is tolerated: see calendarDay), and a payload must carry exactly one certificate entry (the schema's
 * `oneOf` plus the hcert rule "one entry per certificate").
 * Properties the schema does not name are allowed, as the schema allows them.
 */
import { ReasonCode } from '../../reasons.js';
import { codePointLength, isCalendarDate, isDateTime } from './dcc-formats.js';
import {
  stepFailed,
  stepOk,
  type DccCertificate,
  type DccName,
  type DccPayload,
  type DccStep,
  type RecoveryEntry,
  type TestEntry,
  type VaccinationEntry,
} from './dcc-step.js';

/**
 * A rule checks a value and pushes its violations. The value's path (`$.v[0].dt`) is a stack of parts, joined only
 * when there is something to report: a valid payload (the common case) builds no path text at all.
 */
type Path = string[];
type Rule = (value: unknown, path: Path, errors: string[]) => void;
type Shape = Readonly<Record<string, Rule>>;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const at = (path: Path): string => path.join('');

function text(options: { maxLength?: number; pattern?: RegExp; format?: (s: string) => boolean; formatName?: string } = {}): Rule {
  return (value, path, errors) => {
    if (typeof value !== 'string') return void errors.push(`${at(path)} must be a string`);
    // A string has at least as many UTF-16 units as code points: only a longer one needs counting.
    const max = options.maxLength;
    if (max !== undefined && value.length > max && codePointLength(value) > max) errors.push(`${at(path)} is longer than ${max}`);
    if (options.pattern && !options.pattern.test(value)) errors.push(`${at(path)} does not match ${options.pattern.source}`);
    if (options.format && !options.format(value)) errors.push(`${at(path)} is not a valid ${options.formatName ?? 'value'}`);
  };
}

const positiveInteger: Rule = (value, path, errors) => {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) errors.push(`${at(path)} must be an integer ≥ 1`);
};

function object(shape: Shape, required: readonly string[]): Rule {
  const members = Object.entries(shape).map(([key, rule]) => ({ key, part: `.${key}`, rule }));
  const requiredParts = required.map((key) => ({ key, part: `.${key}` }));
  return (value, path, errors) => {
    if (!isObject(value)) return void errors.push(`${at(path)} must be an object`);
    for (const { key, part } of requiredParts) if (value[key] === undefined) errors.push(`${at(path)}${part} is required`);
    for (const { key, part, rule } of members) {
      const member = value[key];
      if (member === undefined) continue;
      path.push(part);
      rule(member, path, errors);
      path.pop();
    }
  };
}

/** An array of exactly one entry. */
function single(entry: Rule): Rule {
  return (value, path, errors) => {
    if (!Array.isArray(value)) return void errors.push(`${at(path)} must be an array`);
    if (value.length !== 1) return void errors.push(`${at(path)} must hold exactly one entry (has ${value.length})`);
    path.push('[0]');
    entry(value[0], path, errors);
    path.pop();
  };
}

const any = text();
const date = text({ format: isCalendarDate, formatName: 'date (YYYY-MM-DD)' });
const dateTime = text({ format: isDateTime, formatName: 'RFC 3339 date-time' });
const text80 = text({ maxLength: 80 });
const transliterated = text({ maxLength: 80, pattern: /^[A-Z<]*$/ });
// The schema's country pattern is unanchored: any string containing 1–10 capital letters passes.
const country = text({ pattern: /[A-Z]{1,10}/ });

const nameRule = object({ fn: text80, fnt: transliterated, gn: text80, gnt: transliterated }, ['fnt']);

const vaccination = object({ tg: any, vp: any, mp: any, ma: any, dn: positiveInteger, sd: positiveInteger, dt: date, co: country, is: text80, ci: text80 }, [
  'tg', 'vp', 'mp', 'ma', 'dn', 'sd', 'dt', 'co', 'is', 'ci',
]);
const test = object({ tg: any, tt: any, nm: text80, ma: any, sc: dateTime, dr: dateTime, tr: any, tc: text80, co: country, is: text80, ci: text80 }, [
  'tg', 'tt', 'sc', 'tr', 'co', 'is', 'ci',
]);
const recovery = object({ tg: any, fr: date, co: country, is: text80, df: date, du: date, ci: text80 }, ['tg', 'fr', 'co', 'is', 'df', 'du', 'ci']);

const payloadRule = object(
  {
    ver: text({ pattern: /^\d+\.\d+\.\d+$/ }),
    nam: nameRule,
    dob: text({ pattern: /^((19|20)\d\d(-\d\d){0,2})?$/ }),
    v: single(vaccination),
    t: single(test),
    r: single(recovery),
  },
  ['ver', 'nam', 'dob'],
);

/** Every schema violation of a payload, as `$.path message`; empty when it is valid. */
export function dccSchemaErrors(value: unknown): string[] {
  const errors: string[] = [];
  payloadRule(value, ['$'], errors);
  if (isObject(value)) {
    const count = (value.v !== undefined ? 1 : 0) + (value.t !== undefined ? 1 : 0) + (value.r !== undefined ? 1 : 0);
    if (count !== 1) {
      const types = ['v', 't', 'r'].filter((key) => value[key] !== undefined);
      errors.push(`$ must hold exactly one of v, t, r (has ${types.length === 0 ? 'none' : types.join(', ')})`);
    }
  }
  return errors;
}

/** The one entry of a schema-valid payload (dccSchemaErrors made sure there is exactly one). */
function certificateOf(payload: Record<string, unknown>): DccCertificate {
  const first = (key: string) => (payload[key] as unknown[])[0];
  if (payload.v !== undefined) return { type: 'v', entry: first('v') as VaccinationEntry };
  if (payload.t !== undefined) return { type: 't', entry: first('t') as TestEntry };
  return { type: 'r', entry: first('r') as RecoveryEntry };
}

/** The payload as a typed DCC when it is schema-valid; otherwise DCC_SCHEMA_INVALID naming the first problems. */
export function validateDccPayload(value: unknown): DccStep<DccPayload> {
  const errors = dccSchemaErrors(value);
  if (errors.length > 0) return stepFailed(ReasonCode.DccSchemaInvalid, errors.slice(0, 3).join('; '));
  const payload = value as Record<string, unknown>;
  return stepOk({ ver: payload.ver as string, nam: payload.nam as DccName, dob: payload.dob as string, certificate: certificateOf(payload) });
}
