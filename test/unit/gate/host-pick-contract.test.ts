/**
 * The host picker's calls on the contract: `listHosts` and `admitWithHost` are in GATE_METHODS, validated by the
 * host's handler and carried by the Electron IPC bridge like `overrideEntry`; the remembered scans of the gate are
 * held for the override window only and taken once.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { GATE_METHODS, IPC_CALL_CHANNEL, ReasonCode, type CallEnvelope, type EntryView, type GateDecision } from '../../../core/index.js';
import type { GateApp } from '../../../main/composition/create-gate-app.js';
import { registerIpcBridge } from '../../../main/electron/ipc-bridge.js';
import { APP_URL } from '../../../main/electron/window-options.js';
import { GateUnavailableError } from '../../../main/gate/gate-unavailable-error.js';
import { OVERRIDE_WINDOW_MS } from '../../../main/gate/override-checks.js';
import { PendingHostPicks } from '../../../main/gate/pending-host-picks.js';
import { createContractHandler } from '../../../main/host/contract-handlers.js';
import { createFakeElectron } from '../../support/fake-electron.js';
import { recordingLogger } from '../../support/recording-logger.js';

const HOSTS = { hosts: [{ hostId: 'nv-0007', department: 'ke-toan', displayName: 'Trần Thị Bình' }], stale: false };

function decision(outcome: GateDecision['outcome'], reason: ReasonCode): GateDecision {
  return { outcome, reasons: [reason], credential: { kind: 'declaration' }, person: { displayName: 'Khách' }, direction: 'in', decidedAt: 1_000 };
}
const entry = (id: string, d: GateDecision, committedAt = 1_000): EntryView => ({ entryId: id, seq: 1, decision: d, scanSource: 'simulated', committedAt });

function ipcWithGate() {
  const calls: unknown[][] = [];
  const gate = {
    hostList: () => HOSTS,
    admitWithHost: (entryId: string, hostId: string) => {
      calls.push([entryId, hostId]);
      if (hostId === 'nv-9999') throw new GateUnavailableError('HOST_NOT_FOUND', 'not on the list');
      return entry('picked', decision('admit', ReasonCode.DeclarationValid));
    },
  };
  const handler = createContractHandler({ gate } as unknown as GateApp);
  const fake = createFakeElectron();
  registerIpcBridge(fake.electron.ipcMain, handler, recordingLogger());
  const call = (method: string, params: unknown) => fake.invoke(IPC_CALL_CHANNEL, APP_URL, method, params) as Promise<CallEnvelope>;
  return { calls, call };
}

describe('host picker calls over IPC', () => {
  it('are part of the contract', () => {
    assert.ok(GATE_METHODS.includes('listHosts'));
    assert.ok(GATE_METHODS.includes('admitWithHost'));
  });

  it('listHosts answers the gate\'s host list; admitWithHost passes entry and host id', async () => {
    const { calls, call } = ipcWithGate();
    assert.deepEqual(await call('listHosts', {}), { ok: true, result: HOSTS });
    const answer = await call('admitWithHost', { entryId: 'e-1', hostId: 'nv-0007' });
    assert.equal(answer.ok && (answer.result as EntryView).entryId, 'picked');
    assert.deepEqual(calls, [['e-1', 'nv-0007']]);
  });

  it('refuses bad params without reaching the gate, and passes the gate\'s refusal as its code', async () => {
    const { calls, call } = ipcWithGate();
    for (const params of [{ entryId: 'e-1' }, { entryId: '', hostId: 'nv-0007' }, { entryId: 'e-1', hostId: 'x'.repeat(65) }, { entryId: 'e-1', hostId: 'nv-0007', name: 'Bình' }]) {
      const answer = await call('admitWithHost', params);
      assert.equal(!answer.ok && answer.error.code, 'BAD_PARAMS', JSON.stringify(params));
    }
    assert.equal(calls.length, 0);
    const refused = await call('admitWithHost', { entryId: 'e-1', hostId: 'nv-9999' });
    assert.deepEqual(refused, { ok: false, error: { code: 'HOST_NOT_FOUND', message: 'not on the list' } });
  });
});

describe('scans held for a host pick', () => {
  const redecide = () => decision('admit', ReasonCode.DeclarationValid);

  it('holds only VISITOR_NEEDS_HOST reviews, each taken once', () => {
    const picks = new PendingHostPicks();
    picks.remember(entry('a', decision('review', ReasonCode.VisitorNeedsHost)), redecide);
    picks.remember(entry('b', decision('review', ReasonCode.BuildingDataStale)), redecide);
    assert.equal(picks.take('a', 2_000), redecide);
    assert.throws(() => picks.take('a', 2_000), (e) => e instanceof GateUnavailableError && e.code === 'HOST_PICK_EXPIRED', 'taken once');
    assert.throws(() => picks.take('b', 2_000), (e) => e instanceof GateUnavailableError && e.code === 'HOST_PICK_EXPIRED', 'not a host review');
  });

  it('forgets a scan after the override window, and keeps at most 64', () => {
    const picks = new PendingHostPicks();
    picks.remember(entry('old', decision('review', ReasonCode.VisitorNeedsHost)), redecide);
    assert.throws(() => picks.take('old', 1_000 + OVERRIDE_WINDOW_MS + 1), (e) => e instanceof GateUnavailableError && e.code === 'HOST_PICK_EXPIRED');
    for (let i = 0; i < 65; i++) picks.remember(entry(`v${i}`, decision('review', ReasonCode.VisitorNeedsHost)), redecide);
    assert.throws(() => picks.take('v0', 2_000), (e) => e instanceof GateUnavailableError && e.code === 'HOST_PICK_EXPIRED', 'the oldest went first');
    assert.equal(picks.take('v64', 2_000), redecide);
  });
});
