/**
 * safeDisplayName returns a printable-ASCII name with single inner spaces as it is, without the character-by-character
 * pass. Property: that shortcut gives what the full pass gives — a zero-width space (a format character, which the
 * full pass drops) appended to the name forces the full pass on the same name.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { test } from 'vitest';
import { DISPLAY_NAME_MAX, safeDisplayName } from '../../../core/index.js';

const ZERO_WIDTH_SPACE = '\u200b';
const asciiName = fc.string({ unit: fc.constantFrom(' ', 'a', 'Z', '-', "'", '.', '~', '\t', '\u007f', 'ễ', '\u0301'), maxLength: DISPLAY_NAME_MAX + 3 });

test('safeDisplayName (property): the ASCII shortcut agrees with the full pass', () => {
  fc.assert(
    fc.property(fc.oneof(asciiName, fc.string({ maxLength: DISPLAY_NAME_MAX + 3 })), (name) => {
      assert.equal(safeDisplayName(name), safeDisplayName(name + ZERO_WIDTH_SPACE), JSON.stringify(name));
    }),
    { numRuns: 3000 },
  );
  assert.equal(safeDisplayName('Erika Mustermann'), 'Erika Mustermann');
  assert.equal(safeDisplayName(' Erika  Mustermann '), 'Erika Mustermann');
  assert.equal(safeDisplayName('E'.repeat(DISPLAY_NAME_MAX + 1)), `${'E'.repeat(DISPLAY_NAME_MAX - 1)}…`);
});
