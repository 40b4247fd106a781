/**
 * Every admin page in Debian's Chromium (login, checkpoints, checkpoint, Danh sách, posters, fleet, enrolment
 * tokens, logout) and the role boundaries, by clicking and by URL tampering: an organisation admin sees its own
 * organisation only, a building manager its building, a department manager its department — another checkpoint's
 * entries, posters and terminals answer 403 with none of their data, whether the id is in the path or the query.
 * No page may raise a CSP violation or a script error (the admin web runs no inline script or style).
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, putAdminAccount } from '../support/admin-web-client.js';
import { assertAccessible } from '../support/axe.js';
import { launchChromium, monitorPage, type LaunchedChromium, type PageProblems } from '../support/chromium.js';
import { BUILDING, CHECKPOINT, CHECKPOINT_B, startTestHub, type TestHub } from '../support/hub-fixture.js';
import { startTestTerminal, waitFor } from '../support/hub-terminal.js';
import { validToken } from '../support/tokens.js';

const OTHER_BUILDING = 'toa-nha-khac';
const OTHER_CHECKPOINT = 'cp-khac';

let hub: TestHub;
let browser: LaunchedChromium;
let page: Page;
let problems: PageProblems;
const terminalIds: Record<string, string> = {};

beforeAll(async () => {
  hub = await startTestHub('sqlite', { policy: { antiPassbackWindowMs: 0 }, extra: { publicBaseUrl: 'https://khaibao.example.vn' } });
  await hub.admin('PUT', '/organisations/cong-ty-thu', { name: 'Công ty Thử nghiệm' });
  await hub.admin('PUT', '/organisations/cong-ty-khac', { name: 'Công ty Khác' });
  await hub.admin('PUT', `/buildings/${BUILDING}/placement`, { organisationId: 'cong-ty-thu', address: '1 Phố Thử, Hà Nội' });
  await hub.admin('PUT', `/buildings/${OTHER_BUILDING}`, { name: 'Tòa nhà khác' });
  await hub.admin('PUT', `/buildings/${OTHER_BUILDING}/placement`, { organisationId: 'cong-ty-khac', address: '9 Đường Khác, Đà Nẵng' });
  await hub.admin('PUT', `/checkpoints/${OTHER_CHECKPOINT}`, { buildingId: OTHER_BUILDING, name: 'Cổng tòa khác' });
  await hub.admin('PUT', `/checkpoints/${CHECKPOINT_B}/description`, { kind: 'department', address: 'Tầng 3', directions: ['in', 'out'] });
  await putAdminAccount(hub, 'quantri.congty', 'organisation-admin', 'cong-ty-thu');
  await putAdminAccount(hub, 'quantri.khac', 'organisation-admin', 'cong-ty-khac');
  await putAdminAccount(hub, 'quanly.toanha', 'building-manager', BUILDING);
  await putAdminAccount(hub, 'quanly.ketoan', 'department-manager', CHECKPOINT_B);
  const people: [string, string, string][] = [
    ['door', CHECKPOINT, 'Người Cổng Chính'],
    ['dept', CHECKPOINT_B, 'Nhân Viên Kế Toán'],
    ['other', OTHER_CHECKPOINT, 'Khách Tòa Khác'],
  ];
  for (const [terminalId, checkpointId, name] of people) {
    const terminal = await startTestTerminal(hub, { terminalId, checkpointId, checkpointName: checkpointId });
    try {
      terminal.app.gate.handleScan('simulated', validToken({ name }));
      await terminal.sync.syncNow();
      await terminal.sync.syncNow();
      terminalIds[checkpointId] = terminal.identity!.terminalId;
    } finally {
      await terminal.close();
    }
  }
  await waitFor(async () => (await hub.store.entries.stats()).total === 3, 'the three entries on the hub');
  browser = await launchChromium();
  page = await browser.context.newPage();
  problems = await monitorPage(page);
});

afterAll(async () => {
  await browser?.close();
  await hub?.dispose();
});

async function logIn(username: string): Promise<void> {
  await browser.context.clearCookies();
  await page.goto(`${hub.url}/admin-web/login`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL(`${hub.url}/admin-web/`);
}

/** Opens `path` as a navigation: its status and visible text. */
async function open(path: string): Promise<{ status: number; text: string }> {
  const response = await page.goto(hub.url + path);
  return { status: response!.status(), text: await page.locator('body').innerText() };
}

function assertClean(label: string): void {
  assert.deepEqual([...problems.cspViolations.map((v) => `${v.directive} ${v.blockedURI}`), ...problems.pageErrors], [], label);
}

it('login: a wrong password is refused in Vietnamese; the right one opens the checkpoints page', async () => {
  await page.goto(`${hub.url}/admin-web/`);
  assert.equal(new URL(page.url()).pathname, '/admin-web/login', 'strangers are sent to the login page');
  await assertAccessible(page, 'admin login');
  await page.getByLabel('Tên đăng nhập').fill('quantri.congty');
  await page.getByLabel('Mật khẩu').fill('mật-khẩu-sai-rồi-nhé');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  assert.match(await page.getByRole('alert').innerText(), /Tên đăng nhập hoặc mật khẩu không đúng/);
  await logIn('quantri.congty');
  assert.match(await page.locator('header').innerText(), /Người quantri\.congty · Quản trị tổ chức/);
  await assertAccessible(page, 'admin checkpoints');
  assertClean('login');
});

it('organisation admin: its checkpoints, Danh sách with filters, posters, fleet — not the other organisation', async () => {
  await logIn('quantri.congty');
  const overview = await page.locator('main').innerText();
  assert.match(overview, /Cổng thử nghiệm/);
  assert.match(overview, /Cổng phụ B/);
  assert.doesNotMatch(overview, /Cổng tòa khác/);
  await page.getByRole('link', { name: 'Cổng thử nghiệm' }).click();
  assert.match(await page.locator('main').innerText(), /Tòa nhà thử/);
  await assertAccessible(page, 'admin checkpoint');
  await page.getByRole('link', { name: 'Danh sách' }).click();
  assert.match(await page.locator('tbody').innerText(), /Người Cổng Chính/);
  await assertAccessible(page, 'admin Danh sách');
  await page.getByLabel('Kết quả').selectOption('deny');
  await page.getByRole('button', { name: 'Lọc' }).click();
  assert.match(page.url(), /outcome=deny/);
  assert.match(await page.locator('main').innerText(), /Không có lượt nào/);
  const pdf = await page.request.get(`${hub.url}/admin-web/checkpoints/${CHECKPOINT}/poster.pdf`);
  assert.equal(pdf.status(), 200);
  assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');
  await page.getByRole('link', { name: 'Thiết bị' }).click();
  const fleet = await page.locator('main').innerText();
  assert.ok(fleet.includes(terminalIds[CHECKPOINT]!) && fleet.includes(terminalIds[CHECKPOINT_B]!), 'both terminals of its building');
  assert.ok(!fleet.includes(terminalIds[OTHER_CHECKPOINT]!), 'not the other organisation\'s');
  await assertAccessible(page, 'admin fleet');
  for (const path of [`/admin-web/checkpoints/${OTHER_CHECKPOINT}`, `/admin-web/checkpoints/${OTHER_CHECKPOINT}/entries`, `/admin-web/checkpoints/${OTHER_CHECKPOINT}/poster.pdf`, `/admin-web/fleet?checkpoint=${OTHER_CHECKPOINT}`]) {
    const refused = await open(path);
    assert.equal(refused.status, 403, path);
    assert.doesNotMatch(refused.text, /Khách Tòa Khác|Cổng tòa khác|gate-other|other\./, path);
  }
  assertClean('organisation admin');
});

it('enrolment tokens on the fleet page: created (shown once with its QR) and revoked by clicking, after confirming', async () => {
  await logIn('quanly.toanha');
  await page.goto(`${hub.url}/admin-web/fleet`);
  await page.getByLabel('Điểm kiểm soát').selectOption(CHECKPOINT_B);
  await page.getByLabel('Hiệu lực (phút)').fill('15');
  await page.getByRole('button', { name: 'Tạo mã đăng ký' }).click();
  const token = await page.locator('#enrolment-token').innerText();
  assert.match(token, /^GTE1\.[0-9a-f]{16}\.[A-Za-z0-9_-]{43}$/);
  assert.ok((await page.locator('#enrolment-qr').evaluate((img: HTMLImageElement) => img.naturalWidth)) >= 300, 'the QR image loads under the CSP');
  await assertAccessible(page, 'admin enrolment token');
  await page.getByRole('link', { name: 'Quay lại danh sách thiết bị' }).click();
  const row = page.locator(`tr[data-token="${token.split('.')[1]}"]`);
  assert.equal(await row.count(), 1);
  await row.getByRole('link', { name: 'Thu hồi mã…' }).click();
  assert.match(await page.locator('main').innerText(), /Thu hồi mã đăng ký/, 'a confirmation step first');
  await assertAccessible(page, 'admin revoke token confirmation');
  await page.getByRole('button', { name: 'Thu hồi mã này / Revoke this token' }).click();
  await page.waitForURL(`${hub.url}/admin-web/fleet`);
  assert.equal(await page.locator(`tr[data-token="${token.split('.')[1]}"]`).count(), 0);
  assertClean('enrolment tokens');
});

it('building manager: its building only', async () => {
  await logIn('quanly.toanha');
  const overview = await page.locator('main').innerText();
  assert.match(overview, /Cổng thử nghiệm[\s\S]*Cổng phụ B|Cổng phụ B[\s\S]*Cổng thử nghiệm/);
  assert.doesNotMatch(overview, /Cổng tòa khác/);
  for (const path of [`/admin-web/checkpoints/${OTHER_CHECKPOINT}/entries`, `/admin-web/checkpoints/${OTHER_CHECKPOINT}/poster.png`, `/admin-web/fleet?checkpoint=${OTHER_CHECKPOINT}`]) {
    const refused = await open(path);
    assert.equal(refused.status, 403, path);
    assert.doesNotMatch(refused.text, /Khách Tòa Khác/);
  }
  assertClean('building manager');
});

it('department manager: its department only — tampered paths and query parameters answer 403 or its own data', async () => {
  await logIn('quanly.ketoan');
  const overview = await page.locator('main').innerText();
  assert.match(overview, /Cổng phụ B/);
  assert.doesNotMatch(overview, /Cổng thử nghiệm|Cổng tòa khác/);
  const own = await open(`/admin-web/checkpoints/${CHECKPOINT_B}/entries`);
  assert.match(own.text, /Nhân Viên Kế Toán/);
  for (const path of [
    `/admin-web/checkpoints/${CHECKPOINT}`,
    `/admin-web/checkpoints/${CHECKPOINT}/entries`,
    `/admin-web/checkpoints/${CHECKPOINT}/entries?outcome=admit&day=${new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10)}`,
    `/admin-web/checkpoints/${CHECKPOINT}/poster.pdf`,
    `/admin-web/checkpoints/${CHECKPOINT}/poster.png`,
    `/admin-web/checkpoints/${CHECKPOINT}/stats`,
    `/admin-web/checkpoints/${CHECKPOINT}/entries.csv`,
    `/admin-web/checkpoints/${CHECKPOINT}/stats.xlsx`,
    `/admin-web/checkpoints/${OTHER_CHECKPOINT}/entries`,
    `/admin-web/fleet?checkpoint=${CHECKPOINT}`,
  ]) {
    const refused = await page.request.get(hub.url + path);
    assert.equal(refused.status(), 403, path);
    assert.doesNotMatch(await refused.text(), /Người Cổng Chính|Khách Tòa Khác/, path);
  }
  const smuggled = await open(`/admin-web/checkpoints/${CHECKPOINT_B}/entries?checkpoint=${CHECKPOINT}&checkpointId=${CHECKPOINT}`);
  assert.equal(smuggled.status, 200);
  assert.match(smuggled.text, /Nhân Viên Kế Toán/);
  assert.doesNotMatch(smuggled.text, /Người Cổng Chính/, 'a checkpoint id in the query never widens the list');
  const fleet = await open('/admin-web/fleet');
  assert.ok(fleet.text.includes(terminalIds[CHECKPOINT_B]!));
  assert.ok(!fleet.text.includes(terminalIds[CHECKPOINT]!), 'not the building door\'s terminal');
  assertClean('department manager');
});

it('the other organisation\'s admin sees only its own checkpoint; logout ends the session', async () => {
  await logIn('quantri.khac');
  const overview = await page.locator('main').innerText();
  assert.match(overview, /Cổng tòa khác/);
  assert.doesNotMatch(overview, /Cổng thử nghiệm|Cổng phụ B/);
  assert.match((await open(`/admin-web/checkpoints/${OTHER_CHECKPOINT}/entries`)).text, /Khách Tòa Khác/);
  assert.equal((await open(`/admin-web/checkpoints/${CHECKPOINT_B}/entries`)).status, 403);
  await page.goto(`${hub.url}/admin-web/`);
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await page.waitForURL(`${hub.url}/admin-web/login`);
  await page.goto(`${hub.url}/admin-web/fleet`);
  assert.equal(new URL(page.url()).pathname, '/admin-web/login');
  assertClean('logout');
});
