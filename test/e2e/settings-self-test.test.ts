/**
 * End to end, in Debian's Chromium: the scanner status on the guard screen (an absent serial scanner with the reason),
 * and the settings screen behind the PIN: the terminal's information (checkpoint, direction, department, ids, version,
 * hub), the language switch for the session (screenshots compared in both languages), and the hardware self-test of
 * the live terminal.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { hashPin } from '../../main/selftest/settings-pin.js';
import { launchChromium, monitorPage, type LaunchedChromium } from '../support/chromium.js';
import { assertAccessible } from '../support/axe.js';
import { GuardScreen } from '../support/guard-screen.js';
import { startHost, type RunningHost } from '../support/host-process.js';
import { expectScreenshot } from '../support/screenshot-compare.js';
import { closeBrowserAndHost } from '../support/e2e-session.js';

describe('settings screen in Chromium: scanner status and the PIN-protected self-test', () => {
  let host: RunningHost | undefined;
  let chromium: LaunchedChromium | undefined;

  beforeAll(async () => {
    [host, chromium] = await Promise.all([
      startHost({
        direction: 'in',
        extraConfig: {
          policy: { department: 'ke-toan' },
          hardware: {
            selfTest: { pinHash: hashPin('2468') },
            scanners: [
              { kind: 'simulated', id: 'simulated' },
              { kind: 'serial', id: 'door', path: '/dev/serial/by-id/usb-gate-test-not-plugged-in' },
            ],
          },
        },
      }),
      launchChromium(),
    ]);
  });

  afterAll(async () => {
    await closeBrowserAndHost(chromium, host);
  });

  it('shows why a scanner is absent, refuses a wrong PIN, and runs the self-test with the right one', async () => {
    const page = await chromium!.context.newPage();
    const problems = await monitorPage(page);
    const screen = new GuardScreen(page);
    await screen.open(host!.url, 'Cổng thử nghiệm');

    const door = page.getByTestId('scanner-status').filter({ hasText: 'door' });
    assert.equal(await door.getAttribute('data-health'), 'absent');
    assert.match(await door.getByTestId('scanner-detail').innerText(), /usb-gate-test-not-plugged-in is not present/);

    await page.getByTestId('settings-open').click();
    await page.getByTestId('settings-pin').fill('1111');
    await page.getByTestId('settings-unlock').click();
    assert.equal(await page.getByTestId('settings-error').innerText(), 'Sai mã PIN');
    assert.equal(await page.getByTestId('terminal-info').count(), 0, 'nothing of the configuration without the PIN');
    await assertAccessible(page, 'settings screen with a PIN error');

    await page.getByTestId('settings-pin').fill('2468');
    await page.getByTestId('settings-unlock').click();
    const info = async (id: string) => (await page.getByTestId(`info-${id}`).locator('td').innerText()).trim();
    await page.getByTestId('terminal-info').waitFor();
    assert.equal(await info('checkpoint-id'), 'cp-test');
    assert.equal(await info('checkpoint-name'), 'Cổng thử nghiệm');
    assert.equal(await info('direction'), 'Chỉ vào');
    assert.equal(await info('department'), 'ke-toan');
    assert.equal(await info('host-mode'), 'browser');
    assert.equal(await info('hub'), 'Chưa kết nối máy chủ (chạy độc lập)');
    assert.equal(await info('camera'), 'Camera đang tắt');
    assert.match(await info('version'), /^\d+\.\d+\.\d+/);
    assert.ok((await info('terminal-id')).length > 0);
    await assertAccessible(page, 'settings screen unlocked, Vietnamese');
    await expectScreenshot(page, 'settings-vi');
    await page.getByTestId('settings-language-en').check();
    assert.equal(await info('direction'), 'In only');
    assert.equal(await page.getByTestId('checkpoint-name').locator('xpath=..').locator('.topbar__label').innerText(), 'Checkpoint', 'the whole screen follows');
    await assertAccessible(page, 'settings screen unlocked, English');
    await expectScreenshot(page, 'settings-en');
    await page.getByTestId('settings-language-vi').check();

    await page.getByTestId('settings-run').click();
    await page.getByTestId('selftest-state').filter({ hasText: 'Kiểm tra xong' }).waitFor();
    const rows = await page.locator('.selftest__row').evaluateAll((trs) => trs.map((tr) => `${tr.children[0]!.textContent} ${tr.getAttribute('data-result')}`));
    // In the Vietnamese UI the steps and their details are Vietnamese (no "Light red", no "simulated: state as commanded").
    assert.deepEqual(rows, [
      'Máy quét simulated (simulated) pass',
      'Máy quét door (serial) fail',
      'Đèn đỏ pass',
      'Đèn vàng pass',
      'Đèn xanh pass',
      'Còi pass',
      'Rơ-le cổng pass',
    ]);
    const details = await page.locator('.selftest__row td:last-child').allInnerTexts();
    assert.equal(details[2], 'Mô phỏng: trạng thái đúng như lệnh');
    assert.ok(details.every((d) => !/simulated: state|commanded/.test(d)), details.join('\n'));
    await assertAccessible(page, 'settings screen with self-test results');
    await page.getByTestId('settings-close').click();
    assert.equal(await page.getByTestId('settings').count(), 0);
    assert.deepEqual(problems.all(), []);
  });
});
