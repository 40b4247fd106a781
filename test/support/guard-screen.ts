/**
 * The guard screen as the tests see it: locators by data-testid, and scan helpers that wait for the result of *that*
 * scan (by its register sequence number) and time it from the Enter key in the page.
 */
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import type { Outcome, ReasonCode } from '../../core/index.js';
import { typeLikeWedgeScanner } from './wedge-keyboard.js';

export interface ShownResult {
  readonly seq: number;
  readonly outcome: Outcome;
  readonly reasons: ReasonCode[];
  readonly person: string;
  readonly text: string;
}

export interface Counters {
  readonly in: number;
  readonly out: number;
  readonly inside: number;
}

const RESULT_LOG = '__gateTestResults';

export class GuardScreen {
  constructor(readonly page: Page) {}

  byTestId(id: string): Locator {
    return this.page.getByTestId(id);
  }

  get result(): Locator {
    return this.byTestId('result');
  }

  /** Opens the screen and waits until the host's snapshot has arrived (the checkpoint name replaces "…"). */
  async open(url: string, checkpointName: string): Promise<void> {
    const response = await this.page.goto(url);
    assert.ok(response?.ok(), `GET ${url}: HTTP ${response?.status()}`);
    await this.byTestId('checkpoint-name').filter({ hasText: checkpointName }).waitFor({ timeout: 10_000 });
    await this.watchResults();
  }

  /**
   * Records in the page when each result (by seq) first appears in the DOM, on the page's own clock, so the
   * scan → result time excludes the test's polling.
   */
  private async watchResults(): Promise<void> {
    await this.page.evaluate((name) => {
      const w = window as unknown as Record<string, unknown>;
      const log: { seq: number; outcome: string; at: number }[] = [];
      w[name] = log;
      let last = '';
      new MutationObserver(() => {
        const element = document.querySelector('[data-testid="result"]');
        const seq = element?.getAttribute('data-seq') ?? '';
        if (seq === '' || seq === last) return;
        last = seq;
        log.push({ seq: Number(seq), outcome: element?.getAttribute('data-outcome') ?? '', at: performance.now() });
      }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-seq', 'data-outcome'] });
    }, RESULT_LOG);
  }

  /** The result panel for register entry `seq`, once shown. */
  async resultFor(seq: number): Promise<ShownResult> {
    const panel = this.page.locator(`[data-testid="result"][data-seq="${seq}"]`);
    await panel.waitFor({ timeout: 10_000 });
    const outcome = (await panel.getAttribute('data-outcome')) as Outcome;
    const reasons = (await panel.locator('[data-reason]').evaluateAll((items) => items.map((li) => li.getAttribute('data-reason')))) as ReasonCode[];
    return { seq, outcome, reasons, person: (await panel.getByTestId('result-person').textContent()) ?? '', text: (await panel.innerText()) ?? '' };
  }

  /** ms from the Enter keydown (page clock) to the moment result `seq` was in the DOM. */
  async shownAt(seq: number): Promise<number> {
    const log = await this.page.evaluate((name) => (window as unknown as Record<string, { seq: number; at: number }[]>)[name] ?? [], RESULT_LOG);
    const hit = log.find((r) => r.seq === seq);
    assert.ok(hit, `result ${seq} was never observed in the DOM (observed: ${log.map((r) => r.seq).join(', ')})`);
    return hit.at;
  }

  /** Scans through the wedge (real key events) and returns the result with its Enter → shown time. */
  async scanWithWedge(payload: string, seq: number): Promise<ShownResult & { elapsedMs: number }> {
    const typing = await typeLikeWedgeScanner(this.page, payload);
    const shown = await this.resultFor(seq);
    return { ...shown, elapsedMs: (await this.shownAt(seq)) - typing.enterTimeStamp };
  }

  /** Scans through the simulate box (textarea + button), as a guard testing the terminal would. */
  async scanWithSimulateBox(payload: string, seq: number): Promise<ShownResult> {
    await this.byTestId('simulate-input').fill(payload);
    await this.byTestId('simulate-submit').click();
    return this.resultFor(seq);
  }

  async counters(): Promise<Counters> {
    const read = async (id: string) => Number(await this.byTestId(id).textContent());
    return { in: await read('count-in'), out: await read('count-out'), inside: await read('count-inside') };
  }

  /** Waits until the counters equal `expected` (they arrive as a pushed event right after the entry). */
  async expectCounters(expected: Counters): Promise<void> {
    const deadline = Date.now() + 5000;
    let actual = await this.counters();
    while (JSON.stringify(actual) !== JSON.stringify(expected) && Date.now() < deadline) {
      await this.page.waitForTimeout(20);
      actual = await this.counters();
    }
    assert.deepEqual(actual, expected, 'counters on screen');
  }

  /** Waits for the lights element to show `color` (patterns return to off after a few seconds: check promptly). */
  async expectLights(color: 'green' | 'red' | 'amber' | 'off'): Promise<void> {
    await this.page.locator(`[data-testid="lights"][data-color="${color}"]`).waitFor({ timeout: 2000 });
  }

  async setDirection(direction: 'in' | 'out'): Promise<void> {
    await this.byTestId(`direction-${direction}`).click();
    await this.page.locator(`[data-testid="direction"][data-direction="${direction}"]`).waitFor({ timeout: 5000 });
  }
}
