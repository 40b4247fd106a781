/**
 * Names made safe for display (core/display-name.ts) with hostile names — one letter plus 98 combining marks, a
 * right-to-left override, NUL, a megabyte — through the one function, through the hub's declaration form (which
 * refuses them with a sentence beside the field) and through a terminal decision on a signed token that carries one.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { test } from 'vitest';
import { decide, DISPLAY_NAME_MAX, MAX_MARKS_PER_BASE, safeDisplayName } from '../../../core/index.js';
import { parseDeclarationForm } from '../../../hub/declare/declaration-form.js';
import { testContext } from '../../support/decision-context.js';
import { validToken } from '../../support/tokens.js';

const ZALGO = 'Z' + '\u0301\u0300\u0302\u0303'.repeat(25).slice(0, 98);
const RTL = 'Nguyễn \u202Enạv\u202C An';
const HOSTILE = [ZALGO, RTL, 'Lê\u0000Văn\u0007Tám', 'A'.repeat(1 << 20), '\u2066Trần\u2069\u200B Thị\uFEFF Bình', '\u0301\u0301Đỗ', 'Hà\u2028Nội\r\n\tTrang'];

/** Most combining marks after any one base character. */
function maxMarks(name: string): number {
  let most = 0;
  let run = 0;
  for (const ch of name) {
    run = /\p{M}/u.test(ch) ? run + 1 : 0;
    most = Math.max(most, run);
  }
  return most;
}

test('safeDisplayName: NFC, marks capped per character, controls and bidi gone, length capped', () => {
  assert.equal([...ZALGO].length, 99);
  const zalgo = safeDisplayName(ZALGO);
  assert.ok(zalgo.startsWith('Ź') && maxMarks(zalgo) <= MAX_MARKS_PER_BASE, JSON.stringify(zalgo));
  assert.equal(safeDisplayName(RTL), 'Nguyễn nạv An');
  assert.equal(safeDisplayName('Lê\u0000Văn\u0007Tám'), 'Lê Văn Tám');
  assert.equal(safeDisplayName('\u2066Trần\u2069\u200B Thị\uFEFF Bình'), 'Trần Thị Bình');
  assert.equal(safeDisplayName('\u0301\u0301Đỗ'), 'Đỗ', 'marks before any letter');
  assert.equal(safeDisplayName('Hà\u2028Nội\r\n\tTrang'), 'Hà Nội Trang');
  const huge = safeDisplayName('A'.repeat(1 << 20));
  assert.equal([...huge].length, DISPLAY_NAME_MAX);
  assert.ok(huge.endsWith('…'));
  // Vietnamese typed decomposed (NFD) comes out precomposed and otherwise unchanged; so do ordinary names.
  assert.equal(safeDisplayName('Nguyễn Thị Ánh Tuyết'.normalize('NFD')), 'Nguyễn Thị Ánh Tuyết');
  for (const name of ['Lê Văn Tám', "O'Brien", 'Søren Kierkegaard', 'สมชาย ใจดี', 'محمد علي', 'A'.repeat(DISPLAY_NAME_MAX)]) {
    assert.equal(safeDisplayName(name), name, name);
  }
  assert.equal(safeDisplayName(undefined), '');
  assert.equal(safeDisplayName('\u202E\u0000 '), '');
  for (const name of HOSTILE) {
    const safe = safeDisplayName(name);
    assert.equal(safe, safe.normalize('NFC'));
    assert.doesNotMatch(safe, /[\p{Cc}\p{Cf}\u2028\u2029]/u);
    assert.ok([...safe].length <= DISPLAY_NAME_MAX && maxMarks(safe) <= MAX_MARKS_PER_BASE);
    assert.equal(safeDisplayName(safe), safe, 'idempotent');
  }
});

test('hub declaration form: every hostile name is refused beside the name field, in Vietnamese and English', () => {
  const form = { birthYear: '1990', idKind: 'cccd', idNumber: '001190012345', phone: '0912345678', symptoms: 'no', contact: 'no', travel: 'no' };
  for (const fullName of HOSTILE.filter((n) => !n.includes('\r\n'))) {
    const parsed = parseDeclarationForm({ ...form, fullName }, 2021);
    assert.ok(!parsed.ok, JSON.stringify(fullName.slice(0, 40)));
    assert.deepEqual(
      parsed.problems.map((p) => p.field),
      ['fullName'],
    );
    assert.match(parsed.problems[0]!.vi, /Họ và tên/);
  }
  const zalgo = parseDeclarationForm({ ...form, fullName: ZALGO }, 2021);
  assert.ok(!zalgo.ok && /quá nhiều dấu/.test(zalgo.problems[0]!.vi) && /too many accents/.test(zalgo.problems[0]!.en));
  const spaces = parseDeclarationForm({ ...form, fullName: 'Hà\u2028Nội\r\n\tTrang' }, 2021);
  assert.ok(spaces.ok && spaces.form.fullName === 'Hà Nội Trang', 'line breaks and tabs are only white space');
  const ok = parseDeclarationForm({ ...form, fullName: 'Nguyễn Thị Ánh Tuyết'.normalize('NFD') }, 2021);
  assert.ok(ok.ok && ok.form.fullName === 'Nguyễn Thị Ánh Tuyết');
});

test('terminal: a validly signed token carrying a hostile name is decided, and the name shown is the safe one', () => {
  const now = Date.now();
  for (const name of [ZALGO, RTL, 'Lê\u0000Văn Tám']) {
    const decision = decide({ source: 'simulated', payload: validToken({ name, now }), wallTime: now, monoTime: 0 }, testContext(now));
    assert.equal(decision.outcome, 'admit');
    assert.equal(decision.person.displayName, safeDisplayName(name));
  }
});

// Printable-ASCII names with single inner spaces are returned as they are, without the character-by-character pass.
// A zero-width space (a format character, which the full pass drops) appended to a name forces the full pass on it.
test('safeDisplayName (property): the printable-ASCII shortcut agrees with the full pass', () => {
  const name = fc.string({ unit: fc.constantFrom(' ', 'a', 'Z', '-', "'", '.', '~', '\t', '\u007f', 'ễ', '\u0301'), maxLength: DISPLAY_NAME_MAX + 3 });
  fc.assert(
    fc.property(fc.oneof(name, fc.string({ maxLength: DISPLAY_NAME_MAX + 3 })), (text) => {
      assert.equal(safeDisplayName(text), safeDisplayName(`${text}\u200b`), JSON.stringify(text));
    }),
    { numRuns: 3000 },
  );
  assert.equal(safeDisplayName(' Erika  Mustermann '), 'Erika Mustermann');
  assert.equal(safeDisplayName('E'.repeat(DISPLAY_NAME_MAX + 1)), `${'E'.repeat(DISPLAY_NAME_MAX - 1)}…`);
});
