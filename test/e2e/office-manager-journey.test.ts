/**
 * The office manager's journey (issue 15, JOURNEYS.md § 3) end to end, on SQLite and on PostgreSQL: a real hub
 * process (`gate-terminal hub`), a real terminal host process enrolled with it, Debian Chromium for the phone (360×740)
 * and for the admin web. A person declares on the phone page → is admitted at the enrolled terminal with the QR →
 * checks in by phone at the poster → the entries sync → the admin's person search by ID number (typed with spaces and
 * dots) lists both, Danh sách shows both, contact tracing finds the visit and the overlap with a second person, and
 * the CSV exports of the list and of the tracing contain both.
 */
import assert from 'node:assert/strict';
import { base32Decode, totp } from '../../hub/admin-web/totp.js';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, it } from 'vitest';
import pg from 'pg';
import type { BrowserContext, Page } from 'playwright-core';
import { decodeQrImage } from '../../main/qr/decode-qr-image.js';
import { launchChromium, type LaunchedChromium } from '../support/chromium.js';
import { declare } from '../support/declaration-client.js';
import { GuardScreen } from '../support/guard-screen.js';
import { CHECKPOINT, describeEachStorage, PG_URL, type HubStorageKind } from '../support/hub-fixture.js';
import { enrolTerminalProcess, freePort, killHard, spawnHub, writeHubProcessConfig, type HubProcess } from '../support/hub-process.js';
import { hubTerminalConfig } from '../support/hub-terminal.js';
import { startHost, type RunningHost } from '../support/host-process.js';
import { CLI, tempDir } from '../support/paths.js';

const OPTIONS = { hub: { flushDelayMs: 50, pollIntervalSeconds: 1, backoffBaseMs: 50, backoffCapSeconds: 0.3 } };
const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'vi-VN' };
const PASSWORD = 'mật-khẩu-văn-phòng-2026';
const ANH = { name: 'Phạm Thị Ánh', id: '079188004321', typed: ' 079.188 004 321 ' };
const BAO = { fullName: 'Đỗ Quốc Bảo', idNumber: '036090007777' };
const todayInVietnam = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

describeEachStorage('the office manager finds every entry of a person (real processes, Chromium)', (kind: HubStorageKind) => {
  const schema = `journey_${randomBytes(5).toString('hex')}`;
  let hub: HubProcess;
  let host: RunningHost;
  let browser: LaunchedChromium;
  let phone: BrowserContext;
  let desk: BrowserContext;
  let guard: GuardScreen;
  let admin: Page;

  beforeAll(async () => {
    const hubDir = tempDir('journey-hub');
    const storage = kind === 'sqlite' ? { kind, path: join(hubDir, 'hub.sqlite') } : { kind, url: PG_URL, schema };
    const config = writeHubProcessConfig(hubDir, await freePort(), storage);
    const env = { ...process.env, GATE_ADMIN_PASSWORD: PASSWORD };
    await promisify(execFile)(process.execPath, [CLI, 'create-admin', '--config', config, '--username', 'quanly.vanphong', '--role', 'building-manager', '--scope', 'toa-nha-thu', '--tracing'], { env });
    hub = await spawnHub(config);
    const adminToken = readFileSync(join(hubDir, 'admin-token'), 'utf8').trim();
    const created = await fetch(`${hub.url}/admin/enrolment-tokens`, {
      method: 'POST', headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ checkpointId: CHECKPOINT }),
    });
    const terminalDir = tempDir('journey-terminal');
    await enrolTerminalProcess(terminalDir, hub.url, ((await created.json()) as { token: string }).token, OPTIONS);
    host = await startHost({ dataDir: terminalDir, direction: 'both', extraConfig: hubTerminalConfig(hub.url, OPTIONS) });
    browser = await launchChromium();
    guard = new GuardScreen(await browser.context.newPage());
    await guard.open(host.url, 'Cổng thử nghiệm');
    phone = await browser.browser!.newContext(PHONE);
    desk = await browser.browser!.newContext({ viewport: { width: 1280, height: 800 }, locale: 'vi-VN', acceptDownloads: true });
    admin = await desk.newPage();
  });

  afterAll(async () => {
    await phone?.close();
    await desk?.close();
    await browser?.close();
    await host?.stop();
    if (hub) await killHard(hub.child, hub.exited);
    if (kind === 'postgres') {
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).finally(() => client.end());
    }
  });

  it('declare on the phone → admitted at the door → poster check-in → synced → search, list, tracing and exports find both', async () => {
    const syncBox = guard.byTestId('sync-status');
    await guard.page.waitForFunction(() => /Dữ liệu cập nhật/.test(document.querySelector('[data-testid="sync-status"]')?.textContent ?? ''));

    // The person with a phone declares at the poster's address and shows the QR at the door.
    const phonePage = await phone.newPage();
    await phonePage.goto(`${hub.url}/c/${CHECKPOINT}`);
    await phonePage.getByLabel(/Họ và tên/).fill(ANH.name);
    await phonePage.getByLabel(/Năm sinh/).fill('1988');
    await phonePage.getByLabel(/Số giấy tờ/).fill(ANH.id);
    await phonePage.getByLabel(/Số điện thoại/).fill('0987654321');
    for (const question of ['symptoms', 'contact', 'travel']) await phonePage.locator(`input[name="${question}"][value="no"]`).check();
    await phonePage.getByTestId('submit').click();
    await phonePage.locator('#qr').waitFor();
    const [token] = await decodeQrImage(await phonePage.locator('#qr').screenshot());
    assert.match(token ?? '', /^KBYT1:/);
    const shown = await guard.scanWithSimulateBox(token!);
    assert.equal(shown.outcome, 'admit', shown.text);

    // A second person comes in at the same time (the contact tracing must find).
    const bao = await declare(hub.url, BAO);
    assert.equal(bao.status, 200, JSON.stringify(bao.body));
    assert.equal((await guard.scanWithSimulateBox(bao.body.token)).outcome, 'admit');

    // Ánh taps "check in" at the poster.
    await phonePage.getByTestId('checkin').tap();
    await phonePage.locator('#checkin-status').filter({ hasText: /Đã check-in/ }).waitFor();
    await guard.page.waitForFunction(() => document.querySelector('[data-testid="sync-status"]')?.getAttribute('data-queued') === '0');
    assert.equal(await syncBox.getAttribute('data-queued'), '0', 'synced');

    // The office manager: person search by the ID number typed with blanks and dots.
    await admin.goto(`${hub.url}/admin-web/login`);
    await admin.locator('input[name="username"]').fill('quanly.vanphong');
    await admin.locator('input[name="password"]').fill(PASSWORD);
    // Tracing rights: the first sign-in enrols the authenticator (the secret read off the page), then the recovery codes.
    await Promise.all([admin.waitForURL(/\/admin-web\/login\/second-factor/), admin.locator('form button[type="submit"]').first().click()]);
    const secret = ((await admin.locator('#totp-secret').innerText()) ?? '').replace(/\s/g, '');
    await admin.locator('input[name="code"]').fill(totp(base32Decode(secret), Date.now()));
    await admin.getByRole('button', { name: 'Xác nhận' }).click();
    await admin.locator('#recovery-codes').waitFor();
    await Promise.all([admin.waitForURL(/\/admin-web\/$/), admin.getByRole('link', { name: 'Tiếp tục / Continue' }).click()]);
    const list = `${hub.url}/admin-web/checkpoints/${CHECKPOINT}/entries?day=${todayInVietnam()}`;
    await admin.goto(list);
    const rowsOf = (name: string) => admin.locator('table tbody tr').filter({ hasText: name });
    assert.equal(await rowsOf(ANH.name).count(), 2, 'Danh sách: the scan and the phone check-in');
    assert.equal(await rowsOf(BAO.fullName).count(), 1);
    assert.match(await rowsOf(ANH.name).first().innerText(), /Check-in bằng điện thoại/, 'the phone check-in has its own kind (newest first)');

    await admin.locator('input[name="idNumber"]').fill(ANH.typed);
    await Promise.all([admin.waitForURL(/subject=/), admin.getByRole('button', { name: 'Tìm người' }).click()]);
    assert.ok(!admin.url().includes(ANH.id.slice(0, 6)), 'the number never reaches a URL');
    assert.equal(await rowsOf(ANH.name).count(), 2, 'person search lists the scan and the check-in');
    assert.equal(await rowsOf(BAO.fullName).count(), 0);
    const kinds = await admin.locator('table tbody tr').allInnerTexts();
    assert.ok(kinds.some((r) => /Tờ khai y tế \(QR\)/.test(r)) && kinds.some((r) => /Check-in bằng điện thoại/.test(r)), kinds.join('\n'));

    // The export of the search holds both, with their checkpoint's day.
    const csvLink = admin.getByRole('link', { name: 'CSV' }).first();
    const csv = await (await admin.request.get(new URL((await csvLink.getAttribute('href'))!, hub.url).toString())).text();
    assert.equal(csv.split('\n').filter((line) => line.includes(ANH.name)).length, 2, csv);
    assert.match(csv, /Check-in bằng điện thoại/);

    // Contact tracing by the same number finds the visit and the overlap with Bảo.
    await admin.goto(`${hub.url}/admin-web/tracing`);
    await admin.locator('input[name="idNumber"]').fill(ANH.typed);
    await admin.locator('input[name="from"]').fill(todayInVietnam());
    await admin.locator('input[name="to"]').fill(todayInVietnam());
    await admin.locator('textarea[name="reason"]').fill('F0 xác nhận, truy vết theo yêu cầu của CDC');
    await admin.getByRole('button', { name: 'Truy vết' }).click();
    await admin.locator('#tracing-summary').waitFor();
    const summary = await admin.locator('#tracing-summary').innerText();
    assert.match(summary, /^[1-9]\d* lượt ghé, [1-9]\d* lượt tiếp xúc/, summary);
    assert.ok((await admin.locator('#tracing-result').innerText()).includes(BAO.fullName), 'Bảo was inside at the same time');
    const traced = await (await admin.request.get(new URL((await admin.getByRole('link', { name: 'CSV' }).getAttribute('href'))!, hub.url).toString())).text();
    assert.match(traced, new RegExp(BAO.fullName));
    assert.match(traced, /Cổng thử nghiệm/);
  });
});
