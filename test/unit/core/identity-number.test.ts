/**
 * core's one normal form of an ID number (issue 15): every spelling people and scanners produce gives the same number
 * (so the same HMAC); what could never have been recorded is refused with its reason.
 */
import assert from 'node:assert/strict';
import { it } from 'vitest';
import { canonicalIdNumber, checkIdNumber, ID_NUMBER_PROBLEM_TEXT } from '../../../core/index.js';

it('spaces, no-break spaces, dots, dashes and surrounding blanks give one number; letters are upper-cased', () => {
  for (const typed of ['001190012345', ' 001190012345 ', '001 190 012 345', '001.190.012.345', '001-190-012-345', '\t001\u00a0190\u2009012345\n', '００１１９００１２３４５']) {
    assert.deepEqual(checkIdNumber(typed), { ok: true, idNumber: '001190012345' }, JSON.stringify(typed));
  }
  assert.equal(canonicalIdNumber(' b 1234567 '), 'B1234567');
  assert.deepEqual(checkIdNumber('012.345.678'), { ok: true, idNumber: '012345678' }, 'old CMND, 9 digits');
  assert.deepEqual(checkIdNumber('c1234567'), { ok: true, idNumber: 'C1234567' }, 'a passport');
});

it('refuses what could never match an entry, each with its reason in Vietnamese and English', () => {
  assert.deepEqual(checkIdNumber('   '), { ok: false, problem: 'id-empty' });
  assert.deepEqual(checkIdNumber('001190012345; DROP'), { ok: false, problem: 'id-not-alphanumeric' });
  assert.deepEqual(checkIdNumber('0011900123'), { ok: false, problem: 'id-format' }, '10 digits');
  assert.deepEqual(checkIdNumber('1234567890123'), { ok: false, problem: 'id-format' }, '13 digits');
  assert.deepEqual(checkIdNumber('AB12'), { ok: false, problem: 'id-format' }, 'too short for a passport');
  for (const text of Object.values(ID_NUMBER_PROBLEM_TEXT)) assert.ok(text.vi.length > 10 && text.en.length > 10);
});
