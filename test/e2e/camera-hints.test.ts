/**
 * End to end, in Debian's Chromium with its fake camera fed a DARK .y4m (luma 18 everywhere: a dim lobby at night,
 * where the code held up is lost in the dark; zxing-wasm reads codes down to a few grey levels of contrast, so any
 * visible code would simply be decoded): the viewfinder tells the person it is too dark, in Vietnamese and then in English, with the measured
 * frame rate and a detection of 0 %; nothing is decided. Screenshots compared (live figures masked) and axe-core on
 * the viewfinder with its hint. Chromium's fake camera has no torch, so for the torch button the page's
 * MediaStreamTrack reports one (getCapabilities + torch) and records the constraints the screen applies.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Page } from 'playwright-core';
import { assertAccessible } from '../support/axe.js';
import { launchChromium, monitorPage, type LaunchedChromium, type PageProblems } from '../support/chromium.js';
import { GuardScreen } from '../support/guard-screen.js';
import { startHost, type RunningHost } from '../support/host-process.js';
import { tempDir } from '../support/paths.js';
import { writeQrVideo } from '../support/qr-video.js';
import { expectScreenshot } from '../support/screenshot-compare.js';
import { validToken } from '../support/tokens.js';
import { closeBrowserAndHost } from '../support/e2e-session.js';

/** What changes by itself in a viewfinder: the live figures (the dark video itself is one flat grey). */
const CAMERA_MASK = ['[data-testid="camera-stats"]'];

describe('camera hints in Chromium with a fake camera fed a dark scene', () => {
  let host: RunningHost | undefined;
  let chromium: LaunchedChromium | undefined;
  let page: Page;
  let problems: PageProblems;
  const videoDir = tempDir('qr-video-dark');
  const video = writeQrVideo(join(videoDir, 'dark.y4m'), validToken({ name: 'Người Trong Bóng Tối' }), { dark: 18, light: 18 });

  beforeAll(async () => {
    [host, chromium] = await Promise.all([
      startHost(),
      launchChromium({ extraArgs: ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`] }),
    ]);
    page = await chromium.context.newPage();
    await page.addInitScript(() => {
      const proto = MediaStreamTrack.prototype;
      const capabilities = proto.getCapabilities;
      const applied: unknown[] = [];
      (window as unknown as { __torchApplied: unknown[] }).__torchApplied = applied;
      proto.getCapabilities = function (this: MediaStreamTrack) {
        return { ...capabilities.call(this), torch: true } as MediaTrackCapabilities;
      };
      proto.applyConstraints = function (constraints?: MediaTrackConstraints) {
        applied.push(constraints);
        return Promise.resolve();
      };
    });
    problems = await monitorPage(page);
    await new GuardScreen(page).open(host.url, 'Cổng thử nghiệm');
  });

  afterAll(async () => {
    try {
      await closeBrowserAndHost(chromium, host);
    } finally {
      rmSync(videoDir, { recursive: true, force: true });
    }
  });

  it('says "too dark" in Vietnamese, with the frame rate and 0 % detection, and decides nothing', async () => {
    await page.getByTestId('camera-toggle').click();
    const hint = page.getByTestId('camera-hint');
    await hint.waitFor();
    assert.equal(await page.getByTestId('camera').getAttribute('data-hint'), 'too-dark');
    assert.equal((await hint.innerText()).trim(), 'Quá tối — bật đèn hoặc đưa mã ra chỗ sáng');
    const stats = page.getByTestId('camera-stats');
    await stats.waitFor();
    assert.ok(Number(await stats.getAttribute('data-fps')) > 0, 'frames are being decoded');
    assert.equal(await stats.getAttribute('data-detection'), '0.00');
    assert.match(await stats.innerText(), /khung hình\/giây · nhận mã 0 %/);
    assert.equal(await page.getByTestId('recent-row').count(), 0, 'no decision from a frame nothing was read in');
    await assertAccessible(page, 'camera viewfinder with the too-dark hint, Vietnamese');
    await page.getByTestId('camera-hint').scrollIntoViewIfNeeded();
    await expectScreenshot(page, 'camera-dark-hint-vi', CAMERA_MASK);
  });

  it('offers the torch when the camera reports one, and switches it on and off', async () => {
    const torch = page.getByTestId('camera-torch');
    assert.equal(await torch.innerText(), 'Bật đèn');
    assert.equal(await torch.getAttribute('aria-pressed'), 'false');
    await torch.click();
    await page.locator('[data-testid="camera-torch"][aria-pressed="true"]').waitFor();
    assert.equal(await torch.innerText(), 'Tắt đèn');
    await torch.click();
    await page.locator('[data-testid="camera-torch"][aria-pressed="false"]').waitFor();
    const applied = await page.evaluate(() => (window as unknown as { __torchApplied: unknown[] }).__torchApplied);
    assert.deepEqual(applied, [{ advanced: [{ torch: true }] }, { advanced: [{ torch: false }] }]);
  });

  it('says it in English after the language toggle', async () => {
    await page.getByTestId('language-toggle').click();
    const hint = page.getByTestId('camera-hint');
    assert.equal((await hint.innerText()).trim(), 'Too dark — turn on the light or move the code into the light');
    assert.match(await page.getByTestId('camera-stats').innerText(), /frames\/s · codes found 0 %/);
    await assertAccessible(page, 'camera viewfinder with the too-dark hint, English');
    await hint.scrollIntoViewIfNeeded();
    await expectScreenshot(page, 'camera-dark-hint-en', CAMERA_MASK);
    assert.deepEqual(problems.all(), []);
  });
});
