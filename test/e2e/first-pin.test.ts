/**
 * The first settings PIN, as IT staff meet it in Debian's Chromium (issue 16): a terminal installed without a PIN opens
 * ⚙ Settings to a clear "no PIN yet" panel naming the command — no PIN field that could never be right; after
 * `gate-terminal set-pin` on the machine (the running terminal is not restarted) "Kiểm tra lại" brings the PIN field,
 * and the PIN is checked by the host: a wrong one is refused, five lock the settings (the right PIN unlocking: set-pin.test.ts).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { assertAccessible } from '../support/axe.js';
import { launchChromium, monitorPage, type LaunchedChromium } from '../support/chromium.js';
import { closeBrowserAndHost } from '../support/e2e-session.js';
import { GuardScreen } from '../support/guard-screen.js';
import { ContractClient, startHost, type RunningHost } from '../support/host-process.js';
import { CLI } from '../support/paths.js';

describe('first settings PIN in Chromium', () => {
  let host: RunningHost | undefined;
  let chromium: LaunchedChromium | undefined;

  beforeAll(async () => {
    [host, chromium] = await Promise.all([startHost({ direction: 'in' }), launchChromium()]);
  });

  afterAll(async () => {
    await closeBrowserAndHost(chromium, host);
  });

  it('no PIN: says how to set one; after set-pin the PIN field appears; wrong PINs are refused, then locked', async () => {
    const page = await chromium!.context.newPage();
    const problems = await monitorPage(page);
    await new GuardScreen(page).open(host!.url, 'Cổng thử nghiệm');
    await page.getByTestId('settings-open').click();
    const panel = page.getByTestId('settings-no-pin');
    await panel.waitFor();
    assert.match(await panel.innerText(), /Chưa đặt mã PIN cho phần cài đặt/);
    assert.equal(await page.getByTestId('settings-no-pin-command').innerText(), 'sudo gate-terminal set-pin');
    assert.equal(await page.getByTestId('settings-pin').count(), 0, 'no PIN field while no PIN can be right');
    await assertAccessible(page, 'settings without a PIN');
    await page.getByTestId('language-toggle').evaluate((button: HTMLButtonElement) => button.click());
    assert.match(await panel.innerText(), /No settings PIN has been set yet/);
    await page.getByTestId('language-toggle').evaluate((button: HTMLButtonElement) => button.click());

    // What the administrator runs on the machine (the installed wrapper points it at the terminal's config).
    const run = spawnSync(process.execPath, [CLI, 'set-pin', '--config', host!.configPath], { input: '246810\n', encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    await page.getByTestId('settings-check-pin').click();
    await page.getByTestId('settings-pin').waitFor();
    assert.equal(await panel.count(), 0);

    await page.getByTestId('settings-pin').fill('1111');
    await page.getByTestId('settings-unlock').click();
    await page.getByTestId('settings-error').filter({ hasText: 'Sai mã PIN' }).waitFor();
    // Four more wrong PINs from elsewhere count towards the same lockout (one guard for everything behind the PIN).
    const client = await ContractClient.connect(host!.url);
    for (let i = 0; i < 4; i++) await assert.rejects(client.call('getTerminalDetails', { pin: '0000' }), { code: 'BAD_PIN' });
    client.close();
    await page.getByTestId('settings-pin').fill('246810');
    await page.getByTestId('settings-unlock').click();
    await page.getByTestId('settings-error').filter({ hasText: /Nhập sai quá nhiều lần/ }).waitFor();
    assert.equal(await page.getByTestId('terminal-info').count(), 0, 'locked: not even the right PIN opens it now');
    assert.deepEqual(problems.all(), []);
  });
});
