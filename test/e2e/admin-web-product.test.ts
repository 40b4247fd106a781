/**
 * The admin web as its users meet it, in Debian's Chromium against a real hub process (`gate-terminal hub`, SQLite),
 * with the account made by `gate-terminal create-admin` as the hub's start message says: every page at 1280×800 and
 * 360×740 passes axe-core (no serious or critical finding), raises no CSP violation or script error and never scrolls
 * sideways at 360 px; screenshot baselines of the main pages at both sizes; reasons read as Vietnamese texts with
 * their English line (no bare codes), the terminal's clock notices apart from denial reasons; hosts by name;
 * revoking a terminal takes a confirmation step (cancel keeps it; with JavaScript off too); posters are refused while
 * the public address is a loopback one, with what to configure.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, it } from 'vitest';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { REASON_TEXTS } from '../../core/index.js';
import { validateHubConfig } from '../../hub/config/hub-config.js';
import { openMigratedStore } from '../../hub/hub-app.js';
import type { UploadedEntry } from '../../hub/protocol.js';
import type { HubStore } from '../../hub/storage/hub-store.js';
import { assertAccessible } from '../support/axe.js';
import { launchChromium, monitorPage, type LaunchedChromium, type PageProblems } from '../support/chromium.js';
import { at, DAY, ID_A, NOW, seedAdminScenario } from '../support/hub-admin-scenario.js';
import { BUILDING, CHECKPOINT, CHECKPOINT_B, type TestHub } from '../support/hub-fixture.js';
import { killHard, spawnHub, type HubProcess } from '../support/hub-process.js';
import { CLI, tempDir } from '../support/paths.js';
import { expectScreenshot } from '../support/screenshot-compare.js';
import { base32Decode, totp } from '../../hub/admin-web/totp.js';

const PASSWORD = 'mật-khẩu-quản-trị-2026';
const SIZES = [{ width: 1280, height: 800 }, { width: 360, height: 740 }] as const;
let hub: HubProcess;
let store: HubStore;
let chromium: LaunchedChromium;
let page: Page;
let problems: PageProblems;
/** The authenticator enrolled at the first sign-in (the account has tracing rights). */
let totpSecret: string;

beforeAll(async () => {
  const dir = tempDir('admin-product');
  const config = {
    listen: { host: '127.0.0.1', port: 0 }, dataDir: dir, storage: { kind: 'sqlite', path: join(dir, 'hub.sqlite') },
    publicBaseUrl: 'http://127.0.0.1:8450', timeZone: 'Asia/Ho_Chi_Minh',
    organisations: [{ id: 'cong-ty-thu', name: 'Công ty Thử nghiệm' }],
    buildings: [{
      id: BUILDING, name: 'Tòa nhà thử', organisation: 'cong-ty-thu', address: '1 Phố Thử, Hà Nội',
      checkpoints: [{ id: CHECKPOINT, name: 'Cổng thử nghiệm' }, { id: CHECKPOINT_B, name: 'Phòng Kế toán', kind: 'department', address: 'Tầng 3', policy: { department: 'ke-toan' } }],
    }],
  };
  const configPath = join(dir, 'hub.json');
  writeFileSync(configPath, JSON.stringify(config));
  hub = await spawnHub(configPath);
  await promisify(execFile)(process.execPath, [CLI, 'create-admin', '--config', configPath, '--username', 'quantri', '--role', 'organisation-admin', '--scope', 'cong-ty-thu', '--name', 'Chị Quản Trị', '--tracing'], {
    env: { ...process.env, GATE_ADMIN_PASSWORD: PASSWORD },
  });
  // The day's entries go into the hub's own database (SQLite in WAL mode, shared with the running hub).
  store = await openMigratedStore(validateHubConfig(configPath, config));
  const asHub = { store } as unknown as TestHub;
  await seedAdminScenario(asHub);
  await store.hosts.replaceHosts(BUILDING, [{ hostId: 'nv-0007', department: 'ke-toan', displayName: 'Trần Thị Bình' }]);
  const entry = (terminalId: string, checkpointId: string, seq: number, time: string, name: string, extra: Partial<UploadedEntry>): UploadedEntry => ({
    id: `${terminalId}-${seq}`, terminalId, seq, checkpointId, direction: 'in', outcome: 'admit', reasons: ['DECLARATION_VALID'], credentialKind: 'declaration',
    credentialId: null, subjectHmac: null, displayName: name, scanSource: 'simulated', wallTime: at(time), monoTime: 0, bootId: 'boot', eventTime: at(time),
    timeSource: 'hub-anchor', overrideOf: null, ...extra,
  });
  await store.entries.ingest((await store.terminals.terminal('cong-chinh'))!, [
    entry('cong-chinh', CHECKPOINT, 12, '10:10', 'Đồng Hồ Lệch', { outcome: 'deny', reasons: ['TOKEN_EXPIRED', 'CLOCK_NOT_SYNCHRONISED'] }),
    entry('cong-chinh', CHECKPOINT, 13, '10:12', 'Khách Đồng Hồ', { reasons: ['DECLARATION_VALID', 'CLOCK_NOT_SYNCHRONISED'] }),
  ], NOW);
  await store.entries.ingest((await store.terminals.terminal('ke-toan'))!, [entry('ke-toan', CHECKPOINT_B, 4, '10:05', 'Khách Đến Thăm', { hostId: 'nv-0007' })], NOW);
  chromium = await launchChromium();
  page = await chromium.context.newPage();
  problems = await monitorPage(page);
  await page.goto(`${hub.url}/admin-web/login`);
  await page.getByLabel('Tên đăng nhập').fill('quantri');
  await page.getByLabel('Mật khẩu').fill(PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  // Tracing rights (issue 15 part 5): the first sign-in enrols the authenticator, then shows the recovery codes once.
  await page.waitForURL(`${hub.url}/admin-web/login/second-factor`);
  totpSecret = ((await page.textContent('#totp-secret')) ?? '').replace(/\s/g, '');
  await page.getByLabel('Mã xác thực (6 chữ số) / Code').fill(totp(base32Decode(totpSecret), Date.now()));
  await page.getByRole('button', { name: 'Xác nhận' }).click();
  await page.waitForSelector('#recovery-codes');
  await page.getByRole('link', { name: 'Tiếp tục / Continue' }).click();
  await page.waitForURL(`${hub.url}/admin-web/`);
});

afterAll(async () => {
  await chromium?.close();
  await store?.close();
  if (hub) await killHard(hub.child, hub.exited);
});

/** At both sizes: axe-core clean, no sideways scrolling at the phone's width. */
async function checkPage(label: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await assertAccessible(page, `${label} at ${size.width}×${size.height}`);
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(scrollWidth <= size.width, `${label}: ${scrollWidth} px wide at a ${size.width} px viewport`);
  }
  await page.setViewportSize(SIZES[0]);
}

async function screenshots(name: string, mask: readonly string[] = []): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await expectScreenshot(page, `admin-${name}-${size.width}`, mask);
  }
  await page.setViewportSize(SIZES[0]);
}

const visible = () => page.locator('main').innerText();

it('every admin page passes axe-core at 1280×800 and 360×740 without sideways scrolling, under the strict CSP', async () => {
  const cp = encodeURIComponent(CHECKPOINT);
  for (const [path, label] of [
    ['/admin-web/', 'checkpoints'],
    [`/admin-web/checkpoints/${cp}`, 'checkpoint'],
    [`/admin-web/checkpoints/${cp}/entries?day=${DAY}`, 'Danh sách'],
    [`/admin-web/checkpoints/${cp}/stats?day=${DAY}`, 'statistics'],
    ['/admin-web/tracing', 'tracing form'],
    ['/admin-web/audit', 'audit log'],
    ['/admin-web/fleet', 'fleet'],
    ['/admin-web/dcc-signers', 'DCC trust list'],
    [`/admin-web/fleet/terminals/cong-chinh/revoke`, 'revoke terminal confirmation'],
    [`/admin-web/checkpoints/${cp}/poster.pdf`, 'poster refused'],
    ['/admin-web/checkpoints/cp-khong-co', 'not allowed'],
  ] as const) {
    await page.goto(hub.url + path);
    if (label === 'statistics') await page.waitForSelector('[data-chart-for="hourly"] .uplot canvas');
    await checkPage(label);
  }
  await page.goto(`${hub.url}/admin-web/tracing`);
  await page.getByLabel('Số CCCD / hộ chiếu (ID number)').fill(ID_A);
  await page.getByLabel('Từ ngày').fill(DAY);
  await page.getByLabel('Đến ngày').fill(DAY);
  await page.getByLabel('Lý do (bắt buộc)').fill('Ca F0 theo yêu cầu của CDC');
  await page.getByRole('button', { name: 'Truy vết' }).click();
  await page.waitForSelector('#tracing-result');
  await checkPage('tracing result');
  await page.goto(`${hub.url}/admin-web/fleet`);
  await page.getByRole('button', { name: 'Tạo mã đăng ký' }).click();
  await page.waitForSelector('#enrolment-token');
  await checkPage('enrolment token');
  await page.goto(`${hub.url}/admin-web/fleet`);
  await page.getByRole('link', { name: 'Thu hồi mã…' }).first().click();
  await checkPage('revoke token confirmation');
  const context = await chromium.browser!.newContext({ viewport: SIZES[1] });
  const login = await context.newPage();
  await login.goto(`${hub.url}/admin-web/login`);
  await assertAccessible(login, 'login at 360×740');
  assert.ok((await login.evaluate(() => document.documentElement.scrollWidth)) <= 360);
  await context.close();
  assert.deepEqual([...problems.cspViolations.map((v) => `${v.directive} ${v.blockedURI}`), ...problems.pageErrors], []);
});

it('matches the screenshot baselines at 1280×800 and 360×740', async () => {
  await page.goto(`${hub.url}/admin-web/`);
  await screenshots('checkpoints');
  await page.goto(`${hub.url}/admin-web/checkpoints/${CHECKPOINT}/entries?day=${DAY}`);
  await screenshots('entries');
  await page.goto(`${hub.url}/admin-web/checkpoints/${CHECKPOINT}/stats?day=${DAY}`);
  await page.waitForSelector('[data-chart-for="daily"] .uplot canvas');
  await screenshots('stats', ['.chart']);
  await page.goto(`${hub.url}/admin-web/fleet`);
  assert.equal(await page.locator('nav a[aria-current="page"]').innerText(), 'Thiết bị', 'the navigation marks where you are');
  await screenshots('fleet', ['#terminals td:nth-child(4)', '#tokens']);
});

it('reasons read as Vietnamese texts with an English line; clock notices stay apart from denial reasons; hosts by name', async () => {
  await page.goto(`${hub.url}/admin-web/checkpoints/${CHECKPOINT}/entries?day=${DAY}`);
  const row = page.locator('#entries tbody tr', { hasText: 'Đồng Hồ Lệch' });
  const reasons = await row.locator('ul.reasons').innerText();
  assert.ok(reasons.includes(REASON_TEXTS.TOKEN_EXPIRED.vi.message) && reasons.includes(REASON_TEXTS.TOKEN_EXPIRED.en.message), reasons);
  assert.ok(reasons.includes(`Lưu ý: ${REASON_TEXTS.CLOCK_NOT_SYNCHRONISED.vi.message}`), 'the clock as a notice, after the reason');
  assert.doesNotMatch(await visible(), /[A-Z]+_[A-Z_]+/, 'no bare reason code anywhere on the page');
  assert.equal(await row.locator('li[title="TOKEN_EXPIRED"]').count(), 1, 'the code is kept in a title, for support');

  await page.goto(`${hub.url}/admin-web/checkpoints/${CHECKPOINT}/stats?day=${DAY}`);
  const denials = await page.locator('#denials').innerText();
  assert.match(denials, new RegExp(REASON_TEXTS.TOKEN_EXPIRED.vi.message));
  assert.ok(!denials.includes(REASON_TEXTS.CLOCK_NOT_SYNCHRONISED.vi.message), 'an unsynchronised clock never counts as a denial reason');
  const notices = await page.locator('#notices tbody').innerText();
  assert.ok(notices.includes(REASON_TEXTS.CLOCK_NOT_SYNCHRONISED.vi.message) && /\b2\b/.test(notices), `both entries with the notice: ${notices}`);
  assert.doesNotMatch(await visible(), /[A-Z]+_[A-Z_]+/);

  await page.goto(`${hub.url}/admin-web/checkpoints/${CHECKPOINT_B}/entries?day=${DAY}`);
  assert.match(await page.locator('#entries tbody tr', { hasText: 'Khách Đến Thăm' }).innerText(), /Trần Thị Bình/);
  assert.doesNotMatch(await visible(), /nv-0007/, 'not the host id');
});

it('revoking a terminal takes a confirmation step: cancel keeps it, confirming revokes it — with JavaScript off too', async () => {
  await page.goto(`${hub.url}/admin-web/fleet`);
  const row = page.locator('tr[data-terminal="ke-toan"]');
  await row.getByRole('link', { name: 'Thu hồi…' }).click();
  assert.match(await visible(), /Thu hồi thiết bị ke-toan tại Phòng Kế toán\?/);
  await page.getByRole('link', { name: 'Hủy, quay lại / Cancel' }).click();
  await page.waitForURL(`${hub.url}/admin-web/fleet`);
  assert.equal((await store.terminals.terminal('ke-toan'))!.revokedAt, null, 'cancel revokes nothing');

  const context = await chromium.browser!.newContext({ javaScriptEnabled: false });
  const noScript = await context.newPage();
  await noScript.goto(`${hub.url}/admin-web/login`);
  await noScript.getByLabel('Tên đăng nhập').fill('quantri');
  await noScript.getByLabel('Mật khẩu').fill(PASSWORD);
  await noScript.getByRole('button', { name: 'Đăng nhập' }).click();
  await noScript.waitForURL(`${hub.url}/admin-web/login/second-factor`);
  // The next time step's code: a code is good once, and the first sign-in spent this step's.
  await noScript.getByLabel('Mã xác thực / Code').fill(totp(base32Decode(totpSecret), Date.now() + 30_000));
  await noScript.getByRole('button', { name: 'Đăng nhập' }).click();
  await noScript.waitForURL(`${hub.url}/admin-web/`);
  await noScript.goto(`${hub.url}/admin-web/fleet`);
  await noScript.locator('tr[data-terminal="ke-toan"]').getByRole('link', { name: 'Thu hồi…' }).click();
  await noScript.getByRole('button', { name: 'Thu hồi thiết bị này / Revoke this terminal' }).click();
  await noScript.waitForURL(`${hub.url}/admin-web/fleet`);
  assert.match(await noScript.locator('tr[data-terminal="ke-toan"]').innerText(), /Đã thu hồi 20\d\d-\d\d-\d\d \d\d:\d\d/);
  assert.ok((await store.terminals.terminal('ke-toan'))!.revokedAt! > 0);
  await context.close();
});

it('posters are refused while the public address is a loopback one, saying what to configure', async () => {
  await page.goto(`${hub.url}/admin-web/checkpoints/${CHECKPOINT}`);
  const posters = await page.locator('#posters').innerText();
  assert.match(posters, /Chưa in được áp phích: địa chỉ công khai http:\/\/127\.0\.0\.1:8450 chỉ dùng được trên chính máy chủ này/);
  assert.match(posters, /publicBaseUrl: https:\/\/khaibao\.example\.vn/);
  assert.equal(await page.locator('a[href$="poster.pdf"]').count(), 0, 'no link to a poster that cannot be made');
  const refused = await page.goto(`${hub.url}/admin-web/checkpoints/${CHECKPOINT}/poster.png`);
  assert.equal(refused!.status(), 409);
  assert.match(await visible(), /No poster: http:\/\/127\.0\.0\.1:8450 is a loopback address that phones cannot reach/);
});
