/**
 * A person's phone on the hub's declaration page, for the e2e tests: touch-emulating Chromium contexts at the two
 * sizes that matter (360×740, the common cheap Android; 320×568, the smallest still in use), typing the form as a
 * person does, and a tap counter (a returning person's declaration is counted in taps, and nothing typed).
 */
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';

export const PHONE_SIZES = [
  { name: '360x740', width: 360, height: 740 },
  { name: '320x568', width: 320, height: 568 },
] as const;
export type PhoneSize = (typeof PHONE_SIZES)[number];

export interface Person {
  readonly name: string;
  readonly id: string;
}

export function phoneContext(browser: Browser, size: PhoneSize = PHONE_SIZES[0]): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: size.width, height: size.height },
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
    locale: 'vi-VN',
    serviceWorkers: 'allow',
  });
}

/** Collects what the page's strict CSP blocked and uncaught page errors, to assert there were none. */
export function watchForViolations(context: BrowserContext): string[] {
  const seen: string[] = [];
  context.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) seen.push(m.text());
  });
  context.on('weberror', (e) => seen.push(`uncaught: ${e.error().message}`));
  return seen;
}

/** Taps (touch events, as a finger) and counts them; `typed` counts fields typed into. */
export class Fingers {
  taps = 0;
  typed = 0;
  constructor(readonly page: Page) {}

  async tap(target: Locator | string): Promise<void> {
    const locator = typeof target === 'string' ? this.page.getByTestId(target) : target;
    await locator.tap();
    this.taps++;
  }

  async type(label: RegExp, value: string): Promise<void> {
    await this.page.getByLabel(label).fill(value);
    this.typed++;
  }
}

/** Types a person's details and answers the three questions (all "no" unless `yes` names some). */
export async function fillForm(fingers: Fingers, person: Person, yes: readonly string[] = []): Promise<void> {
  await fingers.type(/Họ và tên/, person.name);
  await fingers.type(/Năm sinh/, '1988');
  await fingers.type(/Số giấy tờ/, person.id);
  await fingers.type(/Số điện thoại/, '0987654321');
  for (const q of ['symptoms', 'contact', 'travel']) {
    await fingers.tap(fingers.page.locator(`label:has(input[name="${q}"][value="${yes.includes(q) ? 'yes' : 'no'}"])`));
  }
}

/** Submits and waits for the declaration card. */
export async function submitAndWait(fingers: Fingers): Promise<void> {
  await fingers.tap('submit');
  await fingers.page.getByTestId('my-declaration').waitFor();
}

/** The token the phone keeps in localStorage (what its QR encodes). */
export async function storedToken(page: Page): Promise<string> {
  const stored = await page.evaluate(() => localStorage.getItem('kbyt-declaration'));
  assert.ok(stored, 'a declaration is kept on the phone');
  return (JSON.parse(stored) as { token: string }).token;
}

/** Waits until the service worker controls the page and has kept this page's address for the door without network. */
export async function keptForOffline(page: Page): Promise<void> {
  const kept = () =>
    page.evaluate(async () => {
      if (!navigator.serviceWorker.controller) return false;
      for (const name of await caches.keys()) {
        if (await (await caches.open(name)).match(location.pathname)) return true;
      }
      return false;
    });
  // Polled from here: waitForFunction does not wait for a predicate's promise. No time limit of its own: the test's
  // timeout bounds it.
  while (!(await kept())) await new Promise((resolve) => setTimeout(resolve, 100)); // poll interval
}

/** Asserts the locator lies fully inside the viewport as the page is scrolled now. */
export async function assertOnScreen(page: Page, locator: Locator, what: string): Promise<void> {
  const box = await locator.boundingBox();
  const viewport = page.viewportSize()!;
  assert.ok(box, `${what} is rendered`);
  assert.ok(box.y >= 0 && box.y + box.height <= viewport.height, `${what} on screen at ${viewport.width}×${viewport.height}: y ${box.y.toFixed(0)}–${(box.y + box.height).toFixed(0)}`);
}

/** The visible touch targets smaller than 44×44 CSS px (a radio or checkbox counts as the label around it). */
export function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const targets = document.querySelectorAll<HTMLElement>('input:not([type=hidden]):not([type=radio]):not([type=checkbox]), select, button, a[href], label:has(input[type=radio]), label:has(input[type=checkbox])');
    return Array.from(targets)
      .filter((el) => el.getClientRects().length > 0)
      .map((el) => ({ el, box: el.getBoundingClientRect() }))
      .filter(({ box }) => box.width < 44 || box.height < 44)
      .map(({ el, box }) => `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 30) || el.getAttribute('name')}" ${box.width.toFixed(0)}×${box.height.toFixed(0)}`);
  });
}
