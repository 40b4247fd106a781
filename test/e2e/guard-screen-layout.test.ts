/**
 * End to end, in Debian's Chromium: the guard screen on kiosk panels — 800×480 (official Pi display), 1024×600 (7"
 * HDMI panel), 1280×800 and 1920×1080 — in Vietnamese and English, with a long checkpoint name and 30 rows of recent
 * scans. At every size and language the page never scrolls; the header's controls are whole (the checkpoint name one
 * line, the language button reachable); on a deny, a review (with an earlier result in the strip) and a guard's
 * override, the verdict, the name, the first reason (Vietnamese with its next step, then English) and the guard's
 * actions (override, undo) are on screen, not clipped and not covered; the recent list scrolls inside its own box;
 * the paper declaration's "no signs" path and the override dialog fit. Element boxes are measured
 * (test/support/screen-layout.ts); one screenshot per size and language is compared with its baseline.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { launchChromium, monitorPage, type LaunchedChromium, type PageProblems } from '../support/chromium.js';
import { GuardScreen } from '../support/guard-screen.js';
import { ContractClient, startHost, type RunningHost } from '../support/host-process.js';
import { assertNoPageScroll, assertOnScreen, PANEL_SIZES } from '../support/screen-layout.js';
import { expectScreenshot } from '../support/screenshot-compare.js';
import { expiredToken, validToken } from '../support/tokens.js';
import { closeBrowserAndHost } from '../support/e2e-session.js';

const CHECKPOINT = 'Cổng chính tòa nhà văn phòng Sở Y tế — lối vào phía đường Nguyễn Thị Minh Khai, Quận 1';
const HEADER = ['checkpoint-name', 'direction-in', 'direction-out', 'camera-toggle', 'paper-open', 'settings-open', 'language-toggle'];
const VERDICT = ['result-word', 'result-person', 'result-first-reason'];
/**
 * What changes by itself in these photos: the lamps and relay (timers), the counters and the recent rows' reasons
 * (other sizes' scans, "already inside since 12:09").
 */
const MASK = ['.hardware', '.counters', '.recent__reason'];

describe('the guard screen at kiosk panel sizes, in both languages', () => {
  let host: RunningHost | undefined;
  let chromium: LaunchedChromium | undefined;
  const problems: PageProblems[] = [];

  beforeAll(async () => {
    [host, chromium] = await Promise.all([
      startHost({
        direction: 'both',
        extraConfig: { display: { resultHoldSeconds: 120 }, checkpoint: { id: 'cp-layout', name: CHECKPOINT, direction: 'both', timeZone: 'Asia/Ho_Chi_Minh' } },
      }),
      launchChromium(),
    ]);
    // 30 earlier scans, so the recent list is full (as after a busy morning).
    const client = await ContractClient.connect(host.url);
    try {
      for (let i = 0; i < 30; i++) {
        const name = `Người quét số ${i + 1}`;
        await client.call('submitScan', { payload: i % 3 === 0 ? expiredToken({ name }) : validToken({ name }), source: 'simulated' });
      }
    } finally {
      client.close();
    }
  });

  afterAll(async () => {
    await closeBrowserAndHost(chromium, host);
  });

  for (const size of PANEL_SIZES) {
    const tag = `${size.width}x${size.height}`;
    it(`${size.width}×${size.height}: nothing the guard needs is off screen, in Vietnamese and English`, async () => {
      for (const language of ['vi', 'en'] as const) {
        const label = `${tag} ${language}`;
        const page = await chromium!.context.newPage();
        problems.push(await monitorPage(page));
        await page.setViewportSize(size);
        const screen = new GuardScreen(page);
        await screen.open(host!.url, CHECKPOINT);
        if (language === 'en') await screen.byTestId('language-toggle').click();
        await page.locator(`.screen[lang="${language}"]`).waitFor();

        // Ready, with a full recent list: the header is whole, the list scrolls in its own box.
        await assertNoPageScroll(page, `${label} ready`);
        const [name] = await assertOnScreen(page, [...HEADER, 'recent-box'], `${label} ready`);
        const fontSize = await screen.byTestId('checkpoint-name').evaluate((h) => parseFloat(getComputedStyle(h).fontSize));
        assert.ok(name!.box.height <= fontSize * 1.6, `${label}: the checkpoint name is one line (${name!.box.height} px high, font ${fontSize} px)`);
        const list = await page.locator('.recent').evaluate((box) => ({ scroll: box.scrollHeight, client: box.clientHeight }));
        assert.ok(list.scroll > list.client, `${label}: 30 recent rows overflow their box (${list.scroll} > ${list.client}), which scrolls`);
        assert.equal(await screen.byTestId('recent-row').count(), 30);

        // A deny: verdict, name, first reason and the override button.
        const deny = await screen.scanWithSimulateBox(expiredToken({ name: 'Trần Thị Bình Phương Thảo' }));
        assert.equal(deny.outcome, 'deny');
        await assertNoPageScroll(page, `${label} deny`);
        await assertOnScreen(page, [...VERDICT, 'override-admit', 'language-toggle'], `${label} deny`);

        // A review (medical check) while an admit and the deny move to the strip of earlier results: photographed.
        const ref = randomBytes(16);
        assert.equal((await screen.scanWithSimulateBox(validToken({ name: 'Lê Văn Cường', subjectRef: ref }))).outcome, 'admit');
        const medical = await screen.scanWithSimulateBox(validToken({ name: 'Phạm Thị Dung', result: 'medical-check' }));
        assert.equal(medical.outcome, 'review');
        await assertNoPageScroll(page, `${label} review`);
        await assertOnScreen(page, [...VERDICT, 'override-admit', 'override-refuse', 'earlier', 'language-toggle'], `${label} review`);
        await expectScreenshot(page, `layout-review-${tag}-${language}`, MASK);

        // Already inside: two reasons, the first naming the long checkpoint (its time of day is why it is not photographed).
        const review = await screen.scanWithSimulateBox(validToken({ name: 'Lê Văn Cường', subjectRef: ref }));
        assert.equal(review.outcome, 'review');
        assert.deepEqual(review.reasons, ['ALREADY_INSIDE', 'DECLARATION_VALID']);
        await assertNoPageScroll(page, `${label} already inside`);
        await assertOnScreen(page, [...VERDICT, 'override-admit', 'override-refuse', 'earlier', 'language-toggle'], `${label} already inside`);

        // The override dialog fits; after the override the undo button is on screen with the green result.
        await screen.byTestId('override-admit').click();
        await assertOnScreen(page, ['override-reason', 'override-note', 'override-cancel', 'override-confirm'], `${label} override dialog`);
        await screen.byTestId('override-reason').selectOption('IDENTITY_VERIFIED');
        await screen.byTestId('override-confirm').click();
        await page.locator('[data-testid="result"][data-outcome="admit"]').waitFor();
        await assertNoPageScroll(page, `${label} override`);
        await assertOnScreen(page, [...VERDICT, 'undo-override'], `${label} override`);

        // The paper declaration's five-action path fits without scrolling the dialog.
        await screen.byTestId('paper-open').click();
        await assertOnScreen(page, ['paper-fullName', 'paper-phone', 'paper-idNumber', 'paper-none', 'paper-some', 'paper-submit', 'paper-cancel'], `${label} paper`);
        await screen.byTestId('paper-some').click();
        await assertOnScreen(page, ['paper-q-fever-yes', 'paper-q-abroad-no', 'paper-submit'], `${label} paper questions`);
        await screen.byTestId('paper-cancel').click();
        await page.close();
      }
    });
  }

  it('had no console error, CSP violation or failed request', () => {
    assert.deepEqual(problems.flatMap((p) => p.all()), []);
  });
});
