/**
 * The health officer's journey in Debian's Chromium against a real hub process (`gate-terminal hub`), accounts made
 * with the real `gate-terminal create-admin` (`--role health-authority --area ha-noi`): the first sign-in enrols the
 * authenticator (secret read off the page, code typed), shows the recovery codes once; a later sign-in is password +
 * TOTP; one query with its reason traces a person across both Hà Nội organisations (a hospital and a supermarket;
 * nothing of Hồ Chí Minh City's market); the CSV export has the documented columns; each Hà Nội organisation's admin
 * sees the query on its audit page, the market's admin does not. axe-core: nothing serious or critical on any page.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, it } from 'vitest';
import type { Page } from 'playwright-core';
import { TRACING_COLUMNS } from '../../hub/admin-web/tracing-page.js';
import { base32Decode, totp } from '../../hub/admin-web/totp.js';
import { loadHubConfig } from '../../hub/config/hub-config.js';
import { openMigratedStore } from '../../hub/hub-app.js';
import { ADMIN_PASSWORD } from '../support/admin-web-client.js';
import { AREA_CONFIG, AREA_REASON, ID_P, seedAreaScenario } from '../support/area-scenario.js';
import { assertAccessible } from '../support/axe.js';
import { launchChromium, monitorPage, type LaunchedChromium, type PageProblems } from '../support/chromium.js';
import { parseCsv } from '../support/export-files.js';
import { ensureHubBuilt, freePort, killHard, spawnHub, type HubProcess } from '../support/hub-process.js';
import { CLI, tempDir } from '../support/paths.js';

/** Yesterday in Vietnam time: the hub process runs on the real clock. */
const DAY = new Date(Date.now() + 7 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);
let hub: HubProcess;
let browser: LaunchedChromium;
let page: Page;
let problems: PageProblems;
let secret = '';

beforeAll(async () => {
  ensureHubBuilt();
  const dataDir = tempDir('hub-area');
  const configPath = join(dataDir, 'hub.json');
  writeFileSync(configPath, JSON.stringify({ listen: { host: '127.0.0.1', port: await freePort() }, dataDir, storage: { kind: 'sqlite', path: join(dataDir, 'hub.sqlite') }, ...AREA_CONFIG }));
  const store = await openMigratedStore(loadHubConfig(configPath));
  try {
    // The deployment's identity key, which the hub keeps at its start (startHub) and the seeded entries are keyed with.
    await store.secrets.ensureIdentityKey(randomBytes(32), Date.now());
    await seedAreaScenario({ store }, DAY);
  } finally {
    await store.close();
  }
  const createAdmin = (...args: string[]) =>
    execFileSync(process.execPath, [CLI, 'create-admin', '--config', configPath, ...args], { env: { ...process.env, GATE_ADMIN_PASSWORD: ADMIN_PASSWORD }, encoding: 'utf8' });
  assert.match(createAdmin('--username', 'cdc.hanoi', '--name', 'CDC Hà Nội', '--role', 'health-authority', '--area', 'ha-noi'), /tracing rights: the authenticator \(TOTP\) is enrolled at the first sign-in/);
  createAdmin('--username', 'qt.benhvien', '--role', 'organisation-admin', '--scope', 'benh-vien-ba-dinh');
  createAdmin('--username', 'qt.sieuthi', '--role', 'organisation-admin', '--scope', 'sieu-thi-cau-giay');
  createAdmin('--username', 'qt.cho', '--role', 'organisation-admin', '--scope', 'cho-ben-thanh');
  hub = await spawnHub(configPath);
  browser = await launchChromium({ viewport: { width: 1280, height: 800 } });
  page = await browser.context.newPage();
  problems = await monitorPage(page);
});

afterAll(async () => {
  await browser?.close();
  if (hub) await killHard(hub.child, hub.exited);
});

async function passwordStep(username: string): Promise<void> {
  await browser.context.clearCookies();
  await page.goto(`${hub.url}/admin-web/login`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

it('the first sign-in enrols the authenticator (QR + secret), then shows ten recovery codes once', async () => {
  await passwordStep('cdc.hanoi');
  await page.waitForURL(`${hub.url}/admin-web/login/second-factor`);
  assert.ok(await page.locator('#totp-qr').isVisible());
  assert.ok((await page.$eval('#totp-qr', (img) => (img as HTMLImageElement).naturalWidth)) > 100, 'the QR image is drawn');
  secret = ((await page.textContent('#totp-secret')) ?? '').replace(/\s/g, '');
  await assertAccessible(page, 'second factor enrolment');
  await page.getByLabel('Mã xác thực (6 chữ số) / Code').fill(totp(base32Decode(secret), Date.now()));
  await page.getByRole('button', { name: 'Xác nhận' }).click();
  await page.waitForSelector('#recovery-codes');
  assert.equal(await page.locator('#recovery-codes li').count(), 10);
  await assertAccessible(page, 'recovery codes');
  await page.getByRole('link', { name: 'Tiếp tục / Continue' }).click();
  await page.waitForURL(`${hub.url}/admin-web/`);
  assert.match((await page.textContent('#area-organisations')) ?? '', /Bệnh viện Ba Đình[\s\S]*Siêu thị Cầu Giấy/);
  assert.doesNotMatch((await page.textContent('#area-organisations')) ?? '', /Chợ Bến Thành/);
  await assertAccessible(page, 'area overview');
});

it('signs in with password + TOTP and traces across both Hà Nội organisations with the reason; the CSV has the documented columns', async () => {
  await passwordStep('cdc.hanoi');
  await page.waitForURL(`${hub.url}/admin-web/login/second-factor`);
  assert.equal(await page.locator('#totp-secret').count(), 0, 'the secret is not shown again');
  await assertAccessible(page, 'second factor code');
  // The next step's code: the enrolment may have spent this step's (a code is good once).
  await page.getByLabel('Mã xác thực / Code').fill(totp(base32Decode(secret), Date.now() + 30_000));
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL(`${hub.url}/admin-web/`);
  await page.getByRole('link', { name: 'Truy vết tiếp xúc / Contact tracing' }).click();
  await page.getByLabel('Số CCCD / hộ chiếu (ID number)').fill(ID_P);
  await page.getByLabel('Từ ngày').fill(DAY);
  await page.getByLabel('Đến ngày').fill(DAY);
  await page.getByLabel('Lý do (bắt buộc)').fill(AREA_REASON);
  await assertAccessible(page, 'area tracing form');
  await page.getByRole('button', { name: 'Truy vết tiếp xúc' }).click();
  await page.waitForSelector('#tracing-result');
  assert.ok(!page.url().includes(ID_P));
  assert.match((await page.textContent('#tracing-summary')) ?? '', /2 lượt ghé, 2 lượt tiếp xúc/);
  assert.match((await page.textContent('#tracing-scope')) ?? '', /2 điểm kiểm soát của 2 tổ chức/);
  const rows = await page.$$eval('#tracing-result tbody tr', (trs) => trs.map((r) => [...r.children].map((c) => c.textContent ?? '')));
  assert.deepEqual(rows.map((r) => [r[0], r[6]]), [['Bệnh viện Ba Đình', 'Bác sĩ An'], ['Siêu thị Cầu Giấy', 'Khách Bình']]);
  await assertAccessible(page, 'area tracing result');
  const href = await page.getByRole('link', { name: 'CSV' }).getAttribute('href');
  const csv = await browser.context.request.get(hub.url + href!);
  assert.equal(csv.status(), 200);
  const table = parseCsv(await csv.body());
  assert.deepEqual(table[0], [...TRACING_COLUMNS]);
  assert.deepEqual(table.slice(1).map((r) => [r[0], r[2], r[4], r[6], r[7]]), [
    ['Bệnh viện Ba Đình', 'Cổng bệnh viện', `${DAY} 08:00`, 'Bác sĩ An', `${DAY} 08:30`],
    ['Siêu thị Cầu Giấy', 'Cổng siêu thị', `${DAY} 14:00`, 'Khách Bình', `${DAY} 14:20`],
  ]);
  await page.goto(`${hub.url}/admin-web/audit`);
  assert.match((await page.textContent('#audit')) ?? '', /Xuất CSV[\s\S]*Truy vết/);
  await assertAccessible(page, 'authority audit log');
});

it("each Hà Nội organisation's admin sees the query with its reason in the audit log; the other province's does not", async () => {
  for (const username of ['qt.benhvien', 'qt.sieuthi']) {
    await passwordStep(username);
    await page.waitForURL(`${hub.url}/admin-web/`);
    await page.getByRole('navigation', { name: 'Điều hướng chính / Main' }).getByRole('link', { name: 'Nhật ký truy vết' }).click();
    const audit = (await page.textContent('#audit')) ?? '';
    assert.ok(audit.includes('cdc.hanoi') && audit.includes(AREA_REASON), `${username} sees the authority's query`);
    assert.ok(!audit.includes(ID_P));
    await assertAccessible(page, `audit log of ${username}`);
  }
  await passwordStep('qt.cho');
  await page.waitForURL(`${hub.url}/admin-web/`);
  await page.goto(`${hub.url}/admin-web/audit`);
  assert.ok(!((await page.textContent('main')) ?? '').includes('cdc.hanoi'));
  assert.deepEqual(problems.all(), []);
});
