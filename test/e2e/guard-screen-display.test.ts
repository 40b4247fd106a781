/**
 * End to end, in Debian's Chromium: what the guard screen shows around the scans — the language toggle (reasons stay
 * Vietnamese first), the TEST-key banner, the clock warning of a terminal without NTP sync, the security headers, and
 * the host process killed and started again (Vietnamese-first banner, statuses unknown meanwhile, automatic reconnect).
 */
import assert from 'node:assert/strict';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Page } from 'playwright-core';
import { timedatectlProbe } from '../../main/platform/clock-sync.js';
import { CHROMIUM_INSTALL_HINT, launchChromium, monitorPage, type LaunchedChromium, type PageProblems } from '../support/chromium.js';
import { assertAccessible } from '../support/axe.js';
import { assertReasonShown, GuardScreen, SCREENSHOTS } from '../support/guard-screen.js';
import { startHost, type RunningHost } from '../support/host-process.js';
import { validToken } from '../support/tokens.js';

const CHECKPOINT = 'Cổng thử nghiệm';
/** Result hold of the unsynchronised host: short, to see the screen return to "ready". */
const HOLD_SECONDS = 2;

const sawDisconnected = (page: Page) => page.evaluate(() => (window as unknown as Record<string, boolean>).__gateTestSawDisconnected === true);

describe('guard screen in Chromium: languages, banners, clock warning, headers', () => {
  let synced: RunningHost | undefined;
  let unsynced: RunningHost | undefined;
  let chromium: LaunchedChromium | undefined;
  const pages: { page: Page; screen: GuardScreen; problems: PageProblems; outage?: boolean }[] = [];

  async function openScreen(host: RunningHost): Promise<GuardScreen> {
    const page = await chromium!.context.newPage();
    const problems = await monitorPage(page);
    // Remembers whether the "lost connection" alert ever appeared, even for a frame, from the very first paint.
    await page.addInitScript(() => {
      new MutationObserver(() => {
        if (document.querySelector('[data-testid="disconnected"]')) (window as unknown as Record<string, boolean>).__gateTestSawDisconnected = true;
      }).observe(document, { subtree: true, childList: true });
    });
    const screen = new GuardScreen(page);
    pages.push({ page, screen, problems });
    await screen.open(host.url, CHECKPOINT);
    return screen;
  }

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    [synced, unsynced, chromium] = await Promise.all([
      startHost(),
      startHost({ clockSync: 'auto', extraConfig: { display: { resultHoldSeconds: HOLD_SECONDS } } }),
      launchChromium(),
    ]);
  });

  afterAll(async () => {
    try {
      await chromium?.close();
    } finally {
      await Promise.all([synced?.stop(), unsynced?.stop()]);
      for (const host of [synced, unsynced]) if (host) rmSync(host.dataDir, { recursive: true, force: true });
    }
  });

  it('fails, not skips, with the install command when Chromium is missing', async () => {
    await assert.rejects(launchChromium({ executablePath: '/nonexistent/chromium' }), (error: Error) => {
      assert.ok(error.message.includes(CHROMIUM_INSTALL_HINT), error.message);
      assert.ok(error.message.includes('apt-get install -y chromium'));
      return true;
    });
  });

  it('serves the screen with a Content-Security-Policy that Chromium accepts', async () => {
    const response = await fetch(synced!.url);
    assert.equal(response.status, 200);
    const csp = response.headers.get('content-security-policy');
    assert.ok(csp, 'GET / has a Content-Security-Policy header');
    for (const directive of ["default-src 'none'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "object-src 'none'"]) {
      assert.ok(csp.includes(directive), `CSP has ${directive}: ${csp}`);
    }
    assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'|\s\*(\s|;|$)/, csp);
    // Chromium rejects IPv6 literals in source lists (and logs a console error): 'self' covers the page's own ws.
    assert.doesNotMatch(csp, /\[/, csp);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
  });

  it('switches the labels to English and back; reasons stay Vietnamese first', async () => {
    const screen = await openScreen(synced!);
    const { page } = screen;
    assert.ok(await screen.byTestId('test-key-banner').isVisible(), 'TEST-key banner visible');
    assert.match((await screen.byTestId('test-key-banner').innerText()) ?? '', /KHÓA THỬ NGHIỆM/);
    assert.equal(await sawDisconnected(page), false, 'no "lost connection" alert flashed while the page was connecting');

    const shown = await screen.scanWithSimulateBox(validToken({ name: 'Nguyễn Văn An' }));
    assert.equal(shown.outcome, 'admit');
    assert.ok(shown.text.includes('ĐƯỢC VÀO'));

    await screen.byTestId('language-toggle').click();
    await page.getByText('In today').waitFor();
    for (const label of ['Out today', 'Inside now', 'ADMITTED', 'Recent scans', 'Test scan (simulated hardware)', 'Tiếng Việt']) {
      assert.ok(await page.getByText(label, { exact: true }).first().isVisible(), `English label "${label}" visible`);
    }
    assert.equal(await page.getByText('Vào hôm nay').count(), 0, 'no Vietnamese counter label left');
    assert.match((await screen.byTestId('test-key-banner').innerText()) ?? '', /TEST issuer key is trusted/);
    const inEnglish = await screen.resultFor(shown.seq);
    assertReasonShown(inEnglish, 'DECLARATION_VALID');
    const order = await screen.result.locator('[data-reason] > p').evaluateAll((ps) => ps.map((p) => p.getAttribute('lang')));
    assert.deepEqual(order, ['vi', 'en'], 'the reason reads Vietnamese first, English second, whatever the toggle');
    await page.screenshot({ path: join(SCREENSHOTS, 'admit-en.png') });
    await assertAccessible(page, 'admit result, English, with the TEST-key banner');

    await screen.byTestId('language-toggle').click();
    await page.getByText('Vào hôm nay').waitFor();
    assert.ok(await page.getByText('ĐƯỢC VÀO').first().isVisible());
    assert.equal(await page.getByText('In today').count(), 0);
  });

  it('warns "Đồng hồ chưa đồng bộ" in the footer when the host cannot confirm clock sync', async () => {
    const machineSynced = await timedatectlProbe()();
    console.log(`this machine's clock ${machineSynced ? 'IS' : 'is not'} NTP-synchronised`);
    const screen = await openScreen(unsynced!);
    const footer = screen.page.locator('footer');
    if (machineSynced) {
      assert.doesNotMatch((await footer.innerText()) ?? '', /Đồng hồ chưa đồng bộ/, 'a synchronised machine shows no warning');
      return;
    }
    await footer.getByText('Đồng hồ chưa đồng bộ').waitFor();
    const shown = await screen.scanWithSimulateBox(validToken({ name: 'Nguyễn Văn An' }));
    assert.equal(shown.outcome, 'admit', 'policy "warn": admitted, with the clock reason added');
    assert.deepEqual(shown.reasons, ['DECLARATION_VALID', 'CLOCK_NOT_SYNCHRONISED']);
    assertReasonShown(shown, 'CLOCK_NOT_SYNCHRONISED');
    // The synchronised host (assume-synchronised) must not show the warning.
    const other = pages[0]!.page.locator('footer');
    assert.doesNotMatch((await other.innerText()) ?? '', /Đồng hồ chưa đồng bộ|Clock not synchronised/);
    // After the hold time the screen is ready for the next person.
    await screen.page.locator('[data-testid="result"][data-outcome="ready"]').waitFor();
  });

  it('says so when the host goes away, refuses scans meanwhile, and recovers when it is back', async () => {
    const watched = pages[0]!;
    const { page, screen } = watched;
    assert.deepEqual(watched.problems.all(), [], 'no problems before the outage');
    watched.outage = true;
    const { port } = new URL(synced!.url);
    const dataDir = synced!.dataDir;
    // The host process is killed outright (no goodbye on the socket), as a crash would.
    synced!.child.kill('SIGKILL');
    await synced!.exited;
    await screen.byTestId('disconnected').waitFor();
    // Vietnamese first, each language with what to do meanwhile; no raw code.
    const banner = await screen.byTestId('disconnected').locator('p').allInnerTexts();
    assert.deepEqual(banner, [
      'Màn hình mất kết nối với máy kiểm soát. Đang tự kết nối lại; kiểm tra người vào bằng mắt hoặc tờ khai giấy trong lúc chờ.',
      'The screen lost its connection to the terminal. Reconnecting by itself; check people by eye or on paper meanwhile.',
    ]);
    // Every status reads "unknown" while the host is away, not its last value ("Đang khóa", "đã kết nối", counters).
    assert.equal(await screen.byTestId('relay').getAttribute('data-position'), 'unknown');
    assert.match(await screen.byTestId('relay').innerText(), /Cổng: không rõ/);
    assert.equal(await screen.byTestId('lights').getAttribute('data-color'), 'unknown');
    for (const status of await screen.byTestId('scanner-status').all()) {
      assert.equal(await status.getAttribute('data-health'), 'unknown');
      assert.doesNotMatch(await status.innerText(), /đã kết nối/);
    }
    assert.deepEqual([await screen.byTestId('count-in').innerText(), await screen.byTestId('count-inside').innerText()], ['—', '—']);
    await screen.byTestId('simulate-input').fill(validToken());
    await screen.byTestId('simulate-submit').click();
    await page.locator('[data-testid="result"][data-outcome="error"]').waitFor();
    assert.equal(await screen.result.getAttribute('data-code'), 'CONNECTION_LOST');
    const error = await screen.byTestId('result-error').innerText();
    assert.match(error, /^Màn hình mất kết nối với máy kiểm soát\./);
    assert.doesNotMatch(error, /CONNECTION_LOST|not connected/);
    await assertAccessible(page, 'lost connection: alert banner and system error result');

    synced = await startHost({ dataDir, extraConfig: { host: { port: Number(port), mode: 'browser' } } });
    assert.equal(synced.url, `http://127.0.0.1:${port}/`);
    // The screen reconnects by itself (no reload) and the statuses are known again.
    await page.locator('[data-testid="disconnected"]').waitFor({ state: 'detached' });
    await page.locator('[data-testid="relay"][data-position="locked"]').waitFor();
    assert.equal(await screen.byTestId('scanner-status').first().getAttribute('data-health'), 'connected');
    // The fresh snapshot comes from the register on disk: the earlier entry and today's counters survived.
    await screen.expectCounters({ in: 1, out: 0, inside: 1 });
    assert.equal(await screen.byTestId('recent-row').count(), 1);
    const shown = await screen.scanWithSimulateBox(validToken({ name: 'Nguyễn Văn An' }));
    assert.equal(shown.outcome, 'admit');
  });

  it('logged no console errors, no CSP violations and no failed requests', () => {
    assert.ok(pages.length >= 2, 'both screens were opened');
    // While the host was down Chromium logs each refused reconnection attempt; that, and only that, is expected.
    const refused = /^console error: WebSocket connection to 'ws:\/\/[^']+\/bridge' failed: .*ERR_CONNECTION_REFUSED/;
    for (const { page, problems, outage } of pages) {
      assert.deepEqual(problems.all().filter((p) => !(outage && refused.test(p))), [], page.url());
    }
  });
});
