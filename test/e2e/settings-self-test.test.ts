/**
 * End to end, in Debian's Chromium: the scanner status on the guard screen (an absent serial scanner with the reason),
 * and the settings screen behind the PIN running the hardware self-test of the live terminal.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { hashPin } from '../../main/selftest/settings-pin.js';
import { launchChromium, monitorPage, type LaunchedChromium } from '../support/chromium.js';
import { assertAccessible } from '../support/axe.js';
import { GuardScreen } from '../support/guard-screen.js';
import { startHost, type RunningHost } from '../support/host-process.js';

describe('settings screen in Chromium: scanner status and the PIN-protected self-test', () => {
  let host: RunningHost | undefined;
  let chromium: LaunchedChromium | undefined;

  before(async () => {
    [host, chromium] = await Promise.all([
      startHost({
        extraConfig: {
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

  after(async () => {
    try {
      await chromium?.close();
    } finally {
      await host?.stop();
      if (host) rmSync(host.dataDir, { recursive: true, force: true });
    }
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
    await page.getByTestId('settings-run').click();
    assert.equal(await page.getByTestId('settings-error').innerText(), 'Sai mã PIN');
    await assertAccessible(page, 'settings screen with a PIN error');

    await page.getByTestId('settings-pin').fill('2468');
    await page.getByTestId('settings-run').click();
    await page.getByTestId('selftest-state').filter({ hasText: 'Kiểm tra xong' }).waitFor({ timeout: 30_000 });
    const rows = await page.locator('.selftest__row').evaluateAll((trs) => trs.map((tr) => `${tr.children[0]!.textContent} ${tr.getAttribute('data-result')}`));
    assert.deepEqual(rows, [
      'Scanner simulated (simulated) pass',
      'Scanner door (serial) fail',
      'Light red pass',
      'Light amber pass',
      'Light green pass',
      'Buzzer pass',
      'Turnstile relay pass',
    ]);
    await assertAccessible(page, 'settings screen with self-test results');
    await page.getByTestId('settings-close').click();
    assert.equal(await page.getByTestId('settings').count(), 0);
    assert.deepEqual(problems.all(), []);
  });
});
