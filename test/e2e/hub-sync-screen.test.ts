/**
 * The guard sees the hub sync on the real screen (host process + Chromium): online with nothing queued and the age
 * of the data; when the hub goes away, the offline badge and the queued count grow with each scan while decisions go
 * on; when it returns, the queue drains; and data older than hub.maxDataAgeHours raises the amber banner.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { afterAll, beforeAll, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, type LaunchedChromium } from '../support/chromium.js';
import { enrolmentToken, startTestHub, type TestHub } from '../support/hub-fixture.js';
import { enrolTerminalProcess } from '../support/hub-process.js';
import { hubTerminalConfig } from '../support/hub-terminal.js';
import { ContractClient, startHost, type RunningHost } from '../support/host-process.js';
import { tempDir } from '../support/paths.js';
import { validToken } from '../support/tokens.js';
import { assertAccessible } from '../support/axe.js';
import { expectScreenshot } from '../support/screenshot-compare.js';

/** The offline photos are about the badge and banners: results, lamps, recent rows and live times are masked. */
const OFFLINE_MASK = ['.result-column', '.hardware', '.recent', '.sync > p:nth-of-type(1)', '[data-testid="sync-error"]'];
const OPTIONS = { hub: { flushDelayMs: 50, pollIntervalSeconds: 1, backoffBaseMs: 50, backoffCapSeconds: 0.3, maxDataAgeHours: 0.0005 } };

let hub: TestHub;
let host: RunningHost;
let browser: LaunchedChromium;
let page: Page;
let client: ContractClient;

async function syncBox(): Promise<{ state: string | null; queued: string | null; text: string }> {
  const box = page.getByTestId('sync-status');
  return { state: await box.getAttribute('data-state'), queued: await box.getAttribute('data-queued'), text: (await box.innerText()).replace(/\s+/g, ' ') };
}

/**
 * Polls `check` until it holds. No time limit of its own (the test's timeout bounds it); a long wait says every 10 s
 * what it waits for and what the sync box shows, so a test that times out has its reason in the log.
 */
async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  for (let polls = 1; !(await check()); polls++) {
    if (polls % 100 === 0) console.log(`still waiting for ${what}: ${JSON.stringify(await syncBox())}`);
    await new Promise((resolve) => setTimeout(resolve, 100)); // poll interval
  }
}

beforeAll(async () => {
  hub = await startTestHub('sqlite');
  const dataDir = tempDir('screen-sync');
  await enrolTerminalProcess(dataDir, hub.url, await enrolmentToken(hub), OPTIONS);
  host = await startHost({ dataDir, direction: 'both', extraConfig: hubTerminalConfig(hub.url, OPTIONS) });
  client = await ContractClient.connect(host.url);
  browser = await launchChromium();
  page = await browser.context.newPage();
  await page.goto(host.url);
});

afterAll(async () => {
  client?.close();
  await browser?.close();
  await host?.stop();
  await hub?.dispose();
});

it('shows online, queued 0 and the data age; offline with a growing queue while the hub is away; drained after', async () => {
  await until('online', async () => (await syncBox()).state === 'online');
  const online = await syncBox();
  assert.equal(online.queued, '0');
  assert.match(online.text, /Đồng bộ máy chủ: đã kết nối/);
  assert.match(online.text, /Dữ liệu cập nhật (vừa xong|1 phút trước)/);
  assert.equal(await page.getByTestId('sync-offline').count(), 0);

  await hub.close();
  for (let i = 0; i < 3; i++) assert.equal((await client.call('submitScan', { payload: validToken({ name: `Người ${i}` }), source: 'simulated' })).decision.outcome, 'admit');
  await until('offline with 3 queued', async () => {
    const box = await syncBox();
    return box.state === 'offline' && box.queued === '3';
  });
  const offline = await syncBox();
  assert.match(offline.text, /NGOẠI TUYẾN/);
  assert.match(offline.text, /Chờ gửi: 3/);
  // The error as a sentence with what to do, never the raw code (it stays in data-code for IT).
  assert.match(offline.text, /Không kết nối được máy chủ\. Lượt quét vẫn được lưu tại máy; kiểm tra mạng\./);
  assert.doesNotMatch(offline.text, /HUB_UNREACHABLE/);
  assert.equal(await page.getByTestId('sync-error').getAttribute('data-code'), 'HUB_UNREACHABLE');
  await until('the stale-data banner', async () => (await page.getByTestId('stale-data-banner').count()) === 1);
  assert.match(await page.getByTestId('stale-data-banner').innerText(), /Dữ liệu danh sách đã cũ/);
  await assertAccessible(page, 'hub offline: badge, queue and stale-data banner');
  await page.screenshot({ path: process.env.SYNC_SCREENSHOT ?? join(tempDir('screen-sync-shot'), 'offline.png') });
  await expectScreenshot(page, 'offline-badge-vi', OFFLINE_MASK);
  await page.getByTestId('language-toggle').click();
  assert.match((await syncBox()).text, /OFFLINE/);
  await assertAccessible(page, 'hub offline: badge, queue and stale-data banner, English');
  await expectScreenshot(page, 'offline-badge-en', OFFLINE_MASK);
  await page.getByTestId('language-toggle').click();

  hub = await hub.restart();
  await until('drained and online again', async () => {
    const box = await syncBox();
    return box.state === 'online' && box.queued === '0';
  });
  await until('the banner to clear', async () => (await page.getByTestId('stale-data-banner').count()) === 0);
  const held = (await hub.store.entries.stats()).perTerminal[0];
  assert.deepEqual(held && [held.count, held.maxSeq], [3, 3]);
});
