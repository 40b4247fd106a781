/**
 * Properties of the scanner-damage repair (core/credentials/identity-qr/scanned-text.ts): mojibake is undone exactly,
 * decomposed text is composed, and correct text — Vietnamese or not — is never "repaired" into something else.
 */
import assert from 'node:assert/strict';
import { test } from 'vitest';
import fc from 'fast-check';
import { recoverMojibake, repairScannedText } from '../../../core/index.js';
import { vietnameseName, vietnameseText } from './vietnamese-arbitraries.js';

const RUNS = { numRuns: 500 };
const latin1 = (text: string) => Buffer.from(text, 'utf8').toString('latin1');
const windows1252 = (text: string) => new TextDecoder('windows-1252').decode(Buffer.from(text, 'utf8'));

test('the examples: Latin-1 / Windows-1252 mojibake of "Nguyễn Văn An" and its decomposed form', () => {
  assert.equal(recoverMojibake('Nguyá»…n VÄƒn An'), 'Nguyễn Văn An');
  assert.equal(recoverMojibake(latin1('Đặng Thùy Trâm')), 'Đặng Thùy Trâm');
  assert.deepEqual(repairScannedText('Nguyá»…n VÄƒn An'), { text: 'Nguyễn Văn An', repair: 'mojibake' });
  assert.deepEqual(repairScannedText('Nguyễn Văn An'.normalize('NFD')), { text: 'Nguyễn Văn An', repair: 'decomposed' });
  assert.deepEqual(repairScannedText('Nguyen Van An'), { text: 'Nguyen Van An', repair: 'none' });
});

test('any NFC Vietnamese string → UTF-8 bytes → Latin-1 string → recovered gives back the original', () => {
  fc.assert(
    fc.property(vietnameseText, (text) => {
      assert.equal(recoverMojibake(latin1(text)), text);
    }),
    RUNS,
  );
});

test('… and the same through Windows-1252, the other single-byte decoding hosts use', () => {
  fc.assert(
    fc.property(vietnameseText, (text) => {
      assert.equal(recoverMojibake(windows1252(text)), text);
      assert.equal(repairScannedText(windows1252(text)).text, text);
    }),
    RUNS,
  );
});

test('mojibake of decomposed text is repaired to NFC', () => {
  fc.assert(
    fc.property(vietnameseName, (name) => {
      assert.equal(repairScannedText(latin1(name.normalize('NFD'))).text, name);
      assert.equal(repairScannedText(name.normalize('NFD')).text, name);
    }),
    RUNS,
  );
});

test('correct Vietnamese text is left exactly as it is', () => {
  fc.assert(
    fc.property(vietnameseText, (text) => {
      assert.equal(recoverMojibake(text), text);
      assert.deepEqual(repairScannedText(text), { text, repair: 'none' });
    }),
    RUNS,
  );
});

/** Could `char` be what a Latin-1 or Windows-1252 decoder made of `byte`? */
const cp1252Decoder = new TextDecoder('windows-1252');
const decodesTo = (byte: number, char: string) => char === String.fromCharCode(byte) || char === cp1252Decoder.decode(Uint8Array.of(byte));

test('for any text, the recovery changes nothing or is the exact inverse of a single-byte misreading', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), vietnameseText.map(latin1)), (text) => {
      const out = recoverMojibake(text);
      if (out === text) return;
      const bytes = Buffer.from(out, 'utf8');
      assert.equal(bytes.length, text.length);
      bytes.forEach((byte, k) => assert.ok(decodesTo(byte, text[k]!), `byte ${byte} at ${k}`));
    }),
    RUNS,
  );
});
