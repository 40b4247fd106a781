/**
 * Properties of the CCCD QR parser: every valid record round-trips (also after the scanner damage the parser
 * repairs), and corrupted field counts, dates and numbers are refused — never misread as another person.
 */
import assert from 'node:assert/strict';
import { test } from 'vitest';
import fc from 'fast-check';
import { CCCD_FIELD_COUNT, classifyPayload, formatCccdQr, parseCccdQr, type CccdRecord } from '../../../core/index.js';
import { calendarDay, cccdRecord } from './vietnamese-arbitraries.js';

const RUNS = { numRuns: 300 };
const latin1 = (text: string) => Buffer.from(text, 'utf8').toString('latin1');
const windows1252 = (text: string) => new TextDecoder('windows-1252').decode(Buffer.from(text, 'utf8'));

function parsed(payload: string): CccdRecord {
  const result = parseCccdQr(payload);
  if (!result.ok) assert.fail(`refused ${JSON.stringify(payload)}: ${result.detail}`);
  return result.value;
}

test('every valid CCCD record round-trips through its QR text, and is classified as a CCCD', () => {
  fc.assert(
    fc.property(cccdRecord, (record) => {
      const qr = formatCccdQr(record);
      assert.equal(classifyPayload(qr), 'cccd');
      assert.deepEqual(parsed(qr), record);
    }),
    RUNS,
  );
});

test('the same record is read back from Latin-1 or Windows-1252 mojibake and from decomposed (NFD) text', () => {
  fc.assert(
    fc.property(cccdRecord, (record) => {
      const qr = formatCccdQr(record);
      assert.deepEqual(parsed(latin1(qr)), record);
      assert.deepEqual(parsed(windows1252(qr)), record);
      assert.deepEqual(parsed(qr.normalize('NFD')), record);
      assert.equal(classifyPayload(latin1(qr)), 'cccd', 'the ASCII start survives mojibake');
    }),
    RUNS,
  );
});

test('a QR with a field too many or too few is refused', () => {
  fc.assert(
    fc.property(cccdRecord, fc.integer({ min: 1, max: 14 }).filter((n) => n !== CCCD_FIELD_COUNT), (record, count) => {
      const fields = formatCccdQr(record).split('|');
      const changed = count < fields.length ? fields.slice(0, count) : [...fields, ...Array.from({ length: count - fields.length }, () => 'x')];
      const result = parseCccdQr(changed.join('|'));
      assert.equal(result.ok, false);
      if (!result.ok) assert.match(result.detail, /fields/);
    }),
    RUNS,
  );
});

/** Text that is not a real DDMMYYYY date: impossible days and months, non-leap 29 Februaries, wrong lengths, letters. */
const badDate = fc.oneof(
  fc.record({ d: fc.integer({ min: 32, max: 99 }), m: fc.integer({ min: 1, max: 12 }), y: fc.integer({ min: 1900, max: 2099 }) }),
  fc.record({ d: fc.constant(0), m: fc.integer({ min: 1, max: 12 }), y: fc.integer({ min: 1900, max: 2099 }) }),
  fc.record({ d: fc.integer({ min: 1, max: 28 }), m: fc.constantFrom(0, 13, 20, 99), y: fc.integer({ min: 1900, max: 2099 }) }),
  fc.record({ d: fc.constant(31), m: fc.constantFrom(4, 6, 9, 11), y: fc.integer({ min: 1900, max: 2099 }) }),
  fc.record({ d: fc.constant(29), m: fc.constant(2), y: fc.integer({ min: 1900, max: 2099 }).filter((y) => y % 4 !== 0 || (y % 100 === 0 && y % 400 !== 0)) }),
  fc.record({ d: fc.integer({ min: 1, max: 28 }), m: fc.integer({ min: 1, max: 12 }), y: fc.oneof(fc.integer({ min: 1000, max: 1899 }), fc.integer({ min: 2100, max: 9999 })) }),
).map(({ d, m, y }) => `${String(d).padStart(2, '0')}${String(m).padStart(2, '0')}${y}`);
const malformedDate = fc.oneof(badDate, fc.constantFrom('1508199', '150819990', '15-08-1999', '15/08/99', 'ddmmyyyy', ''));

test('a corrupted date of birth or of issue is refused', () => {
  fc.assert(
    fc.property(cccdRecord, malformedDate, fc.constantFrom(3, 6), (record, date, index) => {
      const fields = formatCccdQr(record).split('|');
      fields[index] = date;
      assert.equal(parseCccdQr(fields.join('|')).ok, false, fields.join('|'));
    }),
    RUNS,
  );
});

test('every real date from 1900 to 2099 is accepted as a date of birth (29 February of leap years included)', () => {
  fc.assert(
    fc.property(cccdRecord, calendarDay, (record, day) => {
      const withBirth = { ...record, birthDate: day, issueDate: { year: 2099, month: 12, day: 31 } };
      assert.deepEqual(parsed(formatCccdQr(withBirth)).birthDate, day);
    }),
    RUNS,
  );
});

test('a corrupted CCCD or old CMND number is refused', () => {
  const notTwelveDigits = fc.oneof(fc.stringMatching(/^\d{1,11}$/), fc.stringMatching(/^\d{13,16}$/), fc.stringMatching(/^\d{5}[A-Za-z ]\d{6}$/));
  const notNineDigits = fc.oneof(fc.stringMatching(/^\d{1,8}$/), fc.stringMatching(/^\d{10,12}$/), fc.stringMatching(/^\d{4}[A-Za-z]\d{4}$/));
  fc.assert(
    fc.property(cccdRecord, notTwelveDigits, notNineDigits, fc.boolean(), (record, id, oldId, which) => {
      const fields = formatCccdQr(record).split('|');
      if (which) fields[0] = id;
      else fields[1] = oldId;
      assert.equal(parseCccdQr(fields.join('|')).ok, false, fields.join('|'));
    }),
    RUNS,
  );
});
