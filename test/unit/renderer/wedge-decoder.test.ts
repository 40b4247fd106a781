import assert from 'node:assert/strict';
import { test } from 'vitest';
import fc from 'fast-check';
import { BASE45_CHARSET } from '../../../core/index.js';
import { keystrokeFor, US_KEYMAP } from '../../../renderer/wedge/us-keymap.js';
import { WedgeDecoder, type WedgeKeyEvent } from '../../../renderer/wedge/wedge-decoder.js';

/** Key events as a US-layout scanner produces them for `text`, `gapMs` apart, followed by Enter. */
function scannerEvents(text: string, start = 1000, gapMs = 3): WedgeKeyEvent[] {
  const events: WedgeKeyEvent[] = [];
  let t = start;
  for (const char of text) {
    const stroke = keystrokeFor(char);
    if (!stroke) throw new Error(`no US key for ${char}`);
    if (stroke.shift) events.push({ code: 'ShiftLeft', shiftKey: true, timeStamp: t });
    events.push({ code: stroke.code, shiftKey: stroke.shift, timeStamp: (t += gapMs) });
  }
  events.push({ code: 'Enter', shiftKey: false, timeStamp: t + gapMs });
  return events;
}

function decodeAll(events: WedgeKeyEvent[], options = {}): string[] {
  const out: string[] = [];
  const decoder = new WedgeDecoder((p) => out.push(p), options);
  for (const e of events) decoder.feed(e);
  return out;
}

test('decodes a declaration token typed by a scanner, including the base45 punctuation', () => {
  const token = 'KBYT1:6BF-WHF0 $%*+-./:AB12';
  assert.deepEqual(decodeAll(scannerEvents(token)), [token]);
});

test('every printable ASCII character round-trips through the US table (property)', () => {
  const printable = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
  fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...printable), minLength: 1, maxLength: 300 }), (text) => {
    assert.deepEqual(decodeAll(scannerEvents(text)), [text]);
  }));
  for (const c of BASE45_CHARSET) assert.ok(keystrokeFor(c), c);
});

test('the OS layout does not matter: only event.code and Shift are read', () => {
  // What a French AZERTY machine reports as event.key is irrelevant; codes are physical positions.
  const events = scannerEvents('QA1').map((e) => ({ ...e, key: 'ignored' }));
  assert.deepEqual(decodeAll(events), ['QA1']);
});

test('a slow scanner (80 ms between keys) still reads as one payload; a pause beyond the gap starts anew', () => {
  assert.deepEqual(decodeAll(scannerEvents('SLOW-SCAN', 0, 80)), ['SLOW-SCAN']);
  const stray: WedgeKeyEvent[] = [{ code: 'KeyX', shiftKey: false, timeStamp: 0 }];
  assert.deepEqual(decodeAll([...stray, ...scannerEvents('ABC', 5000)]), ['ABC']);
});

test('a lone Enter or Tab (a person operating the screen) is not a scan and is not consumed', () => {
  const out: string[] = [];
  const decoder = new WedgeDecoder((p) => out.push(p));
  assert.equal(decoder.feed({ code: 'Enter', shiftKey: false, timeStamp: 0 }), false);
  assert.equal(decoder.feed({ code: 'Tab', shiftKey: false, timeStamp: 500 }), false);
  assert.deepEqual(out, []);
});

test('operating keys and shortcuts end a partial read instead of joining it', () => {
  const events: WedgeKeyEvent[] = [
    { code: 'KeyA', shiftKey: false, timeStamp: 0 },
    { code: 'ArrowDown', shiftKey: false, timeStamp: 5 },
    { code: 'KeyB', shiftKey: false, timeStamp: 10 },
    { code: 'KeyC', shiftKey: false, ctrlKey: true, timeStamp: 15 },
    { code: 'KeyD', shiftKey: false, timeStamp: 20 },
    { code: 'Enter', shiftKey: false, timeStamp: 25 },
  ];
  assert.deepEqual(decodeAll(events), ['d']);
});

test('keys outside the table become U+FFFD so core refuses the read with a reason', () => {
  const events: WedgeKeyEvent[] = [
    { code: 'KeyA', shiftKey: false, timeStamp: 0 },
    { code: 'IntlRo', shiftKey: false, timeStamp: 5 },
    { code: 'NumpadEnter', shiftKey: false, timeStamp: 10 },
  ];
  assert.deepEqual(decodeAll(events), ['a\ufffd']);
});

test('configured prefix and suffix are stripped', () => {
  assert.deepEqual(decodeAll(scannerEvents('[[KBYT1:AB]]'), { prefix: '[[', suffix: ']]' }), ['KBYT1:AB']);
});

test('the table covers letters, digits and the numpad', () => {
  assert.deepEqual(US_KEYMAP.KeyZ, ['z', 'Z']);
  assert.deepEqual(US_KEYMAP.Digit4, ['4', '$']);
  assert.deepEqual(US_KEYMAP.Numpad7, ['7', '7']);
  assert.deepEqual(keystrokeFor('%'), { code: 'Digit5', shift: true });
});
