/**
 * "Update required" on the real guard screen (host process + Chromium): a hub whose config pins an app version this
 * build does not meet puts the pin in the signed bundle; the screen shows the amber banner, Vietnamese first, and
 * the version line of the sync box names the running and the required version.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, type LaunchedChromium } from '../support/chromium.js';
import { enrolmentToken, startTestHub, type TestHub } from '../support/hub-fixture.js';
import { enrolTerminalProcess } from '../support/hub-process.js';
import { hubTerminalConfig } from '../support/hub-terminal.js';
import { startHost, type RunningHost } from '../support/host-process.js';
import { ROOT, tempDir } from '../support/paths.js';

const OPTIONS = { hub: { flushDelayMs: 50, pollIntervalSeconds: 1, backoffBaseMs: 50, backoffCapSeconds: 0.3 } };
const BUILT_VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

let hub: TestHub;
let host: RunningHost;
let browser: LaunchedChromium;
let page: Page;

beforeAll(async () => {
  hub = await startTestHub('sqlite', { extra: { appVersion: '>=99.0.0' } });
  const dataDir = tempDir('screen-update');
  await enrolTerminalProcess(dataDir, hub.url, await enrolmentToken(hub), OPTIONS);
  host = await startHost({ dataDir, direction: 'both', extraConfig: hubTerminalConfig(hub.url, OPTIONS) });
  browser = await launchChromium();
  page = await browser.context.newPage();
  await page.goto(host.url);
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await hub?.dispose();
});

it('shows the update-required banner and the versions once the pinned bundle is in force', async () => {
  const banner = page.getByTestId('update-required-banner');
  await banner.waitFor({ state: 'visible' });
  const text = await banner.innerText();
  assert.match(text, new RegExp(`Cần cập nhật phần mềm: máy đang chạy bản ${BUILT_VERSION.replace(/\./g, '\\.')}, trung tâm yêu cầu >=99\\.0\\.0`));
  const line = page.getByTestId('app-version');
  assert.equal(await line.getAttribute('data-update-required'), 'true');
  assert.match(await line.innerText(), new RegExp(`Phiên bản phần mềm: ${BUILT_VERSION.replace(/\./g, '\\.')} \\(máy chủ yêu cầu >=99\\.0\\.0\\)`));
});
