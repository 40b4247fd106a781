/**
 * First boot in Debian's Chromium, against a real hub process: a fresh terminal whose config names the hub shows
 * the setup screen instead of the gate screen; it is enrolled (1) with a pasted token — after a malformed one was
 * refused with its reason, (2) with enroll.json appearing on a "USB stick" folder, (3) with the enrolment QR typed by
 * the wedge scanner — and a used token is refused with its reason; then the self-test runs and shows its result, and
 * the gate screen follows. The hub's own store lists every terminal as enrolled. Tokens come from the hub's
 * `create-enrolment-token` command, exactly as it prints them.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { assertAccessible } from '../support/axe.js';
import { launchChromium, monitorPage, type LaunchedChromium } from '../support/chromium.js';
import { CHECKPOINT } from '../support/hub-fixture.js';
import { enrolTerminalProcess, freePort, killHard, spawnHub, writeHubProcessConfig, type HubProcess } from '../support/hub-process.js';
import { hubTerminalConfig } from '../support/hub-terminal.js';
import { startHost, type RunningHost } from '../support/host-process.js';
import { CLI, tempDir } from '../support/paths.js';
import { typeLikeWedgeScanner } from '../support/wedge-keyboard.js';

describe('first boot: setup screen and enrolment on the device', () => {
  const hubDir = tempDir('setup-hub');
  const usbRoot = tempDir('setup-media');
  const hosts: RunningHost[] = [];
  let hubConfig = '';
  let hub: HubProcess | undefined;
  let chromium: LaunchedChromium | undefined;

  beforeAll(async () => {
    hubConfig = writeHubProcessConfig(hubDir, await freePort());
    [hub, chromium] = await Promise.all([spawnHub(hubConfig), launchChromium()]);
  });

  afterAll(async () => {
    try {
      await chromium?.close();
      for (const host of hosts) await host.stop();
    } finally {
      if (hub) await killHard(hub.child, hub.exited);
      for (const dir of [hubDir, usbRoot, ...hosts.map((h) => h.dataDir)]) rmSync(dir, { recursive: true, force: true });
    }
  });

  /** `gate-terminal create-enrolment-token`, as the admin runs it; the token is its ENROLMENT_TOKEN= line. */
  function createToken(): { token: string; output: string } {
    const output = execFileSync(process.execPath, [CLI, 'create-enrolment-token', '--config', hubConfig, '--checkpoint', CHECKPOINT], { encoding: 'utf8' });
    const token = /^ENROLMENT_TOKEN=(\S+)$/m.exec(output)?.[1];
    assert.ok(token, `no ENROLMENT_TOKEN= line in:\n${output}`);
    return { token, output };
  }

  function enrolledTerminals(): string[] {
    const db = new Database(join(hubDir, 'hub.sqlite'), { readonly: true });
    try {
      return (db.prepare('SELECT terminal_id FROM terminals ORDER BY enrolled_at').all() as { terminal_id: string }[]).map((r) => r.terminal_id);
    } finally {
      db.close();
    }
  }

  async function freshTerminal(name: string): Promise<{ host: RunningHost; page: Page }> {
    const host = await startHost({
      extraConfig: {
        ...hubTerminalConfig(hub!.url, { terminalId: name }),
        setup: { usbMountPatterns: [join(usbRoot, '*')], usbPollSeconds: 0.2 },
      },
    });
    hosts.push(host);
    const page = await chromium!.context.newPage();
    await page.goto(host.url);
    await page.getByTestId('setup-screen').waitFor();
    assert.equal(await page.getByTestId('checkpoint-name').count(), 0, 'the gate screen is not shown before enrolment');
    return { host, page };
  }

  /** Enrolled → the self-test of the live terminal runs and shows its steps → on to the gate screen. */
  async function finishSetup(page: Page, name: string): Promise<void> {
    await page.locator('[data-testid="enrol-status"][data-phase="enrolled"]').waitFor();
    assert.match(await page.getByTestId('enrol-status').innerText(), new RegExp(`${name.replace('.', '\\.')}\\.[0-9a-f]{8}`));
    await page.getByTestId('setup-done').waitFor();
    const rows = await page.locator('[data-testid="setup-selftest"] .selftest__row').evaluateAll((trs) => trs.map((tr) => `${tr.children[0]!.textContent} ${tr.getAttribute('data-result')}`));
    assert.deepEqual(rows, ['Máy quét simulated (simulated) pass', 'Đèn đỏ pass', 'Đèn vàng pass', 'Đèn xanh pass', 'Còi pass', 'Rơ-le cổng pass']);
    await page.getByTestId('setup-continue').click();
    await page.getByTestId('checkpoint-name').filter({ hasText: 'Cổng thử nghiệm' }).waitFor();
  }

  it('pasted token: a malformed one is refused with its reason, the real one enrols, self-tests and opens the gate screen', async () => {
    const { page } = await freshTerminal('gate-paste');
    const problems = await monitorPage(page);
    assert.match(await page.getByTestId('setup-screen').innerText(), /Cài đặt lần đầu/);
    await page.getByTestId('setup-language-en').click();
    assert.match(await page.getByTestId('setup-screen').innerText(), /First-time setup/);
    await page.getByTestId('setup-language-vi').click();
    await assertAccessible(page, 'setup screen');

    await page.getByTestId('enrol-token').fill('GTE1.not-a-token');
    await page.getByTestId('enrol-submit').click();
    const error = page.getByTestId('enrol-error');
    await error.waitFor();
    assert.equal(await error.getAttribute('data-code'), 'ENROLMENT_TOKEN_MALFORMED');
    assert.match(await error.innerText(), /Đây không phải mã đăng ký/);

    await page.getByTestId('enrol-token').fill(createToken().output); // the whole output, QR blocks and all
    await page.getByTestId('enrol-submit').click();
    await finishSetup(page, 'gate-paste');
    assert.ok(enrolledTerminals().some((id) => id.startsWith('gate-paste.')));
    // The settings screen offers re-enrolment (behind the PIN) with the same form, naming the current enrolment.
    await page.getByTestId('settings-open').click();
    assert.match(await page.getByTestId('enrol-current').innerText(), /^Đang đăng ký: gate-paste\.[0-9a-f]{8} tại http/);
    assert.equal(await page.getByTestId('enrol-pin').count(), 1);
    await page.getByTestId('settings-close').click();
    assert.deepEqual(problems.all(), []);
  });

  it('enroll.json on a USB stick enrols without touching the screen', async () => {
    const { page } = await freshTerminal('gate-usb');
    const stick = join(usbRoot, 'USB-IT');
    mkdirSync(stick);
    writeFileSync(join(stick, 'enroll.json'), JSON.stringify({ token: createToken().token }));
    await finishSetup(page, 'gate-usb');
    assert.ok(enrolledTerminals().some((id) => id.startsWith('gate-usb.')));
    rmSync(stick, { recursive: true });
  });

  it('the enrolment QR read by the wedge scanner goes to setup, not to the gate; a used token is refused', async () => {
    const { host, page } = await freshTerminal('gate-wedge');
    const { token } = createToken();
    const otherDir = tempDir('setup-other');
    await enrolTerminalProcess(otherDir, hub!.url, token, { terminalId: 'gate-other' }); // the token is now used
    rmSync(otherDir, { recursive: true, force: true });

    await page.getByTestId('setup-usb-hint').click(); // focus back to the hidden wedge input
    await typeLikeWedgeScanner(page, token);
    const error = page.getByTestId('enrol-error');
    await error.waitFor();
    assert.equal(await error.getAttribute('data-code'), 'ENROLMENT_TOKEN_USED');
    assert.match(await error.innerText(), /máy quét: Mã đăng ký đã được dùng/);

    await typeLikeWedgeScanner(page, createToken().token);
    await finishSetup(page, 'gate-wedge');
    const db = new Database(join(host.dataDir, 'register.sqlite'), { readonly: true });
    try {
      assert.equal((db.prepare('SELECT count(*) AS n FROM entries').get() as { n: number }).n, 0, 'no scan of the setup flow became a register entry');
    } finally {
      db.close();
    }
    assert.equal(enrolledTerminals().filter((id) => id.startsWith('gate-wedge.')).length, 1);
  });
});
