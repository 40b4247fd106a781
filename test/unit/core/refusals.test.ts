/**
 * The refusal registry (core/refusals.ts): every code has a Vietnamese and an English message and a next step, and
 * every code the host can send the screen — thrown as GateUnavailableError / ContractError / SyncError, handed to
 * enrolmentError, or written as `code: '…'` in main/ — is registered, so the screen never falls back to a generic
 * text for a refusal the host knows about. (tsc already refuses an unregistered literal where the type is RefusalCode;
 * the scan also catches codes that reach the contract through a plain string.)
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'vitest';
import { REFUSAL_TEXTS, RefusalCode, isRefusalCode, refusalLine, refusalText } from '../../../core/refusals.js';
import { REFUSAL_TEXTS_DURING_ENROLMENT } from '../../../core/refusal-texts.js';
import type { GateError } from '../../../core/index.js';
import { GateUnavailableError } from '../../../main/gate/gate-unavailable-error.js';
import { ContractError } from '../../../main/host/contract-error.js';
import { ROOT } from '../../support/paths.js';

const VIETNAMESE_LETTER = /[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]/i;
const codes = Object.values(RefusalCode);

test('every refusal code has a Vietnamese and an English message and next step', () => {
  assert.equal(Object.keys(REFUSAL_TEXTS).length, codes.length, 'no text without a code, no code without a text');
  assert.equal(new Set(codes).size, codes.length, 'no code listed twice');
  for (const code of codes) {
    for (const context of [undefined, 'enrolment'] as const) {
      for (const lang of ['vi', 'en'] as const) {
        const { message, next } = refusalText(code, lang, context);
        assert.ok(message.trim().length >= 8, `${code} ${lang} message`);
        assert.ok(next.trim().length >= 8, `${code} ${lang} next step`);
        assert.equal(message, message.normalize('NFC'));
        assert.equal(next, next.normalize('NFC'));
      }
      const vi = refusalText(code, 'vi', context);
      const en = refusalText(code, 'en', context);
      assert.match(vi.message + vi.next, VIETNAMESE_LETTER, `${code}: Vietnamese text has diacritics`);
      assert.doesNotMatch(en.message + en.next, VIETNAMESE_LETTER, `${code}: English text is English`);
      assert.notEqual(vi.message, en.message);
    }
  }
  for (const code of Object.keys(REFUSAL_TEXTS_DURING_ENROLMENT)) assert.ok(isRefusalCode(code), `enrolment wording for unregistered ${code}`);
});

test('an unknown code (a host of another version) still gets words that say what to do; a line is message then next', () => {
  assert.ok(!isRefusalCode('NO_SUCH_CODE'));
  assert.ok(!isRefusalCode('toString'), 'prototype names are not codes');
  assert.deepEqual(refusalText('NO_SUCH_CODE', 'vi'), refusalText('INTERNAL', 'vi'));
  assert.match(refusalText('NO_SUCH_CODE', 'en').next, /tell IT/);
  assert.equal(refusalLine('HUB_UNREACHABLE', 'vi'), 'Không kết nối được máy chủ. Lượt quét vẫn được lưu tại máy; kiểm tra mạng.');
  assert.match(refusalLine('HUB_UNREACHABLE', 'en', 'enrolment'), /then try again\.$/, 'during enrolment: check and retry');
  assert.equal(refusalText('BAD_PIN', 'vi', 'enrolment'), refusalText('BAD_PIN', 'vi'), 'no enrolment wording: the general one');
});

test('a code outside the registry does not compile where the contract carries one', () => {
  // Each @ts-expect-error fails tsc the day the type widens back to string.
  // @ts-expect-error — a typo
  const typo: GateError = { code: 'OVERRIDE_TOO_LAET', message: 'x' };
  // @ts-expect-error — not registered
  const thrown = new GateUnavailableError('NOT_A_REFUSAL', 'x');
  // @ts-expect-error — not registered
  const refused = new ContractError('NOT_A_REFUSAL', 'x');
  for (const code of [typo.code, thrown.code, refused.code]) assert.ok(!isRefusalCode(code));
  assert.equal(new GateUnavailableError('OVERRIDE_TOO_LATE', 'x').code, RefusalCode.OverrideTooLate);
});

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : name.endsWith('.ts') ? [path] : [];
  });
}

/** Codes main/ hands to the screen: refusal constructors, enrolmentError('…'), and `code: '…'` literals. */
const THROWN = [/new (?:GateUnavailableError|ContractError|SyncError)\(\s*'([A-Z][A-Z0-9_]+)'/g, /enrolmentError\(\s*'([A-Z][A-Z0-9_]+)'/g, /\bcode: '([A-Z][A-Z0-9_]+)'/g];

test('every code main/ throws or sends is registered', () => {
  const found = new Map<string, string>();
  for (const path of sources(join(ROOT, 'main'))) {
    const lines = readFileSync(path, 'utf8').split('\n');
    lines.forEach((line, i) => {
      // A Node-style error's own code (e.g. the doctor's SQLITE_CORRUPT) is not a refusal.
      if (/new Error\(/.test(line)) return;
      for (const pattern of THROWN) for (const match of line.matchAll(pattern)) found.set(match[1]!, `${relative(ROOT, path)}:${i + 1}`);
    });
  }
  assert.ok(found.size >= 40, `the scan finds the codes (${found.size}): ${[...found.keys()].join(', ')}`);
  for (const code of ['REGISTER_WRITE_FAILED', 'OVERRIDE_TOO_LATE', 'BAD_PIN', 'UNKNOWN_METHOD', 'HUB_UNREACHABLE', 'ENROLMENT_TOKEN_MALFORMED']) assert.ok(found.has(code), code);
  const unregistered = [...found].filter(([code]) => !isRefusalCode(code)).map(([code, where]) => `${code} (${where})`);
  assert.deepEqual(unregistered, []);
});
