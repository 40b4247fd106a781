/**
 * End to end, in Debian's Chromium: every guard flow's screen in Vietnamese and in English — ready, admit, deny,
 * review, the paper declaration dialog and the override dialog — compared with the committed baselines
 * (test/e2e/__screenshots__/baseline, UPDATE_SCREENSHOTS=1 to renew them after looking), and axe-core with no serious
 * or critical violation on each. Results are held long, so what is photographed is the result, not a timer's luck;
 * the relay and lights (which return to rest on their own timers) and all times are masked.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Page } from 'playwright-core';
import { assertAccessible, axeViolations } from '../support/axe.js';
import { launchChromium, monitorPage, type LaunchedChromium, type PageProblems } from '../support/chromium.js';
import { GuardScreen } from '../support/guard-screen.js';
import { startHost, type RunningHost } from '../support/host-process.js';
import { expectScreenshot } from '../support/screenshot-compare.js';
import { expiredToken, validToken } from '../support/tokens.js';
import { closeBrowserAndHost } from '../support/e2e-session.js';

const CHECKPOINT = 'Cổng thử nghiệm';
const MASK = ['.hardware'];
const LANGUAGES = ['vi', 'en'] as const;

describe('every guard flow photographed in both languages', () => {
  let host: RunningHost | undefined;
  let chromium: LaunchedChromium | undefined;
  let page: Page;
  let screen: GuardScreen;
  let problems: PageProblems;

  beforeAll(async () => {
    [host, chromium] = await Promise.all([startHost({ direction: 'both', extraConfig: { display: { resultHoldSeconds: 120 } } }), launchChromium()]);
    page = await chromium.context.newPage();
    problems = await monitorPage(page);
    screen = new GuardScreen(page);
    await screen.open(host.url, CHECKPOINT);
  });

  afterAll(async () => {
    await closeBrowserAndHost(chromium, host);
  });

  /** Marks the strip of earlier results seen, so each photo shows one result (the strip has its own test). */
  async function clearStrip(): Promise<void> {
    while ((await page.getByTestId('earlier-seen').count()) > 0) await page.getByTestId('earlier-seen').first().click();
  }

  async function photograph(name: string, label: string): Promise<void> {
    await assertAccessible(page, label);
    await expectScreenshot(page, name, MASK);
  }

  it('ready, in both languages', async () => {
    // Beyond serious / critical: everything on the screen sits in a landmark (axe's moderate "region" rule).
    assert.deepEqual((await axeViolations(page)).filter((v) => v.id === 'region'), []);
    await photograph('ready-vi', 'ready, vi');
    await page.getByTestId('language-toggle').click();
    await photograph('ready-en', 'ready, en');
    await page.getByTestId('language-toggle').click();
  });

  for (const language of LANGUAGES) {
    it(`admit, deny, review and the two dialogs (${language})`, async () => {
      if ((await page.locator('.screen').getAttribute('lang')) !== language) await page.getByTestId('language-toggle').click();
      assert.equal(await page.locator('.screen').getAttribute('lang'), language);

      const admit = await screen.scanWithSimulateBox(validToken({ name: language === 'vi' ? 'Nguyễn Văn An' : 'Anna Nguyen' }));
      assert.equal(admit.outcome, 'admit');
      await clearStrip();
      await photograph(`admit-${language}`, `admit, ${language}`);

      const deny = await screen.scanWithSimulateBox(expiredToken({ name: language === 'vi' ? 'Trần Thị Bình' : 'Binh Tran' }));
      assert.equal(deny.outcome, 'deny');
      await clearStrip();
      await photograph(`deny-${language}`, `deny, ${language}`);

      await page.getByTestId('override-admit').click();
      await page.getByTestId('override-dialog').waitFor();
      await photograph(`override-dialog-${language}`, `override dialog, ${language}`);
      await page.getByTestId('override-cancel').click();

      const review = await screen.scanWithSimulateBox(validToken({ name: language === 'vi' ? 'Lê Văn Cường' : 'Cuong Le', result: 'medical-check' }));
      assert.equal(review.outcome, 'review');
      await clearStrip();
      await photograph(`review-${language}`, `review, ${language}`);

      await page.getByTestId('paper-open').click();
      await page.getByTestId('paper-dialog').waitFor();
      await photograph(`paper-dialog-${language}`, `paper declaration dialog, ${language}`);
      await page.getByTestId('paper-cancel').click();
      assert.equal(await page.getByTestId('paper-dialog').count(), 0);
    });
  }

  it('had no console error, CSP violation or failed request', () => {
    assert.deepEqual(problems.all(), []);
  });
});
