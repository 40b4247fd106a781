/**
 * The admin statistics and tracing pages in Debian's Chromium (playwright-core), under the hub's strict CSP: the
 * chart script and uPlot load from the hub itself, both charts render a canvas, the tables beside them hold the
 * seeded day's numbers, no CSP violation or console error, axe finds nothing serious; the tracing form runs (the ID
 * number never reaches the address bar) and shows the contacts; a department manager's tampered URL gets 403.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, it } from 'vitest';
import type { Page } from 'playwright-core';
import { assertAccessible } from '../support/axe.js';
import { launchChromium, monitorPage, type LaunchedChromium } from '../support/chromium.js';
import { ADMIN_PASSWORD, putAdmin, testTotpCode } from '../support/hub-admin-data.js';
import { DAY, ID_A, NOW, seedAdminScenario } from '../support/hub-admin-scenario.js';
import { BUILDING, CHECKPOINT, CHECKPOINT_B, startTestHub, type TestHub } from '../support/hub-fixture.js';
import { ROOT } from '../support/paths.js';

let hub: TestHub;
let chromium: LaunchedChromium;

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'dist', 'admin-web', 'stats-charts.js'))) execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
  hub = await startTestHub('sqlite', { now: () => NOW });
  await hub.admin('PUT', '/organisations/cong-ty-thu', { name: 'Công ty Thử nghiệm' });
  await hub.admin('PUT', `/buildings/${BUILDING}/placement`, { organisationId: 'cong-ty-thu', address: 'Hà Nội' });
  await putAdmin(hub, 'quantri.congty', 'organisation-admin', 'cong-ty-thu', { tracing: true });
  await putAdmin(hub, 'quanly.ketoan', 'department-manager', CHECKPOINT_B);
  await seedAdminScenario(hub);
  chromium = await launchChromium({ viewport: { width: 1200, height: 900 } });
});

afterAll(async () => {
  await chromium?.close();
  await hub?.dispose();
});

async function logIn(page: Page, username: string): Promise<void> {
  await page.goto(`${hub.url}/admin-web/login`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL(/\/admin-web\/(login\/second-factor)?$/);
  if (page.url().endsWith('/second-factor')) {
    // Tracing rights: the second step, with the test authenticator's code at the hub's clock (NOW).
    await page.getByLabel('Mã xác thực / Code').fill(testTotpCode(NOW));
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
  }
  await page.waitForURL(`${hub.url}/admin-web/`);
}

const tableRows = (page: Page, id: string) =>
  page.$$eval(`#${id} tbody tr`, (rows) => rows.map((r) => [...r.children].map((c) => c.textContent ?? '')));

it('draws the hourly and daily charts with uPlot from the tables beside them, under the strict CSP', async () => {
  const page = await chromium.context.newPage();
  const problems = await monitorPage(page);
  await logIn(page, 'quantri.congty');
  await page.goto(`${hub.url}/admin-web/checkpoints/${CHECKPOINT}/stats?day=${DAY}`);
  for (const chart of ['hourly', 'daily']) await page.waitForSelector(`[data-chart-for="${chart}"] .uplot canvas`);
  const canvas = await page.$eval('[data-chart-for="hourly"] canvas', (c) => ({ width: (c as HTMLCanvasElement).width, height: (c as HTMLCanvasElement).height }));
  assert.ok(canvas.width > 300 && canvas.height > 100, `a drawn canvas (${canvas.width}×${canvas.height})`);
  const legend = await page.$$eval('[data-chart-for="hourly"] .u-legend th', (cells) => cells.map((c) => c.textContent?.trim()));
  assert.ok(legend.includes('Vào (in)') && legend.includes('Ra (out)'), `labelled series, not colour alone: ${legend.join(', ')}`);
  const hourly = await tableRows(page, 'hourly');
  assert.equal(hourly.length, 24);
  assert.deepEqual(hourly.slice(7, 11), [['07:00', '1', '0'], ['08:00', '2', '0'], ['09:00', '2', '1'], ['10:00', '0', '1']]);
  assert.deepEqual((await tableRows(page, 'daily')).at(-1), [DAY, '5', '2']);
  // The chart holds the table's numbers: hovering the 08:00 bar, uPlot's legend shows that row's in and out.
  const over = (await page.$('[data-chart-for="hourly"] .u-over'))!.boundingBox();
  const box = (await over)!;
  await page.mouse.move(box.x + box.width * (8.5 / 24), box.y + box.height / 2);
  const values = await page.$$eval('[data-chart-for="hourly"] .u-legend .u-value', (cells) => cells.map((c) => c.textContent?.trim()));
  assert.deepEqual(values, ['08:00', '2', '0']);
  assert.equal(await page.textContent('#inside-now'), '2');
  await assertAccessible(page, 'statistics page');
  assert.deepEqual(problems.all(), []);
  await page.close();
});

it('runs a contact tracing query from the form and shows the contacts, the ID number never in the address bar', async () => {
  const page = await chromium.context.newPage();
  const problems = await monitorPage(page);
  await page.goto(`${hub.url}/admin-web/tracing`);
  await page.getByLabel('Số CCCD / hộ chiếu (ID number)').fill(ID_A);
  await page.getByLabel('Từ ngày').fill(DAY);
  await page.getByLabel('Đến ngày').fill(DAY);
  await page.getByLabel('Lý do (bắt buộc)').fill('Ca F0 ngày 21/11 theo yêu cầu CDC');
  await page.getByRole('button', { name: 'Truy vết' }).click();
  await page.waitForSelector('#tracing-result');
  assert.ok(!page.url().includes(ID_A));
  assert.match((await page.textContent('#tracing-summary')) ?? '', /2 lượt ghé, 4 lượt tiếp xúc/);
  const contacts = (await tableRows(page, 'tracing-result')).map((r) => r[6]).sort();
  assert.deepEqual(contacts, ['Khách giấy', 'Lê Đức Cường', 'Phạm Minh Phúc', 'Trần Văn Bình']);
  await assertAccessible(page, 'tracing result');
  await page.goto(`${hub.url}/admin-web/audit`);
  assert.match((await page.textContent('#audit')) ?? '', /Ca F0 ngày 21\/11 theo yêu cầu CDC/);
  assert.deepEqual(problems.all(), []);
  await page.close();
});

it("refuses a department manager the building door's statistics (403) when the URL is edited", async () => {
  const context = await chromium.browser!.newContext();
  const page = await context.newPage();
  await logIn(page, 'quanly.ketoan');
  const own = await page.goto(`${hub.url}/admin-web/checkpoints/${CHECKPOINT_B}/stats?day=${DAY}`);
  assert.equal(own!.status(), 200);
  await page.waitForSelector('[data-chart-for="hourly"] .uplot canvas');
  const tampered = await page.goto(`${hub.url}/admin-web/checkpoints/${CHECKPOINT}/stats?day=${DAY}`);
  assert.equal(tampered!.status(), 403);
  assert.match(await page.textContent('main') ?? '', /không quản lý điểm kiểm soát này/);
  assert.equal((await page.goto(`${hub.url}/admin-web/audit`))!.status(), 403);
  await context.close();
});
