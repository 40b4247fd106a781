/**
 * Types a payload into a page the way a USB keyboard-wedge scanner does: one real key event per character, on the US
 * layout the scanner assumes (Shift held for shifted characters), then Enter. The key codes come from the same
 * table the renderer decodes with, so a change there is exercised here.
 *
 * The helper also records, in the page, every keydown it caused and checks that each arrived with `event.code` (the
 * decoder reads `code`, never `key`) and the expected Shift state; a browser that delivered bare `key`s would fail.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { keystrokeFor } from '../../renderer/wedge/us-keymap.js';
import { DEFAULT_MAX_GAP_MS } from '../../renderer/wedge/wedge-decoder.js';

export interface Keystroke {
  readonly code: string;
  readonly shift: boolean;
}

export interface WedgeTyping {
  /** Key presses made, Enter included (Shift presses not counted). */
  readonly keys: number;
  /** The Enter keydown's `event.timeStamp` in the page (same clock as `performance.now()`). */
  readonly enterTimeStamp: number;
  /** Longest pause the page saw between two keys of the scan (Shift not counted), ms. */
  readonly maxGapMs: number;
  /**
   * True when that pause exceeded the decoder's window: the screen then saw two payloads (or one fragment), not
   * this scan. A real scanner types at a fixed hardware rate; here it means the test harness stalled (an overloaded
   * machine), so the caller should scan again rather than blame the screen.
   */
  readonly splitByHarness: boolean;
  /**
   * When split: whether the screen still got a payload (the keys after the last long pause, decided like any scan
   * and so one register row) — false when the pause came right before Enter (the decoder then drops the lone Enter).
   */
  readonly fragmentDelivered: boolean;
}

interface RecordedKey {
  readonly code: string;
  readonly key: string;
  readonly shiftKey: boolean;
  readonly timeStamp: number;
}

const LOG = '__gateTestWedgeKeys';

/** The US-layout keystrokes for `payload`; throws for a character a US wedge scanner cannot type. */
export function keystrokesFor(payload: string): Keystroke[] {
  return [...payload].map((char) => {
    const stroke = keystrokeFor(char);
    if (!stroke) throw new Error(`a US keyboard-wedge scanner cannot type ${JSON.stringify(char)}`);
    return stroke;
  });
}

async function startKeyLog(page: Page): Promise<void> {
  await page.evaluate((name) => {
    const w = window as unknown as Record<string, unknown>;
    if (!w[name]) {
      // Capture phase on window: sees every keydown before the screen's own document-level listener.
      window.addEventListener(
        'keydown',
        (event) => {
          (w[name] as RecordedKey[]).push({ code: event.code, key: event.key, shiftKey: event.shiftKey, timeStamp: event.timeStamp });
        },
        true,
      );
    }
    w[name] = [];
  }, LOG);
}

async function readKeyLog(page: Page): Promise<RecordedKey[]> {
  return page.evaluate((name) => (window as unknown as Record<string, RecordedKey[]>)[name] ?? [], LOG);
}

/**
 * Types `payload` + Enter with real key events (CDP Input.dispatchKeyEvent through Playwright's keyboard), then
 * verifies what the page received. Resolves once Enter has been dispatched; the caller waits for the result.
 */
export async function typeLikeWedgeScanner(page: Page, payload: string, options: { terminator?: 'Enter' | 'Tab' } = {}): Promise<WedgeTyping> {
  const strokes = keystrokesFor(payload);
  const terminator = options.terminator ?? 'Enter';
  await startKeyLog(page);
  // Shift is held down for a run of shifted characters and released before an unshifted one, as scanners do.
  let shiftDown = false;
  for (const stroke of strokes) {
    if (stroke.shift !== shiftDown) {
      await (stroke.shift ? page.keyboard.down('Shift') : page.keyboard.up('Shift'));
      shiftDown = stroke.shift;
    }
    await page.keyboard.press(stroke.code);
  }
  if (shiftDown) await page.keyboard.up('Shift');
  await page.keyboard.press(terminator);

  const received = (await readKeyLog(page)).filter((k) => k.code !== 'ShiftLeft' && k.code !== 'ShiftRight');
  const expected = [...strokes, { code: terminator, shift: false }];
  assert.equal(received.length, expected.length, `the page received ${received.length} key events for ${expected.length} key presses`);
  received.forEach((k, i) => {
    const want = expected[i]!;
    assert.ok(k.code !== '', `key event ${i} (key ${JSON.stringify(k.key)}) arrived without event.code`);
    assert.equal(k.code, want.code, `key event ${i}: event.code`);
    assert.equal(k.shiftKey, want.shift, `key event ${i} (${k.code}): event.shiftKey`);
  });
  const gaps = received.map((k, i) => (i === 0 ? 0 : k.timeStamp - received[i - 1]!.timeStamp));
  const maxGapMs = Math.max(...gaps);
  const splitByHarness = maxGapMs > DEFAULT_MAX_GAP_MS;
  return {
    keys: expected.length,
    enterTimeStamp: received[received.length - 1]!.timeStamp,
    maxGapMs,
    splitByHarness,
    // Mirrors the decoder: a long pause empties the buffer, and Enter on an empty buffer delivers nothing.
    fragmentDelivered: splitByHarness && gaps[gaps.length - 1]! <= DEFAULT_MAX_GAP_MS,
  };
}
