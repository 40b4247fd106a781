/**
 * End to end, in Debian's Chromium: "a queue of results never hides the latest". Three scans in a burst (faster than
 * the result hold time): the third is the big result, the first two stay visible as a compact strip (time, name,
 * icon + word) until the guard marks them seen or their own time runs out. Screenshots compared with baselines and
 * axe-core on the strip, in Vietnamese and in English.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Page } from 'playwright-core';
import { assertAccessible } from '../support/axe.js';
import { launchChromium, monitorPage, type LaunchedChromium, type PageProblems } from '../support/chromium.js';
import { GuardScreen } from '../support/guard-screen.js';
import { startHost, type RunningHost } from '../support/host-process.js';
import { expectScreenshot } from '../support/screenshot-compare.js';
import { expiredToken, validToken } from '../support/tokens.js';
import { closeBrowserAndHost } from '../support/e2e-session.js';

const CHECKPOINT = 'Cổng thử nghiệm';
/**
 * Long enough for the screenshots to catch the big result on a loaded machine, short enough to see the strip time out
 * (replaced results stay two hold times).
 */
const HOLD_SECONDS = 5;

/** Submits the payloads through the simulate box without waiting for any result in between. */
async function burst(page: Page, payloads: readonly string[]): Promise<void> {
  for (const payload of payloads) {
    await page.getByTestId('simulate-input').fill(payload);
    await page.getByTestId('simulate-submit').click();
  }
}

const stripRows = (page: Page) =>
  page.getByTestId('earlier-row').evaluateAll((rows) => rows.map((r) => ({ seq: Number(r.getAttribute('data-seq')), outcome: r.getAttribute('data-outcome'), text: (r as HTMLElement).innerText })));

describe('result queue in Chromium: a burst of scans never hides the latest', () => {
  let host: RunningHost | undefined;
  let chromium: LaunchedChromium | undefined;
  let page: Page;
  let screen: GuardScreen;
  let problems: PageProblems;

  beforeAll(async () => {
    [host, chromium] = await Promise.all([startHost({ extraConfig: { display: { resultHoldSeconds: HOLD_SECONDS } } }), launchChromium()]);
    page = await chromium.context.newPage();
    problems = await monitorPage(page);
    screen = new GuardScreen(page);
    await screen.open(host.url, CHECKPOINT);
  });

  afterAll(async () => {
    await closeBrowserAndHost(chromium, host);
  });

  it('shows the third of three quick scans big and the first two in the strip, newest first (Vietnamese)', async () => {
    await burst(page, [validToken({ name: 'Nguyễn Văn An' }), expiredToken({ name: 'Trần Thị Bình' }), validToken({ name: 'Lê Văn Cường' })]);
    const latest = await screen.resultFor(3);
    await expectScreenshot(page, 'result-queue-vi', ['.hardware']);
    assert.equal(latest.person, 'Lê Văn Cường');
    assert.equal(latest.outcome, 'admit');
    const rows = await stripRows(page);
    assert.deepEqual(rows.map((r) => [r.seq, r.outcome]), [[2, 'deny'], [1, 'admit']]);
    assert.match(rows[0]!.text, /^\d\d:\d\d:\d\d\s+TỪ CHỐI\s+Trần Thị Bình/);
    assert.match(rows[1]!.text, /^\d\d:\d\d:\d\d\s+ĐƯỢC VÀO\s+Nguyễn Văn An/);
    await assertAccessible(page, 'result with the strip of earlier results, Vietnamese');

    // Acknowledged by the guard: that row leaves, the other stays.
    await page.getByRole('button', { name: 'Đã xem: Trần Thị Bình' }).click();
    assert.deepEqual((await stripRows(page)).map((r) => r.seq), [1]);
    // The big result returns to "ready" after its hold; the strip row outlives it, then times out by itself.
    await page.locator('[data-testid="result"][data-outcome="ready"]').waitFor();
    await page.getByTestId('earlier').waitFor({ state: 'detached' });
  });

  it('shows the strip in English, and "All seen" clears it', async () => {
    await page.getByTestId('language-toggle').click();
    await burst(page, [validToken({ name: 'Phạm Minh Dũng' }), validToken({ name: 'Hoàng Thị Em' }), expiredToken({ name: 'Đỗ Văn Phúc' })]);
    const latest = await screen.resultFor(6);
    await expectScreenshot(page, 'result-queue-en', ['.hardware']);
    assert.equal(latest.outcome, 'deny');
    const rows = await stripRows(page);
    assert.deepEqual(rows.map((r) => r.seq), [5, 4]);
    assert.match(rows[0]!.text, /ADMITTED\s+Hoàng Thị Em/);
    await assertAccessible(page, 'result with the strip of earlier results, English');
    await page.getByTestId('earlier-seen-all').click();
    assert.equal(await page.getByTestId('earlier').count(), 0);
    assert.deepEqual(problems.all(), []);
  });
});
