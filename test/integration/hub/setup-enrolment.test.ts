/**
 * The host side of enrolment on the device (main/setup/enrolment-session.ts) against a real in-process hub, through
 * the contract handler the screen uses: each failure has its own code (hub unreachable, token expired, not an
 * enrolment code), a scanner read during setup never becomes a register entry, and re-enrolling an enrolled
 * terminal needs the settings PIN and gives it a new hub identity.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { SetupStatusView } from '../../../core/index.js';
import { createGateApp, type GateApp } from '../../../main/composition/create-gate-app.js';
import { loadConfig } from '../../../main/config/load-config.js';
import { createContractHandler } from '../../../main/host/contract-handlers.js';
import { handleIpcCall } from '../../../main/electron/ipc-bridge.js';
import { APP_URL } from '../../../main/electron/window-options.js';
import { fixedClockSync } from '../../../main/platform/clock-sync.js';
import { systemClock } from '../../../main/platform/clock.js';
import { enrolWithHub } from '../../../main/sync/enrolment-client.js';
import { silentLogger } from '../../../main/platform/logger.js';
import { hashPin } from '../../../main/selftest/settings-pin.js';
import { enrolmentToken, startTestHub, type TestHub } from '../../support/hub-fixture.js';
import { freePort } from '../../support/hub-process.js';
import { hubTerminalConfig, waitFor } from '../../support/hub-terminal.js';
import { writeTestConfig } from '../../support/host-process.js';
import { tempDir } from '../../support/paths.js';

const PIN = '2468';
const MALFORMED_LOOKING_VALID = 'GTE1.0011223344556677.' + 'A'.repeat(43);

describe('enrolment on the device (host side)', () => {
  let now = Date.now();
  let hub: TestHub;
  const apps: GateApp[] = [];
  const dirs: string[] = [];

  beforeAll(async () => {
    hub = await startTestHub('sqlite', { now: () => now });
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await hub.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  async function terminal(hubUrl: string): Promise<{ app: GateApp; handle: ReturnType<typeof createContractHandler>; setup: () => SetupStatusView }> {
    const dataDir = tempDir('setup-session');
    dirs.push(dataDir);
    const path = writeTestConfig(dataDir, {
      extraConfig: {
        ...hubTerminalConfig(hubUrl, { hub: { requestTimeoutSeconds: 2 } }),
        hardware: { turnstile: { kind: 'simulated', pulseMs: 100, safePosition: 'locked' }, selfTest: { pinHash: hashPin(PIN) } },
        setup: { usbMountPatterns: [], usbPollSeconds: 0.2 },
      },
    });
    const app = await createGateApp(loadConfig(path), { hostMode: 'browser', clockSync: fixedClockSync(true), logger: silentLogger });
    apps.push(app);
    const handle = createContractHandler(app);
    return { app, handle, setup: () => app.setup!.status() };
  }

  it('without a hub: no setup in the snapshot, and enrolTerminal is refused over IPC as over the WebSocket', async () => {
    const dataDir = tempDir('setup-standalone');
    dirs.push(dataDir);
    const app = await createGateApp(loadConfig(writeTestConfig(dataDir)), { hostMode: 'electron', clockSync: fixedClockSync(true), logger: silentLogger });
    apps.push(app);
    const handle = createContractHandler(app);
    assert.equal((handle('getSnapshot', {}) as { setup?: unknown }).setup, undefined);
    const answer = await handleIpcCall(handle, { senderFrame: { url: APP_URL } } as never, 'enrolTerminal', { token: MALFORMED_LOOKING_VALID, source: 'paste' });
    assert.deepEqual(answer.ok ? 'ok' : answer.error.code, 'NO_HUB_CONFIGURED');
    assert.throws(() => handle('enrolTerminal', { token: 'x', source: 'usb' }), { code: 'BAD_PARAMS' });
  });

  it('hub unreachable: HUB_UNREACHABLE, still waiting for enrolment', async () => {
    const { handle, setup } = await terminal(`http://127.0.0.1:${await freePort()}`);
    assert.equal(setup().required, true);
    handle('enrolTerminal', { token: MALFORMED_LOOKING_VALID, source: 'paste' });
    await waitFor(() => setup().phase === 'failed', 'the enrolment to fail');
    assert.equal(setup().error?.code, 'HUB_UNREACHABLE');
    assert.equal(setup().required, true);
  });

  it('expired token: ENROLMENT_TOKEN_EXPIRED; a scanned non-enrolment code is no entry and says so', async () => {
    const { app, handle, setup } = await terminal(hub.url);
    const token = await enrolmentToken(hub, undefined, 1);
    now += 2 * 60_000;
    handle('enrolTerminal', { token, source: 'camera' });
    await waitFor(() => setup().phase === 'failed', 'the enrolment to fail');
    assert.equal(setup().error?.code, 'ENROLMENT_TOKEN_EXPIRED');

    const scanner = app.hardware.simulated!.scanners[0]!;
    assert.ok(scanner.emitPayload('NVD1:some-declaration-token'));
    assert.equal(setup().error?.code, 'NOT_AN_ENROLMENT_CODE');
    assert.equal(setup().source, 'scanner');
    assert.equal(app.register.committedMaxSequence(), 0, 'a read during setup is not a gate decision');
  });

  it('enrolled from a shell meanwhile: setup ends and scanner reads go to the gate again', async () => {
    const { app, setup } = await terminal(hub.url);
    const config = app.config;
    await enrolWithHub({ hubUrl: hub.url, token: await enrolmentToken(hub), dataDir: config.storage.dataDir, localTerminalId: config.terminal.id, checkpointId: config.checkpoint.id, firstSeq: 1, clock: systemClock() });
    await waitFor(() => !setup().required, 'setup to notice the identity');
    assert.equal(setup().phase, 'done');
    assert.ok(app.hardware.simulated!.scanners[0]!.emitPayload('garbage'));
    assert.equal(app.register.committedMaxSequence(), 1, 'the read became an entry');
  });

  it('a terminal clock far off the hub is reported (CLOCK_OFF) beside a successful enrolment', async () => {
    const { handle, setup } = await terminal(hub.url);
    const token = await enrolmentToken(hub);
    const saved = now;
    now = Date.now() + 20 * 60_000; // the hub is 20 min ahead of this terminal
    try {
      handle('enrolTerminal', { token, source: 'paste' });
      await waitFor(() => setup().phase === 'self-test' || setup().phase === 'done', 'enrolment');
    } finally {
      now = saved;
    }
    assert.equal(setup().required, false);
    assert.equal(setup().error?.code, 'CLOCK_OFF');
    assert.match(setup().error!.message, /2\d min behind the hub's/);
  });

  it('enrols from a scanner read, then re-enrolment needs the PIN and gives a new identity', async () => {
    const { app, handle, setup } = await terminal(hub.url);
    assert.ok(app.hardware.simulated!.scanners[0]!.emitPayload(await enrolmentToken(hub)));
    await waitFor(() => setup().phase === 'self-test' || setup().phase === 'done', 'enrolment');
    assert.equal(setup().required, false);
    assert.equal(setup().source, 'scanner');
    const first = setup().terminalId!;
    assert.match(first, /^gate-test-01\.[0-9a-f]{8}$/);
    await waitFor(() => setup().phase === 'done', 'the self-test after enrolment', 20_000);

    const again = await enrolmentToken(hub);
    await assert.rejects(async () => handle('enrolTerminal', { token: again, source: 'paste' }), { code: 'BAD_PIN' });
    await handle('enrolTerminal', { token: again, source: 'paste', pin: PIN });
    await waitFor(() => setup().terminalId !== first && setup().phase !== 'enrolling', 're-enrolment');
    assert.notEqual(setup().terminalId, first);
    assert.equal(setup().error, null);
  });
});
