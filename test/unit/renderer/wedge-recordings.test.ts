/**
 * The keyboard wedge fed key-event sequences as Chromium reports them (test/fixtures/wedge/, each file says how it was
 * made): fast and slow scanners on US, French AZERTY and German QWERTZ machines, Vietnamese through Alt + keypad, and
 * a person typing — with a Vietnamese input method, quickly by hand, or holding a key — which must not become a scan.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'vitest';
import { altCodeCharacter } from '../../../core/input/us-keyboard.js';
import { classifyBurst } from '../../../renderer/wedge/burst-classifier.js';
import { WedgeDecoder, type WedgeKeyEvent } from '../../../renderer/wedge/wedge-decoder.js';
import { ROOT } from '../../support/paths.js';

interface Recording {
  readonly source: string;
  readonly expected: readonly string[];
  /** For a person's typing: what the decoder says about it. */
  readonly human?: string;
  readonly events: readonly WedgeKeyEvent[];
}

const DIR = join(ROOT, 'test', 'fixtures', 'wedge');
const recordings = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ file: f, ...(JSON.parse(readFileSync(join(DIR, f), 'utf8')) as Recording) }));

function decode(events: readonly WedgeKeyEvent[]) {
  const payloads: string[] = [];
  const human: string[] = [];
  const decoder = new WedgeDecoder((p) => payloads.push(p), { onHumanTyping: (why) => human.push(why) });
  const consumed = events.map((e) => decoder.feed(e));
  return { payloads, human, consumed };
}

test('every recording decodes to what the scanner sent, whatever the machine layout', () => {
  assert.ok(recordings.length >= 7, `found ${recordings.length} recordings`);
  for (const r of recordings) {
    const { payloads, human } = decode(r.events);
    assert.deepEqual(payloads, r.expected, r.file);
    if (r.human) assert.match(human.join('; '), new RegExp(r.human), `${r.file}: reported as a person typing`);
    else assert.deepEqual(human, [], r.file);
  }
});

test('the layout is irrelevant: the AZERTY and QWERTZ recordings carry event.key values the decoder never reads', () => {
  const azerty = recordings.find((r) => r.file.startsWith('fr-azerty'))!;
  assert.ok(azerty.events.some((e) => e.code === 'Digit1' && e.key === '&'));
  const qwertz = recordings.find((r) => r.file.startsWith('de-qwertz'))!;
  assert.ok(qwertz.events.some((e) => e.code === 'KeyY' && e.key?.toLowerCase() === 'z'));
  assert.ok(qwertz.expected[0]!.endsWith('YZ'));
});

test('Alt + keypad: Unicode code points, and Windows-1252 with a leading zero', () => {
  assert.equal(altCodeCharacter('7871'), 'ế');
  assert.equal(altCodeCharacter('259'), 'ă');
  assert.equal(altCodeCharacter('0128'), '€');
  assert.equal(altCodeCharacter('0233'), 'é');
  assert.equal(altCodeCharacter('0129'), undefined, 'undefined in Windows-1252');
  assert.equal(altCodeCharacter('55296'), undefined, 'a lone surrogate');
  assert.equal(altCodeCharacter(''), undefined);
  // Alt with anything but keypad digits is a shortcut and ends a partial read.
  const { payloads } = decode([
    { code: 'KeyA', shiftKey: false, timeStamp: 0 },
    { code: 'Tab', shiftKey: false, altKey: true, timeStamp: 5 },
    { code: 'KeyB', shiftKey: false, timeStamp: 10 },
    { code: 'KeyC', shiftKey: false, timeStamp: 15 },
    { code: 'Enter', shiftKey: false, timeStamp: 20 },
  ]);
  assert.deepEqual(payloads, ['bc']);
});

test('burst classification: scanner pace passes up to the slow-scanner limit; typing, repeat and input methods do not', () => {
  const at = (...times: number[]) => times.map((timeStamp) => ({ timeStamp }));
  assert.deepEqual(classifyBurst(at(0, 3, 6, 9)), { kind: 'scanner' });
  assert.deepEqual(classifyBurst(at(0, 80, 160, 245, 330)), { kind: 'scanner' }, 'a slow scanner at ~80 ms');
  assert.equal(classifyBurst(at(0, 120, 230, 350, 460)).kind, 'human');
  assert.equal(classifyBurst(at(0, 3, 6, 9), { maxScannerMedianGapMs: 2 }).kind, 'human');
  assert.equal(classifyBurst([{ timeStamp: 0 }, { timeStamp: 4, repeat: true }]).kind, 'human');
  assert.equal(classifyBurst([{ timeStamp: 0 }, { timeStamp: 4, ime: true }]).kind, 'human');
  assert.deepEqual(classifyBurst(at(0)), { kind: 'scanner' });
});
