/**
 * The guard screen's settled signal (renderer/settled-signal.ts), which the screenshot comparisons wait for: in
 * Chromium against a real host, `<html data-settled>` is "0" while a scan's call waits for its answer and while a
 * finite transition runs, "1" again once they are over; an endless animation (the lamp blink) does not hold it.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, monitorPage, type LaunchedChromium, type PageProblems } from '../support/chromium.js';
import { GuardScreen } from '../support/guard-screen.js';
import { startHost, type RunningHost } from '../support/host-process.js';
import { closeBrowserAndHost } from '../support/e2e-session.js';
import { untilSettled } from '../support/screenshot-compare.js';
import { validToken } from '../support/tokens.js';

/** Data-settled changes from now on, with the page's clock, so a test can order them against other events. */
async function recordSignal(page: Page): Promise<void> {
  await page.evaluate(() => {
    const log: { value: string; at: number }[] = [];
    (window as unknown as Record<string, unknown>)['__gateTestSettled'] = log;
    new MutationObserver(() => log.push({ value: document.documentElement.dataset.settled ?? '', at: performance.now() })).observe(document.documentElement, {
      attributes: true,
      attributeFilter: ['data-settled'],
    });
  });
}

/** Waits for `n` animation frames in the page: time for a wrong "settled" to show, without a clock budget. */
function frames(page: Page, n: number): Promise<void> {
  return page.evaluate(async (count) => {
    for (let i = 0; i < count; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
  }, n);
}

/**
 * Relays the screen's WebSocket bridge and, while `hold` is on, keeps back the host's answers to submitScan calls
 * (its pushed events still pass), so the test can look at the screen while a call waits for its answer.
 */
async function holdScanAnswers(page: Page): Promise<{ hold: boolean; held: string[]; release(): void }> {
  const control = {
    hold: false,
    held: [] as string[],
    release: () => undefined as void,
  };
  await page.routeWebSocket(/\/bridge$/, (ws) => {
    const server = ws.connectToServer();
    const scanCalls = new Set<number>();
    ws.onMessage((message) => {
      const call = JSON.parse(String(message)) as { id?: number; method?: string };
      if (call.method === 'submitScan' && call.id !== undefined) scanCalls.add(call.id);
      server.send(message);
    });
    server.onMessage((message) => {
      const answer = JSON.parse(String(message)) as { type: string; id?: number };
      if (control.hold && answer.type !== 'event' && answer.id !== undefined && scanCalls.has(answer.id)) control.held.push(String(message));
      else ws.send(message);
    });
    control.release = () => {
      control.hold = false;
      for (const message of control.held.splice(0)) ws.send(message);
    };
  });
  return control;
}

describe('the guard screen says when it has settled', () => {
  let host: RunningHost | undefined;
  let chromium: LaunchedChromium | undefined;
  let page: Page;
  let problems: PageProblems;
  let screen: GuardScreen;
  let answers: Awaited<ReturnType<typeof holdScanAnswers>>;

  beforeAll(async () => {
    [host, chromium] = await Promise.all([startHost(), launchChromium()]);
    page = await chromium.context.newPage();
    problems = await monitorPage(page);
    answers = await holdScanAnswers(page);
    screen = new GuardScreen(page);
    await screen.open(host.url, 'Cổng thử nghiệm');
  });

  afterAll(() => closeBrowserAndHost(chromium, host));

  it('is unsettled while a scan waits for its answer, settled once the answer is painted', async () => {
    await untilSettled(page);
    answers.hold = true;
    await screen.byTestId('simulate-input').fill(validToken({ name: 'Nguyễn Văn An' }));
    await screen.byTestId('simulate-submit').click();
    while (answers.held.length === 0) await frames(page, 1); // until the host has answered (and the answer is held)
    await frames(page, 10);
    assert.equal(await page.evaluate(() => document.documentElement.dataset.settled), '0', 'not settled while the scan waits for its answer');
    answers.release();
    await untilSettled(page);
    const shown = await screen.resultFor(1);
    assert.equal(shown.outcome, 'admit');
    assert.equal(shown.person, 'Nguyễn Văn An');
  });

  it('stays unsettled while a finite transition runs, and is not held by an endless animation', async () => {
    await untilSettled(page);
    await recordSignal(page);
    // A transition started from script (CSSOM, allowed by the screen's CSP), as a class change would start one.
    await page.evaluate(() => {
      const panel = document.querySelector<HTMLElement>('[data-testid="side-panel"]')!;
      const w = window as unknown as Record<string, Promise<number>>;
      w['__gateTestTransitionEnd'] = new Promise<number>((resolve) => panel.addEventListener('transitionend', () => resolve(performance.now()), { once: true }));
      panel.style.transition = 'opacity 600ms linear';
      panel.style.opacity = '0.5';
    });
    await untilSettled(page);
    const { ended, log } = await page.evaluate(async () => {
      const w = window as unknown as Record<string, unknown>;
      return { ended: await (w['__gateTestTransitionEnd'] as Promise<number>), log: w['__gateTestSettled'] as { value: string; at: number }[] };
    });
    const settledAt = log.filter((entry) => entry.value === '1').at(-1)!.at;
    assert.ok(log.some((entry) => entry.value === '0'), `went unsettled for the transition: ${JSON.stringify(log)}`);
    assert.ok(settledAt >= ended, `settled at ${settledAt.toFixed(0)} ms, the transition ended at ${ended.toFixed(0)} ms`);

    // The lamp blink (renderer/styles.css) never ends: the screen settles with it running.
    await page.evaluate(() => {
      document.querySelector<HTMLElement>('[data-testid="side-panel"]')!.style.animation = 'blink 0.5s steps(1) infinite';
    });
    await untilSettled(page);
    assert.equal(await page.evaluate(() => document.querySelector('[data-testid="side-panel"]')!.getAnimations().filter((a) => a.playState === 'running').length), 1, 'the blink runs while settled');
    assert.deepEqual(problems.all(), []);
  });
});
