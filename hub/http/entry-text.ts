/**
 * Text of uploaded entries as both stores keep it, decided once at the boundary (before schema validation): a value
 * SQLite and PostgreSQL would store differently, or one PostgreSQL refuses, never reaches either.
 * - U+0000 (PostgreSQL text cannot hold it: "invalid byte sequence … 0x00") becomes U+FFFD;
 * - a lone UTF-16 surrogate (not encodable as UTF-8; each driver would replace it its own way) becomes U+FFFD;
 * - the free-text fields a scanned credential fills (`displayName`, `credentialId`) are cut to the schema's length in
 *   code points, so a long name is stored shortened instead of refusing the batch and stalling the queue behind it.
 * Everything else keeps the schema's checks: a terminal never sends other values, and a batch that does is refused
 * with a reason (400) without touching the rows before it. docs/security.md, "terminal ↔ hub".
 */
import { UPLOADED_TEXT_LIMITS } from './route-schemas.js';

// eslint-disable-next-line no-control-regex -- U+0000 is exactly what this must find
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The string both stores keep the same: U+0000 and lone surrogates replaced by U+FFFD. */
export function storableText(value: string): string {
  return value.replace(UNSTORABLE, '\uFFFD');
}

/** At most `max` code points (how the schema counts), never splitting a surrogate pair. */
export function cutToCodePoints(value: string, max: number): string {
  if (value.length <= max) return value;
  let end = 0;
  for (let count = 0; count < max && end < value.length; count++) end += (value.codePointAt(end)! > 0xffff ? 2 : 1);
  return value.slice(0, end);
}

function storable(value: unknown, max?: number): unknown {
  if (typeof value !== 'string') return Array.isArray(value) ? value.map((v) => storable(v)) : value;
  const text = storableText(value);
  return max === undefined ? text : cutToCodePoints(text, max);
}

/** Rewrites the entries of a parsed batch in place (unknown shapes are left to the schema to refuse). */
export function normaliseEntryBatch(body: unknown): void {
  const entries: unknown = typeof body === 'object' && body !== null && 'entries' in body ? body.entries : undefined;
  if (!Array.isArray(entries)) return;
  for (const entry of entries) {
    if (typeof entry !== 'object' || entry === null) continue;
    Object.assign(entry, Object.fromEntries(Object.entries(entry).map(([key, value]) => [key, storable(value, UPLOADED_TEXT_LIMITS[key])])));
  }
}
