/**
 * The guard screen as the tests see it: locators by data-testid, and scan helpers that wait for the result of *that*
 * scan (by its register sequence number) and time it from the Enter key in the page.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { REASON_TEXTS, type Direction, type Outcome, type ReasonCode } from '../../core/index.js';
import { ROOT } from './paths.js';
import { typeLikeWedgeScanner } from './wedge-keyboard.js';

/** Where the e2e tests leave screenshots of the guard screen (for a human to look at). */
export const SCREENSHOTS = join(ROOT, 'test', 'e2e', '__screenshots__');

export interface ShownResult {
  readonly seq: number;
  readonly outcome: Outcome;
  readonly direction: Direction;
  readonly source: string;
  readonly reasons: ReasonCode[];
  readonly person: string;
  readonly text: string;
}

export interface Counters {
  readonly in: number;
  readonly out: number;
  readonly inside: number;
}

/** Asserts the reason's four texts (message + next step, vi + en) are on screen, Vietnamese before English. */
export function assertReasonShown(shown: ShownResult, code: ReasonCode): void {
  const { vi, en } = REASON_TEXTS[code];
  for (const text of [vi.message, vi.next, en.message, en.next]) {
    assert.ok(shown.text.includes(text), `result ${shown.seq} shows "${text}"\n${shown.text}`);
  }
  assert.ok(shown.text.indexOf(vi.message) < shown.text.indexOf(en.message), `Vietnamese before English in result ${shown.seq}`);
}

const RESULT_LOG = '__gateTestResults';
const LIGHTS_LOG = '__gateTestLights';

/** Attempts per wedge scan when the test harness (not the screen) splits the scan by stalling between keys. */
const WEDGE_ATTEMPTS = 3;

export class GuardScreen {
  /** Register sequence number of the next result: the tests' hosts have no other scanner than this screen. */
  private nextSeq = 1;
  /**
   * Results of wedge scans the harness split (see `WedgeTyping.splitByHarness`): real register rows, so a test that
   * counts rows must count these too. Empty unless the machine was badly overloaded.
   */
  readonly strays: ShownResult[] = [];

  /** Page clock (performance.now) when the latest scan began: lights are checked from there on. */
  private scanStartedAt = 0;

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
    await this.byTestId('checkpoint-name').filter({ hasText: checkpointName }).waitFor();
    await this.watchResults();
    // The snapshot (checkpoint name, recent rows) arrives in one render: the newest row gives the next seq.
    const seqs = await this.byTestId('recent-row').evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-seq'))));
    this.nextSeq = Math.max(0, ...seqs) + 1;
  }

  /**
   * Records in the page when each result (by seq) first appears in the DOM, on the page's own clock, so the
   * scan → result time excludes the test's polling; and every colour the lights take, so a test sees a pattern that
   * was over before it looked (on a loaded machine the test looks late).
   */
  private async watchResults(): Promise<void> {
    await this.page.evaluate(
      ([name, lightsName]) => {
        const w = window as unknown as Record<string, unknown>;
        const log: { seq: number; outcome: string; at: number }[] = [];
        const lights: { color: string; at: number }[] = [];
        w[name] = log;
        w[lightsName] = lights;
        let last = '';
        const colour = () => document.querySelector('[data-testid="lights"]')?.getAttribute('data-color') ?? '';
        lights.push({ color: colour(), at: performance.now() });
        new MutationObserver(() => {
          const color = colour();
          if (color !== lights.at(-1)!.color) lights.push({ color, at: performance.now() });
          const element = document.querySelector('[data-testid="result"]');
          const seq = element?.getAttribute('data-seq') ?? '';
          if (seq === '' || seq === last) return;
          last = seq;
          log.push({ seq: Number(seq), outcome: element?.getAttribute('data-outcome') ?? '', at: performance.now() });
        }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-seq', 'data-outcome', 'data-color'] });
      },
      [RESULT_LOG, LIGHTS_LOG] as const,
    );
  }

  /** The result panel for register entry `seq`, once shown. */
  async resultFor(seq: number): Promise<ShownResult> {
    const panel = this.page.locator(`[data-testid="result"][data-seq="${seq}"]`);
    await panel.waitFor();
    const attribute = async (name: string) => (await panel.getAttribute(name)) ?? '';
    const reasons = (await panel.locator('[data-reason]').evaluateAll((items) => items.map((li) => li.getAttribute('data-reason')))) as ReasonCode[];
    return {
      seq,
      outcome: (await attribute('data-outcome')) as Outcome,
      direction: (await attribute('data-direction')) as Direction,
      source: await attribute('data-source'),
      reasons,
      person: (await panel.getByTestId('result-person').textContent()) ?? '',
      text: (await panel.innerText()) ?? '',
    };
  }

  /** ms from the Enter keydown (page clock) to the moment result `seq` was in the DOM. */
  async shownAt(seq: number): Promise<number> {
    const log = await this.page.evaluate((name) => (window as unknown as Record<string, { seq: number; at: number }[]>)[name] ?? [], RESULT_LOG);
    const hit = log.find((r) => r.seq === seq);
    assert.ok(hit, `result ${seq} was never observed in the DOM (observed: ${log.map((r) => r.seq).join(', ')})`);
    return hit.at;
  }

  /**
   * Scans through the wedge (real key events) and returns the result with its Enter → shown time. If the harness
   * stalled between two keys for longer than the decoder's window, the screen rightly saw a different scan: that
   * fragment's row is noted in `strays` and the payload is scanned again.
   */
  async scanWithWedge(payload: string): Promise<ShownResult & { elapsedMs: number; attempts: number }> {
    this.scanStartedAt = await this.page.evaluate(() => performance.now());
    for (let attempt = 1; ; attempt++) {
      const typing = await typeLikeWedgeScanner(this.page, payload);
      if (!typing.splitByHarness) {
        const shown = await this.resultFor(this.nextSeq++);
        return { ...shown, elapsedMs: (await this.shownAt(shown.seq)) - typing.enterTimeStamp, attempts: attempt };
      }
      if (typing.fragmentDelivered) this.strays.push(await this.resultFor(this.nextSeq++));
      if (attempt === WEDGE_ATTEMPTS) {
        throw new Error(`the test harness stalled up to ${typing.maxGapMs.toFixed(0)} ms between keys in ${attempt} attempts: machine overloaded?`);
      }
    }
  }

  /** Scans through the simulate box (textarea + button), as a guard testing the terminal would. */
  async scanWithSimulateBox(payload: string): Promise<ShownResult> {
    this.scanStartedAt = await this.page.evaluate(() => performance.now());
    await this.byTestId('simulate-input').fill(payload);
    await this.byTestId('simulate-submit').click();
    return this.resultFor(this.nextSeq++);
  }

  async counters(): Promise<Counters> {
    const read = async (id: string) => Number(await this.byTestId(id).textContent());
    return { in: await read('count-in'), out: await read('count-out'), inside: await read('count-inside') };
  }

  /**
   * Waits until the counters equal `expected` (they arrive as a pushed event right after the entry). No time limit of
   * its own: wrong counters make the test time out (and vitest reports where it waited).
   */
  async expectCounters(expected: Counters): Promise<void> {
    let actual = await this.counters();
    while (JSON.stringify(actual) !== JSON.stringify(expected)) {
      await this.page.waitForTimeout(20); // poll interval
      actual = await this.counters();
    }
    assert.deepEqual(actual, expected, 'counters on screen');
  }

  /**
   * Waits until the lights have shown `color` since the latest scan began (or showed it then). Patterns return to off
   * after a few seconds: the page's own record counts, not what is lit when the test looks.
   */
  async expectLights(color: 'green' | 'red' | 'amber' | 'off'): Promise<void> {
    await this.page.waitForFunction(
      ([name, wanted, since]) => {
        const lights = (window as unknown as Record<string, { color: string; at: number }[]>)[name] ?? [];
        const atScan = lights.filter((l) => l.at <= since).at(-1);
        return atScan?.color === wanted || lights.some((l) => l.at >= since && l.color === wanted);
      },
      [LIGHTS_LOG, color, this.scanStartedAt] as const,
      { polling: 50 },
    );
  }

  async setDirection(direction: 'in' | 'out'): Promise<void> {
    await this.byTestId(`direction-${direction}`).click();
    await this.page.locator(`[data-testid="direction"][data-direction="${direction}"]`).waitFor();
  }
}
