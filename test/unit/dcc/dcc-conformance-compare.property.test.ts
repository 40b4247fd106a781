/**
 * The conformance runner compares decoded payloads with the case's JSON canonically (main/cli/dcc-conformance-case.ts
 * `sameJson`): key order, number encodings and date re-encodings never make two equal payloads differ, and a changed
 * value always does.
 */
import assert from 'node:assert/strict';
import { test } from 'vitest';
import fc from 'fast-check';
import { sameJson } from '../../../main/cli/dcc-conformance-case.js';

const shuffled = (value: unknown, seed: number): unknown => {
  if (Array.isArray(value)) return value.map((v, i) => shuffled(v, seed + i));
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).map(([k, v], i) => [k, shuffled(v, seed + i)] as const);
    entries.sort((x, y) => ((x[0].charCodeAt(0) * 31 + seed) % 7) - ((y[0].charCodeAt(0) * 31 + seed) % 7));
    return Object.fromEntries(entries);
  }
  return value;
};

test('sameJson (property): a payload equals itself with its keys in another order', () => {
  fc.assert(fc.property(fc.jsonValue(), fc.nat(1000), (value, seed) => sameJson(value, shuffled(value, seed))));
});

test('sameJson (property): a date-time equals its re-encodings (offset, fraction, midnight date)', () => {
  const instant = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) }).map((ms) => Math.floor(ms / 1000) * 1000);
  fc.assert(
    fc.property(instant, fc.integer({ min: -14, max: 14 }), (ms, offsetHours) => {
      const iso = new Date(ms).toISOString().replace('.000Z', 'Z');
      const local = new Date(ms + offsetHours * 3_600_000).toISOString().slice(0, 19);
      const sign = offsetHours < 0 ? '-' : '+';
      const offset = `${sign}${String(Math.abs(offsetHours)).padStart(2, '0')}:00`;
      assert.ok(sameJson({ sc: iso }, { sc: `${local}${offset}` }), `${iso} vs ${local}${offset}`);
      assert.ok(sameJson({ sc: iso }, { sc: iso.replace('Z', '.000Z') }));
      assert.ok(!sameJson({ sc: iso }, { sc: new Date(ms + 1000).toISOString() }));
    }),
  );
  assert.ok(sameJson('2021-05-01', '2021-05-01T00:00:00Z'));
  assert.ok(sameJson('2021-05-01', '2021-05-01T02:00:00+02:00'));
  assert.ok(!sameJson('2021-05-01', '2021-05-02T00:00:00Z'));
});

test('sameJson (property): integers equal whether decoded as number or BigInt; a changed leaf never compares equal', () => {
  fc.assert(fc.property(fc.maxSafeInteger(), (n) => sameJson({ dn: BigInt(n) }, { dn: n }) && !sameJson({ dn: BigInt(n) }, { dn: n + 1 })));
  fc.assert(
    fc.property(fc.dictionary(fc.string({ minLength: 1 }), fc.oneof(fc.integer(), fc.string(), fc.boolean())), fc.string({ minLength: 1 }), (value, key) => {
      const changed = { ...value, [key]: Object.prototype.hasOwnProperty.call(value, key) ? [value[key]] : 'added' };
      return !sameJson(value, changed);
    }),
  );
});
