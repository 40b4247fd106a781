/**
 * Durability under SIGKILL: the host answers "admitted" only after the row is committed, so killing it at the worst
 * moment — right after it reported a result, or with a burst of scans still in flight — must never lose an
 * acknowledged entry, duplicate one, break the (terminal, seq) sequence or damage the database file.
 *
 * One data directory is reused across all trials of a test: rows accumulate and every trial after the first is a
 * restart on a register that a SIGKILL left with an un-checkpointed WAL (and a stale -shm). That is the path a real
 * terminal takes after a crash, repeated dozens of times on the same file, and it proves each restart continues the
 * sequence from what is on disk (next seq = max + 1). Between trials the files are checked through a copy (see
 * readRegisterCopy), so the check never performs the recovery in the host's place.
 *
 * Scope: SIGKILL loses the process, not the kernel's page cache, so this proves "committed before acknowledged" and
 * crash recovery; surviving power loss rests on WAL + synchronous=FULL, which openDatabase sets and reads back.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import type { EntryView } from '../../core/index.js';
import { ContractClient, startHost, type RunningHost } from '../support/host-process.js';
import { tempDir } from '../support/paths.js';
import { readRegisterCopy, tokenIdOf, type RegisterRow } from '../support/register-file.js';
import { validToken } from '../support/tokens.js';
import { seededRandom } from '../support/seeded-random.js';

const TERMINAL = 'gate-test-01';
const SEQUENTIAL_TRIALS = 60;
const BURST_TRIALS = 6;
const BURST_SIZE = 300;

const seed = Number(process.env.KILL_TEST_SEED ?? Date.now() % 1_000_000_007);
const random = seededRandom(seed);
const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));

interface Acknowledged {
  readonly seq: number;
  readonly tokenId: string;
}

/**
 * The register after a kill: intact, one terminal, seq exactly 1..n (unique, no gap), ids unique, and every
 * acknowledged entry present with the seq and credential the host reported.
 */
function assertRegister(dataDir: string, acknowledged: ReadonlyMap<string, Acknowledged>, context: string): RegisterRow[] {
  const { rows, integrity } = readRegisterCopy(dataDir);
  assert.equal(integrity, 'ok', `${context}: integrity_check`);
  rows.forEach((row, index) => {
    assert.equal(row.terminal_id, TERMINAL, `${context}: terminal id`);
    assert.equal(row.seq, index + 1, `${context}: seq must run 1..n without gaps or duplicates (row ${index})`);
  });
  assert.equal(new Set(rows.map((r) => r.id)).size, rows.length, `${context}: entry ids must be unique`);
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const [entryId, ack] of acknowledged) {
    const row = byId.get(entryId);
    assert.ok(row, `${context}: acknowledged entry ${entryId} (seq ${ack.seq}) is missing after SIGKILL`);
    assert.equal(row.seq, ack.seq, `${context}: entry ${entryId} has another seq on disk`);
    assert.equal(row.credential_id, ack.tokenId, `${context}: entry ${entryId} holds another credential`);
    assert.equal(row.outcome, 'admit', `${context}: entry ${entryId} outcome`);
  }
  return rows;
}

async function killed(host: RunningHost): Promise<void> {
  const exit = await host.exited;
  assert.equal(exit.signal, 'SIGKILL', `the host must have died from SIGKILL, not exited (${exit.code}); stderr:\n${host.stderr()}`);
}

/** Starts the host on the data dir, admits one scan with the expected seq, and stops it cleanly. */
async function scanOnceAndStop(dataDir: string, expectedSeq: number): Promise<void> {
  const host = await startHost({ dataDir });
  try {
    const client = await ContractClient.connect(host.url);
    const view = await client.call('submitScan', { payload: validToken(), source: 'simulated' });
    client.close();
    assert.equal(view.decision.outcome, 'admit');
    assert.equal(view.seq, expectedSeq, 'next seq = max on disk + 1');
  } finally {
    await host.stop();
  }
  const exit = await host.exited;
  assert.equal(exit.code, 0, `clean stop: ${host.stderr()}`);
}

describe('kill durability (SIGKILL the real host)', () => {
  it(`keeps every acknowledged entry when killed right after the N-th result, over ${SEQUENTIAL_TRIALS} kill/restart cycles`, { timeout: 300_000 }, async () => {
    console.log(`seed ${seed} (set KILL_TEST_SEED to replay)`);
    const started = performance.now();
    const dataDir = tempDir('kill');
    const acknowledged = new Map<string, Acknowledged>();
    let onDisk = 0;
    let scans = 0;
    for (let trial = 1; trial <= SEQUENTIAL_TRIALS; trial++) {
      const context = `trial ${trial} (seed ${seed})`;
      const n = between(1, 20);
      const tokens = Array.from({ length: n }, (_, i) => validToken({ name: `Người Thử ${trial}.${i}` }));
      const host = await startHost({ dataDir });
      const client = await ContractClient.connect(host.url);
      try {
        if (trial % 5 === 0) {
          // The restarted host itself reads what the killed one committed.
          const snapshot = await client.call('getSnapshot', {});
          assert.equal(snapshot.recent[0]?.seq ?? 0, onDisk, `${context}: the restarted host's newest entry`);
        }
        for (let i = 0; i < n; i++) {
          const view: EntryView = await client.call('submitScan', { payload: tokens[i]!, source: 'simulated' });
          if (i === n - 1) host.child.kill('SIGKILL'); // the host has just reported it: kill before anything else runs
          assert.equal(view.decision.outcome, 'admit', `${context}: scan ${i}`);
          assert.equal(view.seq, onDisk + i + 1, `${context}: the sequence must continue from the register (next seq = max + 1)`);
          acknowledged.set(view.entryId, { seq: view.seq, tokenId: tokenIdOf(tokens[i]!) });
        }
      } finally {
        client.close();
        if (host.child.exitCode === null && host.child.signalCode === null) host.child.kill('SIGKILL');
      }
      await killed(host);
      const rows = assertRegister(dataDir, acknowledged, context);
      // Nothing was in flight when the host died: the register holds exactly the acknowledged entries.
      assert.equal(rows.length, acknowledged.size, `${context}: rows on disk vs acknowledged`);
      onDisk = rows.length;
      scans += n;
    }

    // One last start on the same files: continues the sequence, then a clean stop leaves a sound database.
    await scanOnceAndStop(dataDir, onDisk + 1);
    const rows = assertRegister(dataDir, acknowledged, 'after the final clean stop');
    assert.equal(rows.length, onDisk + 1);
    const seconds = (performance.now() - started) / 1000;
    console.log(`${SEQUENTIAL_TRIALS} SIGKILL trials, ${scans} acknowledged scans, ${seconds.toFixed(1)} s (${((seconds * 1000) / SEQUENTIAL_TRIALS).toFixed(0)} ms per trial)`);
  });

  it(`keeps every acknowledged entry when killed with a burst of ${BURST_SIZE} scans in flight`, { timeout: 300_000 }, async () => {
    const started = performance.now();
    const dataDir = tempDir('kill-burst');
    const acknowledged = new Map<string, Acknowledged>();
    let onDisk = 0;
    const tally = { acknowledged: 0, committedUnacknowledged: 0, lost: 0 };
    for (let trial = 1; trial <= BURST_TRIALS; trial++) {
      const context = `burst ${trial} (seed ${seed})`;
      const k = between(1, BURST_SIZE / 2);
      const tokens = Array.from({ length: BURST_SIZE }, (_, i) => validToken({ name: `Người Dồn ${trial}.${i}` }));
      const tokenIds = tokens.map(tokenIdOf);
      const host = await startHost({ dataDir });
      let settled;
      try {
        const client = await ContractClient.connect(host.url);
        let arrived = 0;
        const calls = tokens.map((payload, index) =>
          client.call('submitScan', { payload, source: 'simulated' }).then((view) => {
            if (++arrived === k) host.child.kill('SIGKILL');
            return { index, view };
          }),
        );
        settled = await Promise.allSettled(calls);
        client.close();
      } finally {
        if (host.child.exitCode === null && host.child.signalCode === null) host.child.kill('SIGKILL');
      }
      await killed(host);
      const results = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
      assert.ok(results.length >= k, `${context}: ${results.length} results before the kill, expected at least ${k}`);
      for (const { index, view } of results) {
        assert.equal(view.decision.outcome, 'admit');
        assert.equal(view.seq, onDisk + index + 1, `${context}: scans are committed in the order they were sent`);
        acknowledged.set(view.entryId, { seq: view.seq, tokenId: tokenIds[index]! });
      }
      const rows = assertRegister(dataDir, acknowledged, context);
      const added = rows.slice(onDisk);
      assert.ok(added.length >= results.length && added.length <= BURST_SIZE, `${context}: ${added.length} new rows for ${results.length} acknowledged`);
      // Rows beyond the acknowledged ones were committed but their answer died with the process: allowed, but each
      // must be exactly the scan sent in that position (no phantom, reordered or duplicated rows).
      added.forEach((row, i) => assert.equal(row.credential_id, tokenIds[i], `${context}: row seq ${row.seq} is not scan ${i}`));
      tally.acknowledged += results.length;
      tally.committedUnacknowledged += added.length - results.length;
      tally.lost += BURST_SIZE - added.length;
      onDisk = rows.length;
    }
    // The sequence continues after committed-but-unacknowledged rows too.
    await scanOnceAndStop(dataDir, onDisk + 1);
    assertRegister(dataDir, acknowledged, 'burst: after the final clean stop');
    console.log(
      `${BURST_TRIALS} bursts of ${BURST_SIZE}: ${tally.acknowledged} acknowledged (all on disk), ${tally.committedUnacknowledged} committed ` +
        `but unacknowledged, ${tally.lost} never committed; ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  });
});
