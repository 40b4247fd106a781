import assert from 'node:assert/strict';
import { test } from 'vitest';
import {
  frameHint,
  measureFrame,
  motionBetween,
  settledHint,
  type CameraHint,
  type FrameStats,
} from '../../../renderer/camera/frame-hints.js';

const W = 320;
const H = 180;

/** An RGBA frame: grey `level` everywhere, with an optional square of `squareLevel` at (x, y). */
function frame(level: number, square?: { x: number; y: number; side: number; level: number }): Uint8ClampedArray {
  const data = new Uint8ClampedArray(W * H * 4);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const inside = square && x >= square.x && x < square.x + square.side && y >= square.y && y < square.y + square.side;
      const v = inside ? square.level : level;
      data.set([v, v, v, 255], (y * W + x) * 4);
    }
  }
  return data;
}

const stats = (data: Uint8ClampedArray): FrameStats => measureFrame(data, W, H);
const box = (x: number, y: number, side: number) => [
  { x, y },
  { x: x + side, y },
  { x: x + side, y: y + side },
  { x, y: y + side },
];

test('measures mean luma, clipped highlights and a coarse grid', () => {
  const s = stats(frame(100, { x: 0, y: 0, side: 90, level: 250 }));
  assert.equal(s.grid.length, 16 * 9);
  assert.ok(s.meanLuma > 100 && s.meanLuma < 250, String(s.meanLuma));
  assert.ok(Math.abs(s.clippedFraction - (90 * 90) / (W * H)) < 0.02, String(s.clippedFraction));
  assert.equal(Math.round(s.grid[0]!), 250, 'top-left cell is the bright square');
  assert.equal(Math.round(s.grid[s.grid.length - 1]!), 100);
});

test('a dark frame is too dark, a blown-out one too bright, a normal one fine', () => {
  assert.equal(frameHint({ stats: stats(frame(25)), decoded: false, width: W, height: H }), 'too-dark');
  assert.equal(frameHint({ stats: stats(frame(235)), decoded: false, width: W, height: H }), 'too-bright');
  // Mean is fine but a third of the picture is clipped (glare on a phone screen).
  assert.equal(frameHint({ stats: stats(frame(120, { x: 0, y: 0, side: 150, level: 255 })), decoded: false, width: W, height: H }), 'too-bright');
  assert.equal(frameHint({ stats: stats(frame(130)), decoded: false, width: W, height: H }), 'ok');
});

test('a decoded frame needs no hint, even when dark', () => {
  assert.equal(frameHint({ stats: stats(frame(25)), decoded: true, width: W, height: H }), 'ok');
});

test('a picture that moves between frames asks to hold still; a still one does not', () => {
  const a = stats(frame(130, { x: 20, y: 20, side: 80, level: 20 }));
  const b = stats(frame(130, { x: 200, y: 80, side: 80, level: 20 }));
  assert.ok(motionBetween(a, b) > 10);
  assert.equal(frameHint({ stats: b, previous: a, decoded: false, width: W, height: H }), 'hold-still');
  assert.equal(frameHint({ stats: a, previous: a, decoded: false, width: W, height: H }), 'ok');
});

test('a located but undecoded code that is small in the frame is too small; a large one is not', () => {
  const s = stats(frame(130));
  assert.equal(frameHint({ stats: s, decoded: false, located: box(100, 50, 15), width: W, height: H }), 'too-small');
  assert.equal(frameHint({ stats: s, decoded: false, located: box(100, 50, 60), width: W, height: H }), 'ok');
  // Too dark comes first: in the dark the size cannot be judged.
  assert.equal(frameHint({ stats: stats(frame(20)), decoded: false, located: box(100, 50, 15), width: W, height: H }), 'too-dark');
});

test('a hint is shown only when 3 of the last 5 frames agree, the newest winning a tie', () => {
  const seq = (...hints: CameraHint[]) => hints;
  assert.equal(settledHint(seq('too-dark', 'ok', 'too-dark')), 'ok');
  assert.equal(settledHint(seq('too-dark', 'ok', 'too-dark', 'too-dark')), 'too-dark');
  assert.equal(settledHint(seq('too-dark', 'too-dark', 'too-dark', 'ok', 'ok', 'ok', 'ok')), 'ok', 'only the last 5 count');
  assert.equal(settledHint(seq('hold-still', 'hold-still', 'hold-still', 'too-small', 'too-small', 'too-small').slice(-5)), 'too-small');
  assert.equal(settledHint([]), 'ok');
});
