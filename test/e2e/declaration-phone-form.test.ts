/**
 * Issue 18, the person with a phone, in Debian Chromium with touch at 360×740 and 320×568 against a real hub: problems
 * shown beside their fields (each naming its question, linked with aria-describedby, focus on the first), from the
 * phone's own check and from the hub's; touch targets ≥ 44×44; the keyboards and autofill hints; the result scrolled
 * into view with the name and validity on screen; declaring again pre-filled from the phone in ≤ 3 taps; "Xóa dữ liệu
 * trên máy này". axe-core and screenshot baselines of each state.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { assertAccessible } from '../support/axe.js';
import { launchChromium, type LaunchedChromium } from '../support/chromium.js';
import { CHECKPOINT, startTestHub, type TestHub } from '../support/hub-fixture.js';
import { watchForViolations, assertOnScreen, fillForm, Fingers, phoneContext, PHONE_SIZES, smallTargets, storedToken, submitAndWait } from '../support/phone-page.js';
import { expectScreenshot } from '../support/screenshot-compare.js';

let hub: TestHub;
let chromium: LaunchedChromium;
let browser: Browser;

beforeAll(async () => {
  hub = await startTestHub('sqlite');
  chromium = await launchChromium();
  browser = chromium.browser!;
});

afterAll(async () => {
  await chromium?.close();
  await hub?.dispose();
});

/** What the page shows beside each field: the slot's text and whether the control points at it. */
function fieldProblems(page: Page) {
  return page.evaluate(() =>
    ['fullName', 'birthYear', 'idNumber', 'phone', 'symptoms', 'contact', 'travel'].map((field) => {
      const slot = document.getElementById(`e-${field}`)!;
      const control = document.querySelector<HTMLElement>(`[name="${field}"]`)!;
      const box = control.closest('.field, fieldset')!;
      return { field, text: slot.hidden ? '' : slot.innerText, linked: control.getAttribute('aria-describedby') === slot.id, beside: box.contains(slot), invalid: control.getAttribute('aria-invalid') === 'true' };
    }),
  );
}
const focusedName = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('name') ?? document.activeElement?.id ?? '');

for (const size of PHONE_SIZES) {
  describe(`the declaration form at ${size.width}×${size.height}`, () => {
    it('shows each problem beside its field, naming its question, and moves the focus to the first', async () => {
      const context = await phoneContext(browser, size);
      const violations = watchForViolations(context);
      try {
        const page = await context.newPage();
        await page.goto(`${hub.url}/c/${CHECKPOINT}`);
        const fingers = new Fingers(page);
        await fingers.tap('submit');
        const shown = await fieldProblems(page);
        for (const p of shown) {
          assert.ok(p.text && p.linked && p.beside && p.invalid, `${p.field}: ${JSON.stringify(p)}`);
        }
        const questions = shown.filter((p) => ['symptoms', 'contact', 'travel'].includes(p.field)).map((p) => p.text);
        assert.equal(new Set(questions).size, 3, `three different question problems: ${questions.join(' | ')}`);
        assert.match(questions[0]!, /Câu 1 \(sốt, ho/);
        assert.match(questions[1]!, /Câu 2 \(tiếp xúc ca bệnh\)/);
        assert.match(questions[2]!, /Câu 3 \(đi qua vùng có dịch\)/);
        assert.equal(await focusedName(page), 'fullName');
        assert.equal(await page.getByTestId('problems').innerText(), '', 'nothing left at the bottom of the form');
        await assertAccessible(page, `form with problems ${size.name}`);
        await expectScreenshot(page, `declare-phone-problems-${size.name}`, ['#e-birthYear']); // its years move with the calendar

        // The hub's own check (the phone's pattern passes a 4-digit year of 1800): its problem lands beside the field.
        await fillForm(fingers, { name: 'Vũ Thị Hoa', id: `07908800${size.width}1` });
        await page.getByLabel(/Năm sinh/).fill('1800');
        await fingers.tap('submit');
        await page.locator('#e-birthYear:not([hidden])').waitFor();
        assert.match(await page.locator('#e-birthYear').innerText(), /Năm sinh: 4 chữ số, từ \d{4} đến \d{4}/);
        assert.equal(await focusedName(page), 'birthYear');
        assert.deepEqual((await fieldProblems(page)).filter((p) => p.text).map((p) => p.field), ['birthYear']);
        await page.getByLabel(/Năm sinh/).fill('1988');
        assert.deepEqual((await fieldProblems(page)).filter((p) => p.text || p.invalid).map((p) => p.field), [], 'typed right: the problem goes');
        assert.deepEqual(violations, [], 'nothing blocked by the CSP, no uncaught error');
    } finally {
        await context.close();
      }
    });

    it('has touch targets of at least 44×44 px, the numeric keyboard and autofill hints, and the result on screen', async () => {
      const context = await phoneContext(browser, size);
      const violations = watchForViolations(context);
      try {
        const page = await context.newPage();
        await page.goto(`${hub.url}/c/${CHECKPOINT}`);
        assert.deepEqual(await smallTargets(page), [], 'form');
        const attrs = (label: RegExp) => page.getByLabel(label).evaluate((el) => [el.getAttribute('inputmode'), el.getAttribute('autocomplete'), el.getAttribute('type')]);
        assert.deepEqual(await attrs(/Năm sinh/), ['numeric', 'bday-year', null]);
        assert.deepEqual(await attrs(/Số giấy tờ/), ['numeric', 'off', null]);
        assert.deepEqual(await attrs(/Số điện thoại/), ['tel', 'tel', 'tel']);
        assert.deepEqual(await attrs(/Họ và tên/), [null, 'name', null]);
        await page.getByLabel(/Loại giấy tờ/).selectOption('passport');
        assert.deepEqual(await attrs(/Số giấy tờ/), ['text', 'off', null], 'a passport number has letters');
        await page.getByLabel(/Loại giấy tờ/).selectOption('cccd');

        const fingers = new Fingers(page);
        await fillForm(fingers, { name: 'Hoàng Văn Thái', id: `07908801${size.width}2` });
        await submitAndWait(fingers);
        await assertOnScreen(page, page.getByTestId('card-name'), 'the name');
        await assertOnScreen(page, page.getByTestId('card-validity'), 'the validity');
        assert.match(await page.getByTestId('card-name').innerText(), /Hoàng Văn Thái/);
        assert.match(await page.getByTestId('card-validity').innerText(), /^Hợp lệ đến \d\d:\d\d \d\d\/\d\d\/\d{4}\nValid until/);
        assert.equal(await page.evaluate(() => document.activeElement?.id), 'card-title', 'focus moved to the result');
        assert.deepEqual(await smallTargets(page), [], 'my declaration');
        await assertAccessible(page, `my declaration ${size.name}`);
        await expectScreenshot(page, `declare-phone-result-${size.name}`, ['#qr', '#card-expiry']);
        assert.deepEqual(violations, [], 'nothing blocked by the CSP, no uncaught error');
    } finally {
        await context.close();
      }
    });
  });
}

describe('a returning person', () => {
  it('declares again from what the phone kept in ≤ 3 taps, and can delete it from the phone', async () => {
    const context = await phoneContext(browser);
    const violations = watchForViolations(context);
    try {
      const page = await context.newPage();
      await page.goto(`${hub.url}/c/${CHECKPOINT}`);
      const first = new Fingers(page);
      await fillForm(first, { name: 'Đặng Thị Lan', id: '079088017777' });
      await submitAndWait(first);
      const firstToken = await storedToken(page);
      const kept = JSON.parse((await page.evaluate(() => localStorage.getItem('kbyt-person')))!) as Record<string, string>;
      assert.deepEqual(kept, { fullName: 'Đặng Thị Lan', birthYear: '1988', idKind: 'cccd', idNumber: '079088017777', phone: '0987654321' }, 'no health answer kept');

      // The same day, from the card: "Khai báo lại", "Không có dấu hiệu nào", "Gửi".
      await page.reload();
      const again = new Fingers(page);
      await again.tap('declare-again');
      assert.equal(await page.getByLabel(/Họ và tên/).inputValue(), 'Đặng Thị Lan');
      assert.equal(await page.getByLabel(/Số giấy tờ/).inputValue(), '079088017777');
      assert.ok(await page.getByTestId('prefilled').isVisible());
      assert.equal(await page.locator('input[type=radio]:checked').count(), 0, 'the health questions are asked afresh');
      await assertAccessible(page, 'pre-filled form');
      await expectScreenshot(page, 'declare-phone-prefilled-360x740');
      await again.tap('all-no');
      await assertOnScreen(page, page.getByTestId('submit'), 'Submit, right after "no to all" (no swipe)');
      await submitAndWait(again);
      assert.deepEqual([again.taps, again.typed], [3, 0], 'three taps, nothing typed');
      assert.notEqual(await storedToken(page), firstToken, 'a new declaration');
      assert.match(await page.getByTestId('card-name').innerText(), /Đặng Thị Lan/);

      // The next day the kept declaration has expired: the page opens on the pre-filled form (2 taps).
      await page.evaluate(() => {
        const d = JSON.parse(localStorage.getItem('kbyt-declaration')!) as { expiresAt: number };
        localStorage.setItem('kbyt-declaration', JSON.stringify({ ...d, expiresAt: Date.now() - 1000 }));
      });
      await page.reload();
      const nextDay = new Fingers(page);
      assert.equal(await page.getByLabel(/Số điện thoại/).inputValue(), '0987654321');
      await nextDay.tap('all-no');
      await submitAndWait(nextDay);
      assert.deepEqual([nextDay.taps, nextDay.typed], [2, 0]);

      await page.getByTestId('forget').tap();
      assert.deepEqual(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('kbyt-'))), [], 'nothing left on the phone');
      assert.equal(await page.getByLabel(/Họ và tên/).inputValue(), '');
      assert.match(await page.getByTestId('problems').innerText(), /Đã xóa dữ liệu trên máy này/);
      await page.reload();
      assert.ok(await page.getByTestId('declaration-form').isVisible());
      assert.equal(await page.getByTestId('prefilled').isVisible(), false);

      // Unticking "remember" keeps the declaration but not the person's details.
      const fresh = new Fingers(page);
      await fillForm(fresh, { name: 'Đặng Thị Lan', id: '079088017777' });
      await page.locator('label.check').tap();
      await submitAndWait(fresh);
      assert.equal(await page.evaluate(() => localStorage.getItem('kbyt-person')), null);
      assert.deepEqual(violations, [], 'nothing blocked by the CSP, no uncaught error');
    } finally {
      await context.close();
    }
  });
});
