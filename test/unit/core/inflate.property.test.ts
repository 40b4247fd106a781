/**
 * core/inflate.ts against node:zlib, the inflater it replaced in the host's CryptoPort: on every zlib stream node:zlib
 * makes (all levels and strategies, hence stored, fixed and dynamic blocks) the output is the same; on damaged and
 * truncated streams it refuses exactly when zlib does, with an InflateError and never anything else; the output cap
 * stops a decompression bomb without producing the bomb.
 */
import assert from 'node:assert/strict';
import { deflateSync, inflateSync } from 'node:zlib';
import fc from 'fast-check';
import { test } from 'vitest';
import { InflateError, inflateZlib } from '../../../core/index.js';

const CAP = 64 * 1024;

/** zlib's answer: the bytes, or 'refused'. */
function zlibInflate(data: Uint8Array): Uint8Array | 'refused' {
  try {
    return new Uint8Array(inflateSync(data, { maxOutputLength: CAP }));
  } catch {
    return 'refused';
  }
}

function ours(data: Uint8Array): Uint8Array | 'refused' {
  try {
    return inflateZlib(data, CAP);
  } catch (error) {
    assert.ok(error instanceof InflateError, `not an InflateError: ${String(error)}`);
    return 'refused';
  }
}

/** Data with repeats and skewed alphabets, so every kind of block and code length turns up. */
const source = fc
  .tuple(fc.integer({ min: 1, max: 256 }), fc.array(fc.tuple(fc.nat(), fc.nat(40), fc.nat(64)), { maxLength: 400 }))
  .map(([alphabet, steps]) => {
    const out: number[] = [];
    for (const [byte, back, run] of steps) {
      if (back > 0 && back <= out.length && run > 3) for (let i = 0; i < run; i++) out.push(out[out.length - back]!);
      else out.push(byte % alphabet);
    }
    return Uint8Array.from(out);
  });
const compressed = fc.tuple(source, fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 4 })).map(([bytes, level, strategy]) => new Uint8Array(deflateSync(bytes, { level, strategy })));

test('inflateZlib (property): every zlib stream inflates to what node:zlib gives', () => {
  fc.assert(
    fc.property(source, fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 4 }), (bytes, level, strategy) => {
      assert.deepEqual(inflateZlib(deflateSync(bytes, { level, strategy }), CAP), bytes);
    }),
    { numRuns: 500 },
  );
});

test('inflateZlib (property): damaged, truncated or extended streams: refused exactly when node:zlib refuses, same bytes otherwise', () => {
  const damage = fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 7 })), { minLength: 1, maxLength: 4 });
  fc.assert(
    fc.property(compressed, damage, fc.nat(), fc.uint8Array({ maxLength: 8 }), (data, flips, cut, tail) => {
      const flipped = data.slice();
      for (const [at, bit] of flips) flipped[at % flipped.length]! ^= 1 << bit;
      for (const variant of [flipped, data.subarray(0, cut % (data.length + 1)), Uint8Array.from([...data, ...tail])]) {
        assert.deepEqual(ours(variant), zlibInflate(variant));
      }
    }),
    { numRuns: 1000 },
  );
});

test('inflateZlib (property): arbitrary bytes behind a valid zlib header never crash or hang', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 600 }), (body) => {
      const data = Uint8Array.from([0x78, 0x9c, ...body]);
      assert.deepEqual(ours(data), zlibInflate(data));
    }),
    { numRuns: 2000 },
  );
});

test('inflateZlib: headers zlib refuses are refused (method, window, checksum, preset dictionary)', () => {
  const good = deflateSync(Buffer.from('DCC'));
  const headers: [number[], RegExp][] = [
    [[0x79, 0x18], /unknown compression method/], // method 9
    [[0x88, 0x1c], /invalid window size/], // 64 KiB
    [[0x78, 0x9d], /incorrect header check/],
    [[0x78, 0xbb], /preset dictionary/], // FDICT
  ];
  for (const [header, reason] of headers) {
    const data = Uint8Array.from([...header, ...good.subarray(2)]);
    assert.throws(() => inflateZlib(data, CAP), reason);
    assert.equal(zlibInflate(data), 'refused');
  }
  assert.throws(() => inflateZlib(new Uint8Array(0), CAP), InflateError);
});

test('inflateZlib: the output cap holds, however the bomb is built, and the cap itself still inflates', () => {
  for (const bomb of [Buffer.alloc(8 * 1024 * 1024), Buffer.alloc(CAP + 1, 'DCC')]) {
    for (const strategy of [0, 1, 2, 3, 4]) {
      assert.throws(() => inflateZlib(deflateSync(bomb, { level: 9, strategy }), CAP), /output exceeds 65536 bytes/);
    }
  }
  assert.equal(inflateZlib(deflateSync(Buffer.alloc(CAP, 7)), CAP).length, CAP);
  assert.throws(() => inflateZlib(deflateSync(Buffer.alloc(CAP + 1, 7)), CAP), InflateError);
  // Stored blocks are copied whole: the cap is checked before the copy.
  assert.throws(() => inflateZlib(deflateSync(Buffer.alloc(100), { level: 0 }), 99), InflateError);
});
