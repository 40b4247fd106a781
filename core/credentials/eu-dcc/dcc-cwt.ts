/**
 * COSE_Sign1 → CWT claims → the DCC payload (hcert spec §3):
 *
 *   { 1: issuer country, 4: expires (epoch s), 6: issued at (epoch s), -260: { 1: <DCC payload> } }
 *
 * Contract: the DCC payload comes out as a plain JSON value (objects with string keys, arrays, strings, numbers,
 * booleans, null) so the schema validator and the conformance comparison see what a JSON issuer meant. CBOR date tags
 * (0: RFC 3339 text, 1: epoch seconds), which some issuers use inside the payload, become RFC 3339 text.
 * Anything with no JSON equivalent (byte strings, non-text keys, undefined) makes the payload unreadable.
 */
import { decodeCborValue } from '../../cbor-decode.js';
import { decodeCoseSign1, type CoseSign1 } from '../../cose.js';
import { ReasonCode } from '../../reasons.js';
import { stepFailed, stepOk, type DccStep } from './dcc-step.js';

export const CwtClaim = { issuer: 1, expiresAt: 4, issuedAt: 6, hcert: -260 } as const;
/** Key of the EU DCC inside the hcert claim (-260). */
export const HCERT_EU_DCC = 1;

export interface DccCwt {
  /** Issuing country (claim 1), when present. */
  readonly issuer?: string;
  /** ms since the epoch; issuers write whole or (a few) fractional seconds. */
  readonly issuedAt?: number;
  readonly expiresAt: number;
  /** The DCC payload as JSON, not yet validated. */
  readonly payload: unknown;
}

const passThrough = (inner: unknown): unknown => inner;
/** Tag 1 (epoch seconds) becomes the RFC 3339 text a JSON issuer would have written. */
const epochToText = (inner: unknown): unknown =>
  typeof inner === 'number' && Number.isFinite(inner) && Math.abs(inner) < 1e11 ? new Date(inner * 1000).toISOString().replace('.000Z', 'Z') : inner;
const PAYLOAD_TAGS: ((inner: unknown) => unknown)[] = [];
PAYLOAD_TAGS[0] = passThrough; // date/time text
PAYLOAD_TAGS[1] = epochToText; // epoch-based date/time
PAYLOAD_TAGS[18] = passThrough;
PAYLOAD_TAGS[61] = passThrough;

/**
 * CBOR with date tags unwrapped; maps with integer keys (the claims, hcert) as Map, maps whose keys are all text (the
 * payload's objects) already as the null-prototype objects cborToJson gives. Throws on malformed input.
 */
export function decodeDccCbor(bytes: Uint8Array): unknown {
  return decodeCborValue(bytes, PAYLOAD_TAGS, 'json');
}

export class NotJsonError extends Error {}

/** A decoded CBOR value as JSON; throws NotJsonError naming the first part that has no JSON form. */
export function cborToJson(value: unknown, path = '$'): unknown {
  try {
    return toJson(value);
  } catch (error) {
    if (error !== NOT_JSON) throw error;
    // Only a payload that fails pays for the paths: the walk is repeated with them to name the first failing part.
    return toJsonAt(value, path);
  }
}

const NOT_JSON = new NotJsonError('not JSON');

/** A null-prototype object: what decodeDccCbor makes of a text-keyed map, and what this conversion gives. */
const isJsonObject = (value: object): value is Record<string, unknown> => Object.getPrototypeOf(value) === null;

/**
 * The conversion of the common case (every part has a JSON form), without building a path for every value. Arrays and
 * null-prototype objects are copied only when a part of them converts to something else (a Map, a non-finite
 * number's refusal aside): decodeDccCbor's payloads come out of here as they went in.
 */
function toJson(value: unknown): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw NOT_JSON;
    return value;
  }
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item = toJson(value[i]);
      if (item !== value[i]) (out ??= value.slice())[i] = item;
    }
    return out ?? value;
  }
  if (typeof value === 'object' && isJsonObject(value)) {
    let out: Record<string, unknown> | undefined;
    for (const key in value) {
      const item = toJson(value[key]);
      if (item !== value[key]) (out ??= Object.assign(Object.create(null) as Record<string, unknown>, value))[key] = item;
    }
    return out ?? value;
  }
  if (value instanceof Map) {
    const out = Object.create(null) as Record<string, unknown>;
    for (const [key, item] of value) {
      if (typeof key !== 'string') throw NOT_JSON;
      out[key] = toJson(item);
    }
    return out;
  }
  throw NOT_JSON;
}

/** The same walk with the path of every part, for the message of the first part that has no JSON form. */
function toJsonAt(value: unknown, path: string): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new NotJsonError(`${path}: ${value} is not a JSON number`);
    return value;
  }
  if (Array.isArray(value)) return value.map((item, i) => toJsonAt(item, `${path}[${i}]`));
  if (typeof value === 'object' && value !== null && isJsonObject(value)) {
    const out = Object.create(null) as Record<string, unknown>;
    for (const key in value) out[key] = toJsonAt(value[key], `${path}.${key}`);
    return out;
  }
  if (value instanceof Map) {
    // A null-prototype object: a "__proto__" key stays an ordinary key.
    const out = Object.create(null) as Record<string, unknown>;
    for (const [key, item] of value) {
      if (typeof key !== 'string') throw new NotJsonError(`${path}: map key ${String(key)} is not text`);
      out[key] = toJsonAt(item, `${path}.${key}`);
    }
    return out;
  }
  const kind = value instanceof Uint8Array ? 'a byte string' : typeof value;
  throw new NotJsonError(`${path}: ${kind} has no JSON form`);
}

export function decodeDccCose(bytes: Uint8Array): DccStep<CoseSign1> {
  try {
    return stepOk(decodeCoseSign1(bytes));
  } catch (error) {
    return stepFailed(ReasonCode.DccMalformed, `COSE: ${(error as Error).message}`);
  }
}

function epochMs(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.round(value * 1000) : undefined;
}

/** The CWT claims of a COSE_Sign1, with the DCC payload converted to JSON. */
export function readDccClaims(sign1: CoseSign1): DccStep<DccCwt> {
  let claims: unknown;
  try {
    claims = decodeDccCbor(sign1.payload);
  } catch (error) {
    return stepFailed(ReasonCode.DccMalformed, `CWT: ${(error as Error).message}`);
  }
  if (!(claims instanceof Map)) return stepFailed(ReasonCode.DccMalformed, 'CWT claims are not a map');
  const expiresAt = epochMs(claims.get(CwtClaim.expiresAt));
  if (expiresAt === undefined) return stepFailed(ReasonCode.DccMalformed, 'claim 4 (expiry) must be epoch seconds');
  const issuedAtRaw = claims.get(CwtClaim.issuedAt);
  const issuedAt = epochMs(issuedAtRaw);
  if (issuedAtRaw !== undefined && issuedAt === undefined) return stepFailed(ReasonCode.DccMalformed, 'claim 6 (issued at) must be epoch seconds');
  const hcert = claims.get(CwtClaim.hcert);
  if (!(hcert instanceof Map) || !hcert.has(HCERT_EU_DCC)) return stepFailed(ReasonCode.DccMalformed, 'claim -260 must hold the DCC under key 1');
  let payload: unknown;
  try {
    payload = cborToJson(hcert.get(HCERT_EU_DCC));
  } catch (error) {
    return stepFailed(ReasonCode.DccSchemaInvalid, (error as Error).message);
  }
  // Built field by field: DccCwt's optional fields are absent (not undefined) when the claim is.
  const cwt: { issuer?: string; issuedAt?: number; expiresAt: number; payload: unknown } = { expiresAt, payload };
  const issuer = claims.get(CwtClaim.issuer);
  if (typeof issuer === 'string') cwt.issuer = issuer;
  if (issuedAt !== undefined) cwt.issuedAt = issuedAt;
  return stepOk(cwt);
}
