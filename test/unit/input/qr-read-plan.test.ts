/** The one QR decode chain (core/input/qr-read-plan.ts): order of the passes, stop at the first read, and the camera's cycle. */
import assert from 'node:assert/strict';
import { test } from 'vitest';
import { nextFrameBinarizer, QR_BINARIZER_CHAIN, qrReadOptions, readQrWithChain, type QrBinarizer, type QrReadOptions } from '../../../core/input/qr-read-plan.js';

/** A reader that finds a valid code only with the given binarizers, recording every pass it was asked for. */
function fakeReader(readsWith: readonly QrBinarizer[]) {
  const asked: QrReadOptions[] = [];
  const read = (options: QrReadOptions) => {
    asked.push(options);
    return Promise.resolve(readsWith.includes(options.binarizer) ? [{ isValid: true, text: 'KBYT1:X' }] : [{ isValid: false, text: '' }]);
  };
  return { asked, read };
}

test('every pass reads QR codes only, tries harder and keeps the payload as encoded (text mode Plain)', () => {
  assert.deepEqual(qrReadOptions('GlobalHistogram', 4), { formats: ['QRCode'], tryHarder: true, textMode: 'Plain', binarizer: 'GlobalHistogram', maxNumberOfSymbols: 4, returnErrors: false });
  assert.deepEqual(QR_BINARIZER_CHAIN, ['LocalAverage', 'GlobalHistogram', 'FixedThreshold']);
});

test('an image: LocalAverage first, the fallbacks only after a miss, stopping at the first valid read', async () => {
  const first = fakeReader(['LocalAverage', 'GlobalHistogram']);
  const a = await readQrWithChain(first.read, 1);
  assert.deepEqual([a.foundWith, a.passes, first.asked.map((o) => o.binarizer)], ['LocalAverage', 1, ['LocalAverage']]);

  const last = fakeReader(['FixedThreshold']);
  const b = await readQrWithChain(last.read, 2, true);
  assert.deepEqual([b.foundWith, b.passes, last.asked.map((o) => o.binarizer)], ['FixedThreshold', 3, [...QR_BINARIZER_CHAIN]]);
  assert.ok(last.asked.every((o) => o.maxNumberOfSymbols === 2 && o.returnErrors));

  const none = fakeReader([]);
  const c = await readQrWithChain(none.read, 1);
  assert.deepEqual([c.foundWith, c.passes, c.results], [undefined, 3, [{ isValid: false, text: '' }]], 'a located-but-unreadable code is not a read');
});

test('a camera: one pass per frame, the next binarizer after a miss, back to LocalAverage after a read', () => {
  let b: QrBinarizer = 'LocalAverage';
  const seen: QrBinarizer[] = [];
  for (let frame = 0; frame < 7; frame++) {
    seen.push(b);
    b = nextFrameBinarizer(b, false);
  }
  assert.deepEqual(seen, ['LocalAverage', 'GlobalHistogram', 'FixedThreshold', 'LocalAverage', 'GlobalHistogram', 'FixedThreshold', 'LocalAverage']);
  for (const current of QR_BINARIZER_CHAIN) assert.equal(nextFrameBinarizer(current, true), 'LocalAverage');
});
