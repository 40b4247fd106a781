/**
 * End to end, in Debian's Chromium with its fake camera: a .y4m video showing a QR code (generated in the test) is
 * what getUserMedia delivers at 1280×720; zxing-wasm in the screen's Web Worker finds the code, the viewfinder draws the
 * detection box, and the decision of that scan (source "camera") appears on screen — under the strict CSP, with the
 * .wasm served by the terminal itself.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, monitorPage, type LaunchedChromium } from '../support/chromium.js';
import { assertAccessible } from '../support/axe.js';
import { assertReasonShown, GuardScreen } from '../support/guard-screen.js';
import { expectScreenshot } from '../support/screenshot-compare.js';
import { startHost, type RunningHost } from '../support/host-process.js';
import { tempDir } from '../support/paths.js';
import { writeQrVideo } from '../support/qr-video.js';
import { validToken } from '../support/tokens.js';
import { closeBrowserAndHost } from '../support/e2e-session.js';

/** Frames with the code decoded after the first submission that would each have re-submitted it without the pause. */
const REPEATS = 15;

/**
 * Counts, from inside the page, the worker's replies that decoded a code (a listener on every Worker the screen
 * creates), and the submitScan calls the page sends over its WebSocket bridge.
 */
async function countDecodedFrames(page: Page): Promise<{ frames(): Promise<number>; submitScans(): number }> {
  let submitScans = 0;
  page.on('websocket', (ws) =>
    ws.on('framesent', ({ payload }) => {
      if (typeof payload === 'string' && (JSON.parse(payload) as { method?: string }).method === 'submitScan') submitScans++;
    }),
  );
  await page.addInitScript(() => {
    const w = window as unknown as Record<string, unknown>;
    w['__gateTestDecodedFrames'] = 0;
    const Base = window.Worker;
    window.Worker = class extends Base {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        this.addEventListener('message', (event: MessageEvent<{ found?: unknown[] }>) => {
          if ((event.data.found?.length ?? 0) > 0) (w['__gateTestDecodedFrames'] as number)++;
        });
      }
    };
  });
  return {
    frames: () => page.evaluate(() => (window as unknown as Record<string, number>)['__gateTestDecodedFrames']!),
    submitScans: () => submitScans,
  };
}

describe('camera scanning in Chromium with a fake camera fed generated QR frames', () => {
  let host: RunningHost | undefined;
  let chromium: LaunchedChromium | undefined;
  const videoDir = tempDir('qr-video');
  const video = writeQrVideo(join(videoDir, 'qr.y4m'), validToken({ name: 'Phạm Minh Châu' }));

  beforeAll(async () => {
    [host, chromium] = await Promise.all([
      // Held long enough to photograph the result beside the viewfinder in both languages, also on a loaded machine
      // (at load 25 the steps from the result to the second photograph took over 30 s): the longest hold there is.
      startHost({ extraConfig: { display: { resultHoldSeconds: 120 } } }),
      launchChromium({ extraArgs: ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`] }),
    ]);
  });

  afterAll(async () => {
    try {
      await closeBrowserAndHost(chromium, host);
    } finally {
      rmSync(videoDir, { recursive: true, force: true });
    }
  });

  it('decodes the QR from the camera in the worker and shows the decision, with the detection box', async () => {
    const page = await chromium!.context.newPage();
    const problems = await monitorPage(page);
    const decoded = await countDecodedFrames(page);
    const screen = new GuardScreen(page);
    await screen.open(host!.url, 'Cổng thử nghiệm');
    const started = Date.now();
    await page.getByTestId('camera-toggle').click();
    const shown = await screen.resultFor(1);
    const elapsedMs = Date.now() - started;
    assert.equal(shown.outcome, 'admit');
    assert.equal(shown.source, 'camera');
    assert.equal(shown.person, 'Phạm Minh Châu');
    assertReasonShown(shown, 'DECLARATION_VALID');
    assert.equal(await page.getByTestId('camera').getAttribute('data-state'), 'running');
    const size = await page.locator('video').evaluate((v) => [(v as HTMLVideoElement).videoWidth, (v as HTMLVideoElement).videoHeight]);
    assert.deepEqual(size, [1280, 720], 'the camera delivers 720p');
    await page.getByTestId('camera-box').waitFor();
    const points = (await page.getByTestId('camera-box').getAttribute('points'))!.split(' ').map((p) => p.split(',').map(Number));
    assert.equal(points.length, 4);
    for (const [x, y] of points) assert.ok(x! > 300 && x! < 980 && y! > 40 && y! < 680, `box corner ${x},${y} around the centred code`);
    // The code stays in view: it must not be submitted again and again. Not a pause but a count: once the worker has
    // decoded the code in REPEATS more frames, each of which would have been a submission, exactly one was sent.
    const after = await decoded.frames();
    await page.waitForFunction((n) => (window as unknown as Record<string, number>)['__gateTestDecodedFrames']! >= n, after + REPEATS, { polling: 50, timeout: 0 });
    assert.equal(decoded.submitScans(), 1, 'one submitScan for one code held in view');
    assert.equal(await page.getByTestId('recent-row').count(), 1, 'one entry for one code held in view');
    // Measured frame rate and detection rate of the worker, shown under the viewfinder.
    const stats = page.getByTestId('camera-stats');
    await stats.waitFor();
    const fps = Number(await stats.getAttribute('data-fps'));
    const detection = Number(await stats.getAttribute('data-detection'));
    assert.ok(fps > 0 && detection > 0.5, `camera stats: ${fps} fps, detection ${detection}`);
    assert.equal(await page.getByTestId('camera-hint').count(), 0, 'no hint while the code decodes');
    assert.equal(await page.getByTestId('camera-torch').count(), 0, 'the fake camera has no torch: no torch button');
    // The viewfinder with the decision, in both languages (the video, the box over it and the live figures masked: the
    // token, hence the QR picture, differs from run to run).
    const mask = ['.camera__video', '.camera__overlay', '[data-testid="camera-stats"]', '.hardware'];
    await page.getByTestId('camera').scrollIntoViewIfNeeded();
    await expectScreenshot(page, 'camera-admit-vi', mask);
    await page.getByTestId('language-toggle').click();
    await page.getByTestId('camera').scrollIntoViewIfNeeded();
    await expectScreenshot(page, 'camera-admit-en', mask);
    await assertAccessible(page, 'camera viewfinder with an admit result, English');
    await page.getByTestId('language-toggle').click();
    console.log(`camera: toggle → decision on screen in ${elapsedMs} ms; ${fps} frames/s decoded, detection ${detection}`);
    await assertAccessible(page, 'camera viewfinder with an admit result');
    assert.deepEqual(problems.all(), []);
  });
});
