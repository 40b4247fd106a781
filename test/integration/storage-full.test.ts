/**
 * Disk full and read-only filesystem, with the real host process and its relay log, on a small tmpfs holding the
 * data dir: once a register write fails nobody is admitted and the relay is not pulsed; the relay goes to its safe
 * position; the alarm names the cause in Vietnamese and English; every later scan — valid or garbage — is refused
 * with the STORAGE_* code and leaves no entry; entries committed before stay intact; when space returns (the filler
 * file is removed) or the filesystem is writable again, the gate recovers by itself, without a restart.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, it } from 'vitest';
import Database from 'better-sqlite3';
import type { GateAlarm } from '../../core/index.js';
import { waitFor } from '../support/hub-terminal.js';
import { ContractClient, startHost, type RunningHost } from '../support/host-process.js';
import { mountExt4Loop, mountTmpfs, type ScratchFilesystem } from '../support/scratch-filesystem.js';
import { validToken } from '../support/tokens.js';

async function scanRefused(client: ContractClient, payload: string): Promise<string> {
  try {
    const entry = await client.call('submitScan', { payload, source: 'simulated' });
    return `entry ${entry.seq} ${entry.decision.outcome}`;
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

async function alarmOf(client: ContractClient): Promise<GateAlarm | null> {
  return (await client.call('getSnapshot', {})).alarm;
}

async function pulses(client: ContractClient): Promise<number[]> {
  const log = await client.call('getSimulatedHardwareLog', {});
  return log.relayCommands.filter((c) => c.action === 'pulse').map((c) => c.committedSeq!);
}

function registerSeqs(dataDir: string): number[] {
  const db = new Database(join(dataDir, 'register.sqlite'), { readonly: true });
  try {
    return (db.prepare('SELECT seq FROM entries ORDER BY seq').all() as { seq: number }[]).map((r) => r.seq);
  } finally {
    db.close();
  }
}

describe('register on a full or read-only filesystem (host process, tmpfs)', () => {
  const mounts: ScratchFilesystem[] = [];
  const hosts: RunningHost[] = [];
  afterAll(async () => {
    for (const host of hosts) await host.stop();
    for (const mount of mounts) mount.unmount();
  });

  async function hostOn<M extends ScratchFilesystem>(mount: M, safePosition: 'locked' | 'released'): Promise<{ host: RunningHost; client: ContractClient; mount: M }> {
    mounts.push(mount);
    const host = await startHost({ dataDir: mount.dir, safePosition });
    hosts.push(host);
    return { host, client: await ContractClient.connect(host.url), mount };
  }

  it('disk full: safe state, STORAGE_FULL alarm and refusals, nothing lost, recovery once space returns', async () => {
    const { host, client, mount } = await hostOn(mountTmpfs(3 * 1024), 'released');
    const first = await client.call('submitScan', { payload: validToken({ name: 'Trước Khi Đầy' }), source: 'simulated' });
    assert.equal(first.decision.outcome, 'admit');

    const filler = mount.fill();
    // Rows that still fit in the WAL's existing pages are durable and fine; the first one needing a new page fails.
    const answers: string[] = [];
    for (let i = 0; i < 200 && !answers.includes('STORAGE_FULL'); i++) answers.push(await scanRefused(client, validToken({ name: `Khách ${i}` })));
    assert.equal(answers.at(-1), 'STORAGE_FULL', `no scan failed with STORAGE_FULL: ${answers.slice(-3).join(', ')}`);
    const committedBefore = answers.length; // the first entry plus those that fitted
    assert.deepEqual(await Promise.all([scanRefused(client, validToken()), scanRefused(client, 'garbage ☃'), scanRefused(client, validToken())]), ['STORAGE_FULL', 'STORAGE_FULL', 'STORAGE_FULL']);

    const alarm = await alarmOf(client);
    assert.equal(alarm?.code, 'STORAGE_FULL');
    assert.match(alarm!.vi, /^Bộ nhớ đầy/);
    assert.match(alarm!.en, /^Storage full/);
    const log = await client.call('getSimulatedHardwareLog', {});
    assert.equal(log.relayCommands.at(-1)?.action, 'safe-state');
    assert.equal((await client.call('getSnapshot', {})).relay.position, 'released', 'the relay is in its configured safe position');
    assert.deepEqual(await pulses(client), Array.from({ length: committedBefore }, (_, i) => i + 1), 'only committed admits pulsed, each after its commit');

    rmSync(filler);
    await waitFor(async () => (await alarmOf(client)) === null, 'the gate to recover by itself', 15_000);
    assert.equal((await client.call('getSnapshot', {})).relay.position, 'locked', 'armed again');
    const after = await client.call('submitScan', { payload: validToken({ name: 'Sau Khi Dọn' }), source: 'simulated' });
    assert.equal(after.decision.outcome, 'admit');
    assert.equal(after.seq, committedBefore + 1, 'no gap and no duplicate in the sequence');
    assert.deepEqual((await pulses(client)).at(-1), after.seq);
    client.close();
    await host.stop();
    assert.deepEqual(registerSeqs(host.dataDir), Array.from({ length: committedBefore + 1 }, (_, i) => i + 1));
  });

  it('read-only filesystem (ext4 aborted under the gate): STORAGE_READ_ONLY, no pulse; after repair a restart resumes with every entry', async () => {
    const { host, client, mount } = await hostOn(mountExt4Loop(16), 'locked');
    assert.equal((await client.call('submitScan', { payload: validToken(), source: 'simulated' })).seq, 1);
    mount.abort();
    assert.equal(await scanRefused(client, validToken({ name: 'Chỉ Đọc' })), 'STORAGE_READ_ONLY');
    assert.equal(await scanRefused(client, 'HC1:garbage'), 'STORAGE_READ_ONLY');
    const alarm = await alarmOf(client);
    assert.equal(alarm?.code, 'STORAGE_READ_ONLY');
    assert.match(alarm!.vi, /chỉ đọc/);
    assert.deepEqual(await pulses(client), [1]);
    assert.equal((await client.call('getSnapshot', {})).relay.position, 'locked');
    client.close();
    // An aborted ext4 stays read-only until it is checked and mounted again: that takes stopping the gate.
    await host.stop();
    mount.repairAndRemount();
    const again = await startHost({ dataDir: mount.dir, safePosition: 'locked' });
    hosts.push(again);
    const client2 = await ContractClient.connect(again.url);
    assert.equal(await alarmOf(client2), null);
    assert.equal((await client2.call('submitScan', { payload: validToken({ name: 'Ghi Lại' }), source: 'simulated' })).seq, 2);
    client2.close();
    await again.stop();
    assert.deepEqual(registerSeqs(mount.dir), [1, 2]);
  });
});
