import assert from 'node:assert/strict';
import { test } from 'vitest';
import fc from 'fast-check';
import { Base45Error, base45Decode, base45Encode } from '../../../core/base45.js';

// RFC 9285 §4.3 examples.
const RFC_EXAMPLES: [string, string][] = [
  ['AB', 'BB8'],
  ['Hello!!', '%69 VD92EX0'],
  ['base-45', 'UJCLQE7W581'],
  ['ietf!', 'QED8WEX0'],
];

test('base45 encodes and decodes the RFC 9285 examples', () => {
  for (const [plain, encoded] of RFC_EXAMPLES) {
    assert.equal(base45Encode(new TextEncoder().encode(plain)), encoded);
    assert.equal(new TextDecoder().decode(base45Decode(encoded)), plain);
  }
});

test('base45 round-trips any byte string (property)', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
      assert.deepEqual(base45Decode(base45Encode(bytes)), bytes);
    }),
    { numRuns: 2000 },
  );
});

test('base45 output uses only the QR alphanumeric set', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => /^[0-9A-Z $%*+\-./:]*$/.test(base45Encode(bytes))),
  );
});

test('base45 rejects bad lengths, characters and out-of-range groups', () => {
  assert.throws(() => base45Decode('A'), Base45Error);
  assert.throws(() => base45Decode('ab8'), Base45Error); // lower case is not in the set
  assert.throws(() => base45Decode('GGW'), Base45Error); // 16 + 16*45 + 44*2025 = 89836 > 65535
  assert.throws(() => base45Decode(':;'), Base45Error);
  assert.throws(() => base45Decode('::'), Base45Error); // 44 + 44*45 = 2024 > 255
  assert.deepEqual(base45Decode(''), new Uint8Array(0));
});
