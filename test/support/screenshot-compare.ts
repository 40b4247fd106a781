/**
 * Screenshot comparison of the guard screen against baselines committed in test/e2e/__screenshots__/baseline. Clock and
 * time texts are masked; the shot is taken once the page says it has settled (`untilSettled`); endless animations (the
 * lamp blink) are frozen; a pixel counts as different when a channel differs by more than
 * CHANNEL_TOLERANCE, and the test fails when more than MAX_DIFFERENT_RATIO of the pixels do. On failure the actual
 * image and a diff are written to test/e2e/__screenshots__ (*-actual.png, *-diff.png: ignored by git).
 * UPDATE_SCREENSHOTS=1 writes new baselines instead of comparing.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { SCREENSHOTS } from './guard-screen.js';

interface PngImage {
  readonly width: number;
  readonly height: number;
  readonly data: Buffer;
}
const { PNG } = createRequire(import.meta.url)('pngjs') as {
  PNG: { sync: { read(buffer: Buffer): PngImage; write(png: PngImage): Buffer } };
};

export const CHANNEL_TOLERANCE = 40;
export const MAX_DIFFERENT_RATIO = 0.003;
/** Everything on screen that shows the time of day or changes by itself. */
const MASKED = ['.result__meta', '.recent__time', 'footer', '[data-testid="undo-override"]', '[data-testid="sync-data-age"]', '.earlier__time'];

function compare(expected: PngImage, actual: PngImage): { different: number; diff: PngImage } {
  const diff = { width: actual.width, height: actual.height, data: Buffer.alloc(actual.data.length) };
  let different = 0;
  for (let i = 0; i < actual.data.length; i += 4) {
    let off = false;
    for (let c = 0; c < 3; c++) if (Math.abs(actual.data[i + c]! - expected.data[i + c]!) > CHANNEL_TOLERANCE) off = true;
    if (off) different++;
    diff.data[i] = off ? 255 : actual.data[i]! >> 2;
    diff.data[i + 1] = off ? 0 : actual.data[i + 1]! >> 2;
    diff.data[i + 2] = off ? 0 : actual.data[i + 2]! >> 2;
    diff.data[i + 3] = 255;
  }
  return { different, diff };
}

/**
 * Waits until the page says it is at rest. The guard screen says so itself: `<html data-settled="1">` once every
 * change is painted, no call to its host is waiting, its font has loaded and no finite transition or animation runs
 * (renderer/settled-signal.ts). The other pages photographed (the phone declaration page, the admin web) have no such
 * signal; for them: fonts loaded and no finite animation running, checked in the same frame. No time limit: the
 * test's own timeout bounds the wait.
 */
export async function untilSettled(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const signal = document.documentElement.dataset.settled;
      if (signal !== undefined) return signal === '1';
      return document.fonts.status === 'loaded' && document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Infinity);
    },
    undefined,
    { polling: 'raf', timeout: 0 },
  );
}

/**
 * Takes a screenshot of the page with times masked and compares it with the baseline `name`.png. `alsoMask`: selectors
 * of what else changes by itself in that test (e.g. '.hardware': the relay and lights of an earlier admit return to
 * locked / off on their own timers).
 */
export async function expectScreenshot(page: Page, name: string, alsoMask: readonly string[] = []): Promise<void> {
  await untilSettled(page);
  const mask = [...MASKED, ...alsoMask].map((s) => page.locator(s));
  const buffer = await page.screenshot({ animations: 'disabled', caret: 'hide', mask, maskColor: '#ff00ff' });
  const baselinePath = join(SCREENSHOTS, 'baseline', `${name}.png`);
  if (process.env.UPDATE_SCREENSHOTS === '1') {
    mkdirSync(join(SCREENSHOTS, 'baseline'), { recursive: true });
    writeFileSync(baselinePath, buffer);
    return;
  }
  assert.ok(existsSync(baselinePath), `no baseline ${baselinePath}: run with UPDATE_SCREENSHOTS=1, look at it, commit it`);
  const expected = PNG.sync.read(readFileSync(baselinePath));
  const actual = PNG.sync.read(buffer);
  assert.deepEqual([actual.width, actual.height], [expected.width, expected.height], `size of screenshot ${name}`);
  const { different, diff } = compare(expected, actual);
  const ratio = different / (actual.width * actual.height);
  if (ratio > MAX_DIFFERENT_RATIO) {
    writeFileSync(join(SCREENSHOTS, `${name}-actual.png`), buffer);
    writeFileSync(join(SCREENSHOTS, `${name}-diff.png`), PNG.sync.write(diff));
  }
  assert.ok(ratio <= MAX_DIFFERENT_RATIO, `screenshot ${name}: ${(ratio * 100).toFixed(2)}% of pixels differ (limit ${MAX_DIFFERENT_RATIO * 100}%)`);
}
