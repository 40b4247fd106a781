/**
 * dateTimeMs reads RFC 3339 date-times character by character; the regular expression it replaced is the oracle here:
 * on date-times, on near-misses made from them and on arbitrary text both give the same instant or both refuse.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { test } from 'vitest';
import { dateTimeMs } from '../../../core/index.js';

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|([+-])(\d{2}):(\d{2}))$/;

function oracle(text: string): number | undefined {
  const m = DATE_TIME.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i])) as [number, number, number, number, number, number];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  if (month < 1 || month > 12 || day < 1 || day > days || hour > 23 || minute > 59 || second > 60) return undefined;
  const offset = m[9] ? (Number(m[10]) > 23 || Number(m[11]) > 59 ? NaN : (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11]))) : 0;
  if (Number.isNaN(offset)) return undefined;
  const fraction = m[7] ? Math.floor(Number(`0${m[7]}`) * 1000) : 0;
  return Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), fraction) - offset * 60_000;
}

const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
const dateTime = fc
  .tuple(fc.integer({ min: 0, max: 9999 }), two(13), two(32), fc.constantFrom('T', 't', ' '), two(25), two(61), two(61), fc.option(fc.stringMatching(/^\.\d{0,4}$/)), fc.constantFrom('Z', 'z', '+02:00', '-23:59', '+24:00', '-00:60', '', '+0200'))
  .map(([y, mo, d, t, h, mi, s, fr, zone]) => `${String(y).padStart(4, '0')}-${mo}-${d}${t}${h}:${mi}:${s}${fr ?? ''}${zone}`);
const nearMiss = fc.tuple(dateTime, fc.nat(), fc.constantFrom('', '0', '-', ':', 'T', '.', 'Z', '١')).map(([text, at, insert]) => {
  const i = at % (text.length + 1);
  return text.slice(0, i) + insert + text.slice(i + 1);
});

test('dateTimeMs (property): the same instant as the RFC 3339 regular expression, or the same refusal', () => {
  fc.assert(
    fc.property(fc.oneof(dateTime, nearMiss, fc.string({ maxLength: 30 })), (text) => {
      assert.equal(dateTimeMs(text), oracle(text), JSON.stringify(text));
    }),
    { numRuns: 5000 },
  );
  assert.equal(dateTimeMs('2021-05-30T10:12:22.5+02:00'), Date.parse('2021-05-30T08:12:22.500Z'));
  assert.equal(dateTimeMs('2020-02-29T23:59:60Z'), Date.parse('2020-02-29T23:59:59Z'));
  assert.equal(dateTimeMs('2021-02-29T00:00:00Z'), undefined);
});
