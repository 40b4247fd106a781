/**
 * Issue 18 at the door, in Debian Chromium with touch (360×740; the offline reload at 320×568 too) against a real hub: the service worker keeps the page,
 * so a reload without network (the browser context's offline mode) still shows the QR the phone kept, with its validity,
 * and says it is offline; the check-in button then says it needs a connection and offers the QR. A check-in whose
 * declaration needs the guard says "Mời đến gặp bảo vệ" in the guard screen's words (core's SEE_GUARD_TEXT). The page's
 * weight with its worker, counted on the wire by a proxy. axe-core and screenshot baselines.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { SEE_GUARD_TEXT } from '../../core/index.js';
import { decodeQrImage } from '../../main/qr/decode-qr-image.js';
import { assertAccessible } from '../support/axe.js';
import { startByteCountingProxy, type ByteCountingProxy } from '../support/byte-counting-proxy.js';
import { launchChromium, type LaunchedChromium } from '../support/chromium.js';
import { CHECKPOINT, startTestHub, type TestHub } from '../support/hub-fixture.js';
import { watchForViolations, assertOnScreen, fillForm, Fingers, keptForOffline, phoneContext, PHONE_SIZES, storedToken, submitAndWait } from '../support/phone-page.js';
import { expectScreenshot } from '../support/screenshot-compare.js';

let hub: TestHub;
let proxy: ByteCountingProxy;
let chromium: LaunchedChromium;
let browser: Browser;

beforeAll(async () => {
  hub = await startTestHub('sqlite');
  proxy = await startByteCountingProxy(hub.url);
  chromium = await launchChromium();
  browser = chromium.browser!;
});

afterAll(async () => {
  await chromium?.close();
  await proxy?.close();
  await hub?.dispose();
});

for (const size of PHONE_SIZES) {
  it(`at ${size.width}×${size.height}, reloads without network: the kept QR with its validity, "offline", and the check-in button offers the QR`, async () => {
    const context = await phoneContext(browser, size);
    const violations = watchForViolations(context);
    try {
      const page = await context.newPage();
      await page.goto(`${hub.url}/c/${CHECKPOINT}`);
      const fingers = new Fingers(page);
      await fillForm(fingers, { name: 'Phan Văn Đức', id: `0790880${size.width}11` });
      await submitAndWait(fingers);
      const token = await storedToken(page);
      await keptForOffline(page);
      assert.equal(await page.getByTestId('offline').isVisible(), false);

      await context.setOffline(true);
      await page.reload();
      await page.getByTestId('my-declaration').waitFor();
      assert.equal(await page.locator('body').getAttribute('data-offline'), '1', 'the copy the service worker kept');
      assert.match(await page.getByTestId('offline').innerText(), /Không có mạng: đang dùng bản lưu trên máy này/);
      assert.match(await page.getByTestId('card-name').innerText(), /Phan Văn Đức/);
      assert.match(await page.getByTestId('card-validity').innerText(), /^Hợp lệ đến \d\d:\d\d \d\d\/\d\d\/\d{4}/);
      await assertOnScreen(page, page.getByTestId('card-validity'), 'the validity, offline');
      const checkin = page.getByTestId('checkin');
      assert.match(await checkin.innerText(), /Check-in cần mạng: đưa mã QR cho bảo vệ quét/);
      await assertAccessible(page, 'my declaration, offline');
      await expectScreenshot(page, `declare-phone-offline-${size.name}`, ['#qr', '#card-expiry']);
      // (an element screenshot scrolls it into view: after the page's own screenshot)
      assert.deepEqual(await decodeQrImage(await page.locator('#qr').screenshot()), [token], 'the kept QR, offline');
      await checkin.tap();
      assert.match(await page.getByTestId('checkin-status').innerText(), /Không có mạng: đưa mã QR này cho bảo vệ quét/);
      await assertOnScreen(page, page.locator('#card h2'), 'the card, offered instead');

      // Back online: the page is fresh again and the check-in goes through.
      await context.setOffline(false);
      await page.reload();
      assert.equal(await page.getByTestId('offline').isVisible(), false);
      await page.getByTestId('checkin').tap();
      await page.getByTestId('checkin-status').filter({ hasText: 'Đã check-in tại Cổng thử nghiệm' }).waitFor();
      assert.deepEqual(violations, [], 'nothing blocked by the CSP, no uncaught error');
    } finally {
      await context.setOffline(false);
      await context.close();
    }
  });
}

it('a first visit kept offline opens the form, which says sending needs the network', async () => {
  const context = await phoneContext(browser);
  const violations = watchForViolations(context);
  try {
    const page = await context.newPage();
    await page.goto(`${hub.url}/`);
    await keptForOffline(page);
    await context.setOffline(true);
    await page.reload();
    assert.ok(await page.getByTestId('offline').isVisible());
    const fingers = new Fingers(page);
    await fillForm(fingers, { name: 'Phan Văn Đức', id: '079088021112' });
    await fingers.tap('submit');
    assert.match(await page.getByTestId('problems').innerText(), /kiểm tra kết nối mạng/);
    assert.deepEqual(violations, [], 'nothing blocked by the CSP, no uncaught error');
  } finally {
    await context.setOffline(false);
    await context.close();
  }
});

it('a check-in whose declaration needs the guard says "Mời đến gặp bảo vệ", in the guard screen\'s words', async () => {
  const context = await phoneContext(browser);
  const violations = watchForViolations(context);
  try {
    const page = await context.newPage();
    await page.goto(`${hub.url}/c/${CHECKPOINT}`);
    const fingers = new Fingers(page);
    await fillForm(fingers, { name: 'Lý Thị Mai', id: '079088022222' }, ['symptoms']);
    await submitAndWait(fingers);
    assert.equal(await page.getByTestId('card-see-guard').innerText(), `${SEE_GUARD_TEXT.vi}\n${SEE_GUARD_TEXT.en}`);
    await fingers.tap('checkin');
    const status = page.getByTestId('checkin-status');
    await status.filter({ hasText: 'Đã check-in' }).waitFor();
    const text = await status.innerText();
    assert.ok(text.includes(SEE_GUARD_TEXT.vi) && text.includes(SEE_GUARD_TEXT.en), text);
    assert.match(text, /^Đã check-in tại Cổng thử nghiệm lúc .* Mời đến gặp bảo vệ\./);
    assert.equal(await status.getAttribute('class'), 'guard');
    await assertAccessible(page, 'check-in that needs the guard');
    await expectScreenshot(page, 'declare-phone-see-guard-360x740', ['#qr', '#card-expiry', '[data-testid="checkin-status"]']);

    // A clear declaration: checked in, no guard step.
    await page.getByTestId('declare-again').tap();
    await page.getByTestId('all-no').tap();
    await submitAndWait(fingers);
    assert.equal(await page.getByTestId('card-see-guard').isVisible(), false);
    await page.getByTestId('checkin').tap();
    await status.filter({ hasText: 'Đã check-in' }).waitFor();
    assert.ok(!(await status.innerText()).includes(SEE_GUARD_TEXT.vi));
    assert.deepEqual(violations, [], 'nothing blocked by the CSP, no uncaught error');
  } finally {
    await context.close();
  }
});

it('the page with its service worker weighs ≤ 100 KB on the wire', async () => {
  const context = await phoneContext(browser);
  const violations = watchForViolations(context);
  try {
    const page = await context.newPage();
    proxy.reset();
    await page.goto(`${proxy.url}/c/${CHECKPOINT}`, { waitUntil: 'load' });
    await keptForOffline(page);
    const withWorker = proxy.received();
    console.log(`# declaration page + service worker + kept copy: ${(withWorker / 1024).toFixed(1)} KB received`);
    assert.ok(withWorker > 0 && withWorker <= 100 * 1024, `${withWorker} bytes`);
    const fingers = new Fingers(page);
    await fillForm(fingers, { name: 'Trịnh Văn Nam', id: '079088023333' });
    await submitAndWait(fingers);
    console.log(`# … and one declaration (challenge, answer, QR encoder): ${(proxy.received() / 1024).toFixed(1)} KB received in all`);
    assert.ok(proxy.received() <= 100 * 1024, `${proxy.received()} bytes with the declaration`);
    assert.deepEqual(violations, [], 'nothing blocked by the CSP, no uncaught error');
  } finally {
    await context.close();
  }
});
