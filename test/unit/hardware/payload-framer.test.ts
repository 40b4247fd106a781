/** The serial framer and frame → text step, fed recorded byte streams (no port involved). */
import assert from 'node:assert/strict';
import { test } from 'vitest';
import { DuplicateReadFilter } from '../../../hardware/scanner/scanner-signals.js';
import { textOfFrame } from '../../../hardware/scanner/frame-text.js';
import { PayloadFramer, type Frame, type FramerOptions } from '../../../hardware/scanner/payload-framer.js';

const bytes = (s: string) => new TextEncoder().encode(s);
const texts = (frames: Frame[]) => frames.map((f) => (f.kind === 'payload' ? new TextDecoder().decode(f.bytes) : `<overflow ${f.droppedBytes}>`));

function feed(chunks: readonly (readonly [string | Uint8Array, number])[], options?: Partial<FramerOptions>): string[] {
  const framer = new PayloadFramer({ terminator: 'line', interByteTimeoutMs: 50, maxFrameBytes: 64, ...options });
  const out: string[] = [];
  for (const [chunk, at] of chunks) out.push(...texts(framer.push(typeof chunk === 'string' ? bytes(chunk) : chunk, at)));
  return out;
}

test('CR, LF and CR LF each end a payload; a CR LF split across reads is one terminator; blank lines vanish', () => {
  assert.deepEqual(feed([['A1\r\nB2\rC3\nD4\r', 0], ['\nE5\r\n\r\n\n', 1]]), ['A1', 'B2', 'C3', 'D4', 'E5']);
});

test('a payload split over many reads with short gaps stays whole; an idle gap ends a payload without a terminator', () => {
  const chunks = [...'KBYT1:ABC'].map((c, i) => [c, i * 20] as const);
  assert.deepEqual(feed([...chunks, ['\r', 180]]), ['KBYT1:ABC']);
  // No suffix configured on the scanner: the 50 ms gap before the next read ends the first one.
  assert.deepEqual(feed([['FIRST', 0], ['SECOND', 200]]), ['FIRST']);
  const framer = new PayloadFramer({ terminator: 'idle', interByteTimeoutMs: 30, maxFrameBytes: 64 });
  assert.deepEqual(texts(framer.push(bytes('NOSUFFIX\r\nKEPT'), 0)), []);
  assert.equal(framer.deadline(), 30);
  assert.deepEqual(texts(framer.flushIfIdle(29)), []);
  assert.deepEqual(texts(framer.flushIfIdle(30)), ['NOSUFFIX\r\nKEPT']);
  assert.equal(framer.deadline(), undefined);
});

test('a frame over the limit is dropped up to the next terminator and reported, then framing resumes', () => {
  assert.deepEqual(feed([['x'.repeat(100), 0], ['y'.repeat(50) + '\r\nOK\r\n', 1]]), ['<overflow 150>', 'OK']);
});

test('frame text: UTF-8 Vietnamese, AIM identifier, prefix and suffix are handled; control bytes and bad UTF-8 are noise', () => {
  assert.deepEqual(textOfFrame(bytes('079090001234||Nguyễn Văn An|01011990|Nam')), { kind: 'text', text: '079090001234||Nguyễn Văn An|01011990|Nam' });
  assert.deepEqual(textOfFrame(bytes('Nguyễn Văn An|079090001234')), { kind: 'noise', reason: 'looks like no credential' });
  assert.deepEqual(textOfFrame(bytes('Nguyễn Văn An|079090001234'), { decideUnrecognised: true }), { kind: 'text', text: 'Nguyễn Văn An|079090001234' });
  assert.deepEqual(textOfFrame(bytes(']Q1KBYT1:AB')), { kind: 'text', text: 'KBYT1:AB' });
  assert.deepEqual(textOfFrame(bytes(']Q1KBYT1:AB'), { stripAimId: false, decideUnrecognised: true }), { kind: 'text', text: ']Q1KBYT1:AB' });
  assert.deepEqual(textOfFrame(bytes('<<HC1:XY>>'), { prefix: '<<', suffix: '>>' }), { kind: 'text', text: 'HC1:XY' });
  assert.equal(textOfFrame(Uint8Array.of(0x41, 0x00, 0x42, 0x43, 0x44)).kind, 'noise');
  assert.equal(textOfFrame(Uint8Array.of(0x41, 0xc3, 0x28, 0x42, 0x43)).kind, 'noise', 'invalid UTF-8');
  assert.equal(textOfFrame(bytes('AB')).kind, 'noise', 'shorter than the minimum payload length');
  assert.deepEqual(textOfFrame(bytes('AB'), { minLength: 1, decideUnrecognised: true }), { kind: 'text', text: 'AB' });
  assert.deepEqual(textOfFrame(bytes('01\x1d17ABC'), { decideUnrecognised: true }), { kind: 'text', text: '01\x1d17ABC' }, 'GS of GS1 codes is data');
});

test('duplicate reads within the window are swallowed; the window slides with every sighting', () => {
  const filter = new DuplicateReadFilter(1000);
  const seen = [
    ['A', 0],
    ['A', 400],
    ['A', 1300],
    ['B', 1350],
    ['A', 1400],
    ['A', 2500],
  ].filter(([p, t]) => filter.accept(p as string, t as number));
  assert.deepEqual(seen, [['A', 0], ['B', 1350], ['A', 1400], ['A', 2500]]);
  assert.equal(filter.duplicates, 2);
  const off = new DuplicateReadFilter(0);
  assert.equal([0, 1, 2].filter((t) => off.accept('A', t)).length, 3);
});
