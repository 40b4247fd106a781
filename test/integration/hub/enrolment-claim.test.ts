/**
 * The enrolment token's single use under concurrency, on SQLite and PostgreSQL: claims of one token raced from two
 * store instances on the same data (two hub processes, or replicas behind a balancer) enrol exactly one terminal,
 * whichever wins; the rules (hub/service/enrolment.ts) refuse the losers as "used", and a token revoked before the
 * claim is never claimed.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, it } from 'vitest';
import { openHubStore } from '../../../hub/hub-app.js';
import { claimEnrolmentToken } from '../../../hub/service/enrolment.js';
import { HubError } from '../../../hub/service/hub-error.js';
import type { HubStore } from '../../../hub/storage/hub-store.js';
import { CHECKPOINT, describeEachStorage, newTerminal, startTestHub, type TestHub } from '../../support/hub-fixture.js';

const NOW = Date.now();
const RACERS = 8;

describeEachStorage('enrolment token claim', (kind) => {
  let hub: TestHub;
  /** A second store on the same data, as another hub process or replica would open it. */
  let other: HubStore;
  beforeAll(async () => {
    hub = await startTestHub(kind);
    other = openHubStore(hub.config.storage);
  });
  afterAll(async () => {
    await other.close();
    await hub.dispose();
  });

  const openToken = async (tokenId: string) => {
    await hub.store.terminals.createEnrolmentToken({ tokenId, secretSha256: `sha-${tokenId}`, checkpointId: CHECKPOINT, createdAt: NOW, expiresAt: NOW + 3_600_000 });
  };

  it('claims raced from two stores on the same data enrol exactly one terminal', async () => {
    await openToken('race-1');
    const stores = [hub.store, other];
    const claims = await Promise.all(Array.from({ length: RACERS }, (_, i) => stores[i % 2]!.terminals.claimToken('race-1', newTerminal(`racer-${i}`, 5), NOW)));
    const winners = claims.filter((t) => t !== undefined);
    assert.equal(winners.length, 1, 'exactly one claim takes the token');
    const winner = winners[0]!;
    assert.equal(winner.checkpointId, CHECKPOINT);
    assert.deepEqual([winner.contiguousSeq, winner.highestSeq, winner.enrolledAt, winner.revokedAt], [4, 4, NOW, null]);
    assert.deepEqual(await other.terminals.terminal(winner.terminalId), winner, 'both stores see the one terminal');
    const created = await Promise.all(Array.from({ length: RACERS }, (_, i) => hub.store.terminals.terminal(`racer-${i}`)));
    assert.equal(created.filter((t) => t !== undefined).length, 1, 'no losing claim left a terminal behind');
    assert.equal((await hub.store.terminals.enrolmentToken('race-1'))?.usedAt, NOW);
  });

  it('the rules refuse every losing claim as used (ENROLMENT_TOKEN_USED)', async () => {
    await openToken('race-2');
    const stores = [hub.store, other];
    const outcomes = await Promise.allSettled(
      Array.from({ length: RACERS }, (_, i) =>
        claimEnrolmentToken(stores[i % 2]!, { tokenId: 'race-2', secretSha256: 'sha-race-2', checkpointId: CHECKPOINT, now: NOW, terminal: newTerminal(`rule-racer-${i}`, 5) }),
      ),
    );
    assert.equal(outcomes.filter((o) => o.status === 'fulfilled').length, 1);
    for (const o of outcomes) {
      if (o.status === 'rejected') assert.ok(o.reason instanceof HubError && o.reason.code === 'ENROLMENT_TOKEN_USED', String(o.reason));
    }
  });

  it('a revoked token is never claimed; the rules call it expired', async () => {
    await openToken('revoked-1');
    assert.equal(await hub.store.fleet.revokeEnrolmentToken('revoked-1', NOW - 1), true);
    assert.equal(await other.terminals.claimToken('revoked-1', newTerminal('late', 5), NOW - 2), undefined, 'the claim itself refuses a revoked token');
    await assert.rejects(
      claimEnrolmentToken(hub.store, { tokenId: 'revoked-1', secretSha256: 'sha-revoked-1', checkpointId: CHECKPOINT, now: NOW, terminal: newTerminal('late', 5) }),
      (error) => error instanceof HubError && error.code === 'ENROLMENT_TOKEN_EXPIRED',
    );
    assert.equal(await hub.store.terminals.terminal('late'), undefined);
  });
});
