/**
 * The pure parts of the admin analysis: the diacritic-free name key (and its LIKE pattern), CSV quoting with the
 * BOM and formula neutralising, and how passages pair into visits for contact tracing.
 */
import assert from 'node:assert/strict';
import { it } from 'vitest';
import { csvOf } from '../../../hub/admin-web/export-files.js';
import { MAX_STAY_MS, visitsFromPassages } from '../../../hub/service/contact-tracing.js';
import type { Passage } from '../../../hub/storage/entry-analytics.js';
import { nameContainsPattern, nameKey } from '../../../hub/storage/name-key.js';

it('name keys drop Vietnamese diacritics, đ and case; LIKE metacharacters are escaped', () => {
  assert.equal(nameKey('  Nguyễn   Thị ÁNH '), 'nguyen thi anh');
  assert.equal(nameKey('ĐẶNG Đức Cường'), 'dang duc cuong');
  assert.equal(nameKey('Nguyễn'.normalize('NFD')), 'nguyen', 'decomposed input gives the same key');
  assert.equal(nameContainsPattern('50%_x\\'), '%50\\%\\_x\\\\%');
});

it('CSV: BOM, CRLF, quotes doubled, commas and newlines quoted, formulas neutralised', () => {
  const csv = csvOf([{ title: 't', columns: ['Họ tên', 'n'], rows: [['Lê "Bé", Ba', 1], ['=HYPERLINK("x")', null], ['dòng\nhai', -2]] }]);
  assert.deepEqual([...csv.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  assert.equal(csv.subarray(3).toString('utf8'), 'Họ tên,n\r\n"Lê ""Bé"", Ba",1\r\n"\'=HYPERLINK(""x"")",\r\n"dòng\nhai",-2\r\n');
});

const HOUR = 3_600_000;
const passage = (receiptId: number, direction: 'in' | 'out', eventTime: number, subjectHmac: string | null = 'a'): Passage => ({
  receiptId, checkpointId: 'cp', subjectHmac, displayName: subjectHmac ?? 'giấy', direction, eventTime,
});

it('pairs in → out into visits; an exit beyond the longest stay, a repeated entry and a lone exit stay single passages', () => {
  const visits = visitsFromPassages([
    passage(1, 'in', 1 * HOUR),
    passage(2, 'out', 2 * HOUR),
    passage(3, 'in', 3 * HOUR),
    passage(4, 'in', 4 * HOUR),
    passage(5, 'out', 4 * HOUR + MAX_STAY_MS + 1),
    passage(6, 'in', 5 * HOUR, null),
    passage(7, 'in', 5 * HOUR, null),
  ]);
  const shape = visits.map((v) => [v.subjectHmac, v.enteredAt && v.enteredAt / HOUR, v.leftAt && Math.round(v.leftAt / HOUR)]);
  assert.deepEqual(shape, [
    ['a', 1, 2],
    ['a', 3, null],
    ['a', 4, null],
    [null, 5, null],
    [null, 5, null],
    ['a', null, 16],
  ]);
});
