import assert from 'node:assert/strict';
import { test } from 'vitest';
import fc from 'fast-check';
import { encode } from 'cborg';
import { sigStructure } from '../../../core/cose.js';

const reference = (protectedBytes: Uint8Array, payload: Uint8Array, aad: Uint8Array) => encode(['Signature1', protectedBytes, aad, payload]);

test('Sig_structure is byte for byte what a CBOR encoder writes for ["Signature1", protected, aad, payload]', () => {
  // Every length class of a byte string head: < 24 (1 byte), < 256 (2), < 65,536 (3), above (5).
  for (const length of [0, 1, 23, 24, 255, 256, 65_535, 65_536, 70_000]) {
    const bytes = Uint8Array.from({ length }, (_, i) => (i * 7) & 0xff);
    const small = new Uint8Array([0xa1, 0x01, 0x26]);
    assert.deepEqual(sigStructure(small, bytes), reference(small, bytes, new Uint8Array(0)));
    assert.deepEqual(sigStructure(bytes, small, bytes), reference(bytes, small, bytes));
  }
});

test('Sig_structure matches the CBOR encoder for any parts', () => {
  const part = fc.uint8Array({ maxLength: 600 });
  fc.assert(fc.property(part, part, part, (p, payload, aad) => assert.deepEqual(sigStructure(p, payload, aad), reference(p, payload, aad))));
});
