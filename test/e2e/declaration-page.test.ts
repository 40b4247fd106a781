/**
 * Issue 10 end to end in Debian Chromium: a phone (360×740) declares on the hub's page → the QR it shows is decoded
 * by our decoder (zxing-wasm) → scanned at a terminal (browser host, real guard screen) → admitted; an expired
 * declaration is denied with "khai báo lại" and the "declare here" QR; a poster check-in appears on the terminal
 * screen within 2 s; the page's weight on a throttled 3G profile (its first paint: bench/declare-page.ts).
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { SEE_GUARD_TEXT } from '../../core/index.js';
import { decodeQrImage } from '../../main/qr/decode-qr-image.js';
import { localTime } from '../../hub/admin-web/local-time.js';
import { assertAccessible } from '../support/axe.js';
import { launchChromium, type LaunchedChromium } from '../support/chromium.js';
import { declare } from '../support/declaration-client.js';
import { GuardScreen } from '../support/guard-screen.js';
import { CHECKPOINT, enrolmentToken, startTestHub, type TestHub } from '../support/hub-fixture.js';
import { enrolTerminalProcess } from '../support/hub-process.js';
import { hubTerminalConfig } from '../support/hub-terminal.js';
import { startHost, type RunningHost } from '../support/host-process.js';
import { tempDir } from '../support/paths.js';

const PUBLIC_URL = 'https://khaibao.example.vn';
const OPTIONS = { hub: { flushDelayMs: 50, pollIntervalSeconds: 1, backoffBaseMs: 50, backoffCapSeconds: 0.3 } };
const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'vi-VN' };
/** Chromium network emulation for "3G": 750 kbit/s down, 250 kbit/s up, 100 ms round trip. */
const THROTTLED_3G = { offline: false, latency: 100, downloadThroughput: (750 * 1024) / 8, uploadThroughput: (250 * 1024) / 8 };

let hub: TestHub;
let host: RunningHost;
let browser: LaunchedChromium;
let phone: BrowserContext;
let phonePage: Page;
let guard: GuardScreen;
let hubOffsetMs = 0;

beforeAll(async () => {
  hub = await startTestHub('sqlite', { now: () => Date.now() + hubOffsetMs, policy: { antiPassbackWindowMs: 0 }, extra: { declarationPage: { publicUrl: PUBLIC_URL } } });
  const dataDir = tempDir('declare-e2e');
  await enrolTerminalProcess(dataDir, hub.url, await enrolmentToken(hub), OPTIONS);
  host = await startHost({ dataDir, direction: 'both', extraConfig: hubTerminalConfig(hub.url, OPTIONS) });
  browser = await launchChromium();
  guard = new GuardScreen(await browser.context.newPage());
  await guard.open(host.url, 'Cổng thử nghiệm');
  phone = await browser.browser!.newContext(PHONE);
  phonePage = await phone.newPage();
});

afterAll(async () => {
  await phone?.close();
  await browser?.close();
  await host?.stop();
  await hub?.dispose();
});

async function fillDeclaration(page: Page, person: { name: string; id: string }, symptoms = 'no'): Promise<void> {
  await page.getByLabel(/Họ và tên/).fill(person.name);
  await page.getByLabel(/Năm sinh/).fill('1988');
  await page.getByLabel(/Số giấy tờ/).fill(person.id);
  await page.getByLabel(/Số điện thoại/).fill('0987654321');
  for (const question of ['symptoms', 'contact', 'travel']) await page.locator(`input[name="${question}"][value="${question === 'symptoms' ? symptoms : 'no'}"]`).check();
  await page.getByTestId('submit').click();
}

it('declare on the phone → QR shown → decoded by our decoder → scanned at the terminal → admitted', async () => {
  await phonePage.goto(hub.url + '/');
  await assertAccessible(phonePage, 'declaration form');
  await fillDeclaration(phonePage, { name: 'Trần Văn Cường', id: '079088001234' });
  await phonePage.getByTestId('my-declaration').waitFor();
  const qr = phonePage.locator('#qr');
  await qr.waitFor();
  const [payload] = await decodeQrImage(await qr.screenshot());
  assert.match(payload ?? '', /^KBYT1:/, 'the QR on the phone decodes to a KBYT1 token');
  assert.equal(payload, (await phonePage.evaluate(() => JSON.parse(localStorage.getItem('kbyt-declaration') ?? '{}') as { token: string })).token);
  assert.match(await phonePage.getByTestId('save-image').getAttribute('href') ?? '', /^data:image\/png;base64,/);
  await assertAccessible(phonePage, 'my declaration with its QR');
  // The expiry in the hub's time zone (Vietnam), although this browser runs in Europe/Berlin.
  const expiresAt = await phonePage.evaluate(() => (JSON.parse(localStorage.getItem('kbyt-declaration') ?? '{}') as { expiresAt: number }).expiresAt);
  const vn = localTime('Asia/Ho_Chi_Minh').dateTime(expiresAt);
  assert.match(await phonePage.locator('#card-expiry').innerText(), new RegExp(`Hợp lệ đến ${vn.slice(11)} ${vn.slice(8, 10)}/${vn.slice(5, 7)}/${vn.slice(0, 4)}`));

  await guard.byTestId('declare-here-open').waitFor(); // the bundle (with the hub's issuer) is in force
  const shown = await guard.scanWithSimulateBox(payload!);
  assert.equal(shown.outcome, 'admit', shown.text);
  assert.deepEqual(shown.reasons, ['DECLARATION_VALID']);
  assert.match(shown.person, /Trần Văn Cường/);
});

it('an expired declaration is denied with "khai báo lại" and the declare-here QR of the checkpoint', async () => {
  hubOffsetMs = -25 * 3_600_000;
  let token: string;
  try {
    const issued = await declare(hub.url, { idNumber: '079088009999', fullName: 'Lê Thị Dung' });
    assert.equal(issued.status, 200, JSON.stringify(issued.body));
    token = issued.body.token;
  } finally {
    hubOffsetMs = 0;
  }
  const shown = await guard.scanWithSimulateBox(token);
  assert.equal(shown.outcome, 'deny');
  assert.deepEqual(shown.reasons, ['TOKEN_EXPIRED']);
  assert.match(shown.text, /khai báo y tế lại/i);
  const hint = guard.byTestId('declare-here-hint');
  await hint.waitFor();
  assert.deepEqual(await decodeQrImage(await hint.locator('img').screenshot()), [`${PUBLIC_URL}/c/${CHECKPOINT}`]);
  await guard.byTestId('declare-here-open').click();
  assert.equal(await guard.byTestId('declare-here-url').innerText(), `${PUBLIC_URL}/c/${CHECKPOINT}`);
  await assertAccessible(guard.page, 'declare-here dialog');
  await guard.page.getByRole('button', { name: 'Đóng' }).click();
});

it('a checkpoint-poster check-in appears on the terminal screen within 2 s', async () => {
  await phonePage.goto(`${hub.url}/c/${CHECKPOINT}`);
  await phonePage.getByTestId('checkin').waitFor();
  const row = guard.byTestId('phone-checkin-row').filter({ hasText: 'Trần Văn Cường' });
  assert.equal(await row.count(), 0);
  const tapped = Date.now();
  await phonePage.getByTestId('checkin').tap();
  await row.waitFor();
  const elapsed = Date.now() - tapped;
  assert.match(await phonePage.locator('#checkin-status').innerText(), /Đã check-in tại Cổng thử nghiệm/);
  console.log(`# phone check-in → terminal screen: ${elapsed} ms`);
  assert.ok(elapsed <= 2_000, `shown after ${elapsed} ms`);
  assert.equal(await row.getAttribute('data-result'), 'clear');

  // No network at the door: the phone says so and keeps showing its QR for the terminal to scan.
  await phone.setOffline(true);
  try {
    await phonePage.getByTestId('checkin').tap();
    await phonePage.locator('#checkin-status').filter({ hasText: 'Không có mạng' }).waitFor();
    assert.ok(await phonePage.locator('#qr').isVisible());
  } finally {
    await phone.setOffline(false);
  }
});

it('a check-in that needs the guard: the phone and the guard screen say the same "Mời đến gặp bảo vệ"', async () => {
  const context = await browser.browser!.newContext(PHONE);
  try {
    const page = await context.newPage();
    await page.goto(`${hub.url}/c/${CHECKPOINT}`);
    await fillDeclaration(page, { name: 'Ngô Thị Sốt', id: '079088005555' }, 'yes');
    await page.getByTestId('my-declaration').waitFor();
    await page.getByTestId('checkin').tap();
    const status = page.getByTestId('checkin-status');
    await status.filter({ hasText: 'Đã check-in' }).waitFor();
    const raised = guard.page.locator('[data-testid="result"][data-kind="checkin"]').filter({ hasText: 'Ngô Thị Sốt' });
    await raised.waitFor();
    assert.equal(await raised.getAttribute('data-outcome'), 'review');
    const guardWords = await raised.getByTestId('result-first-reason').innerText();
    for (const words of [SEE_GUARD_TEXT.vi, SEE_GUARD_TEXT.en]) {
      assert.ok(guardWords.includes(words) && (await status.innerText()).includes(words), `"${words}" on both: guard "${guardWords}"`);
    }
  } finally {
    await context.close();
  }
});

it('prints an A6 card with the name, the result and the QR only', async () => {
  await phonePage.emulateMedia({ media: 'print' });
  try {
    assert.equal(await phonePage.getByTestId('declaration-form').isVisible(), false);
    assert.equal(await phonePage.getByTestId('checkin').isVisible(), false);
    assert.ok(await phonePage.locator('#card #qr').isVisible());
    assert.match(await phonePage.locator('#card').innerText(), /Trần Văn Cường[\s\S]*Bình thường/);
    const pdf = await phonePage.pdf({ preferCSSPageSize: true });
    const box = /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(pdf.toString('latin1'));
    assert.deepEqual(box && [Math.round(Number(box[1])), Math.round(Number(box[2]))], [298, 420], 'A6 = 105 × 148 mm = 298 × 420 pt');
  } finally {
    await phonePage.emulateMedia({ media: 'screen' });
  }
});

it('the page weighs ≤ 100 KB transferred on throttled 3G, and paints', async () => {
  const context = await browser.browser!.newContext(PHONE);
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', THROTTLED_3G);
    let transferred = 0;
    cdp.on('Network.loadingFinished', (event: { encodedDataLength: number }) => (transferred += event.encodedDataLength));
    await page.goto(`${hub.url}/c/${CHECKPOINT}`, { waitUntil: 'load' });
    await page.getByTestId('declaration-form').waitFor();
    const paint = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1);
    console.log(`# declaration page on 3G (750/250 kbit/s, 100 ms RTT): ${(transferred / 1024).toFixed(1)} KB transferred, first contentful paint ${paint.toFixed(0)} ms`);
    assert.ok(transferred > 0 && transferred <= 100 * 1024, `${transferred} bytes`);
    assert.ok(paint > 0, 'the page painted'); // how fast: bench/declare-page.ts (no timing assertions in tests)
    // Declaring on the same throttled line adds the challenge, the answer and the QR encoder (loaded on first need).
    await fillDeclaration(page, { name: 'Đỗ Minh Khoa', id: '079088004321' });
    await page.getByTestId('my-declaration').waitFor();
    console.log(`# page + one declaration on 3G: ${(transferred / 1024).toFixed(1)} KB transferred in all`);
    assert.ok(transferred <= 100 * 1024, `${transferred} bytes with the declaration`);
  } finally {
    await context.close();
  }
});
