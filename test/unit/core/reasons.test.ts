import assert from 'node:assert/strict';
import { test } from 'vitest';
import { REASON_TEXTS, ReasonCode, isReasonCode, reasonText } from '../../../core/reasons.js';

const VIETNAMESE_LETTER = /[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]/i;

test('every reason code has a Vietnamese and an English message and next step', () => {
  const codes = Object.values(ReasonCode);
  assert.equal(Object.keys(REASON_TEXTS).length, codes.length, 'no text without a code, no code without a text');
  for (const code of codes) {
    for (const lang of ['vi', 'en'] as const) {
      const text = reasonText(code, lang);
      assert.ok(text.message.trim().length > 8, `${code} ${lang} message`);
      assert.ok(text.next.trim().length > 4, `${code} ${lang} next step`);
    }
    assert.match(reasonText(code, 'vi').message + reasonText(code, 'vi').next, VIETNAMESE_LETTER, `${code}: Vietnamese text has diacritics`);
    assert.doesNotMatch(reasonText(code, 'en').message, VIETNAMESE_LETTER, `${code}: English text is English`);
    assert.notEqual(reasonText(code, 'vi').message, reasonText(code, 'en').message);
  }
});

test('texts are NFC-normalised so they render and compare consistently', () => {
  for (const code of Object.values(ReasonCode)) {
    for (const lang of ['vi', 'en'] as const) {
      const { message, next } = reasonText(code, lang);
      assert.equal(message, message.normalize('NFC'));
      assert.equal(next, next.normalize('NFC'));
    }
  }
});

test('expired and too-old declarations tell the person to declare again and rescan (the seed rule)', () => {
  for (const code of [ReasonCode.TokenExpired, ReasonCode.DeclarationTooOld]) {
    assert.match(reasonText(code, 'vi').next, /khai báo y tế lại rồi quét lại/i);
    assert.match(reasonText(code, 'en').next, /declaration, then scan again/i);
  }
});

test('isReasonCode recognises codes only', () => {
  assert.ok(isReasonCode('TOKEN_EXPIRED'));
  assert.ok(!isReasonCode('toString'));
  assert.ok(!isReasonCode('NOPE'));
});
