/**
 * Measures the guard screen as a panel shows it: the page must not scroll, and each named element must be wholly
 * inside the viewport, not clipped by a scrolling or overflow-hidden ancestor, and not covered by another element
 * (the point at its centre hits it). Used at every kiosk panel size by test/e2e/guard-screen-layout.test.ts.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';

/** The panel sizes the guard screen is designed for (docs/guard-screen.md, "Panel sizes"). */
export const PANEL_SIZES = [
  { width: 800, height: 480 },
  { width: 1024, height: 600 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface Measured {
  readonly testId: string;
  readonly box: Box;
  /** Why it is not fully visible, or undefined when it is. */
  readonly problem?: string;
}

/** Asserts the document is exactly the viewport: no page scroll in either direction. */
export async function assertNoPageScroll(page: Page, label: string): Promise<void> {
  const size = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    scrollHeight: document.documentElement.scrollHeight,
    width: window.innerWidth,
    height: window.innerHeight,
  }));
  assert.ok(size.scrollHeight <= size.height && size.scrollWidth <= size.width, `${label}: the page scrolls (${size.scrollWidth}×${size.scrollHeight} in ${size.width}×${size.height})`);
}

/** Measures the first element of each data-testid; see the module comment for what "visible" means here. */
export async function measure(page: Page, testIds: readonly string[]): Promise<Measured[]> {
  return page.evaluate((ids) => {
    return ids.map((testId) => {
      const element = document.querySelector(`[data-testid="${testId}"]`);
      if (!element) return { testId, box: { x: 0, y: 0, width: 0, height: 0 }, problem: 'not in the page' };
      const r = element.getBoundingClientRect();
      const box = { x: r.x, y: r.y, width: r.width, height: r.height };
      const EPS = 0.5;
      if (r.width === 0 || r.height === 0) return { testId, box, problem: 'has no size' };
      if (r.left < -EPS || r.top < -EPS || r.right > window.innerWidth + EPS || r.bottom > window.innerHeight + EPS) return { testId, box, problem: 'outside the viewport' };
      for (let a = element.parentElement; a; a = a.parentElement) {
        const style = getComputedStyle(a);
        if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
        const c = a.getBoundingClientRect();
        if (r.left < c.left - EPS || r.top < c.top - EPS || r.right > c.right + EPS || r.bottom > c.bottom + EPS) {
          return { testId, box, problem: `clipped by <${a.tagName.toLowerCase()} class="${a.className}">` };
        }
      }
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      if (!hit || !(hit === element || element.contains(hit))) return { testId, box, problem: `covered by <${hit?.tagName.toLowerCase()} class="${hit?.className}">` };
      return { testId, box };
    });
  }, testIds);
}

/** Asserts every element is fully on screen; the message lists each one that is not, with its box. */
export async function assertOnScreen(page: Page, testIds: readonly string[], label: string): Promise<Measured[]> {
  const measured = await measure(page, testIds);
  const bad = measured.filter((m) => m.problem);
  const describe = (m: Measured) => `${m.testId}: ${m.problem} (x=${m.box.x.toFixed(0)} y=${m.box.y.toFixed(0)} ${m.box.width.toFixed(0)}×${m.box.height.toFixed(0)})`;
  assert.deepEqual(bad.map(describe), [], `${label}: not fully on screen`);
  return measured;
}
