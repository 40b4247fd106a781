/**
 * The hub as three replicas (real processes) on one PostgreSQL, behind a round-robin proxy: what one replica records,
 * the others honour — a phone check-in on A wakes a terminal long-polling B; wrong logins spread over the replicas
 * lock the account on all of them; a login on A is a session on B and C, a logout on C ends it everywhere; an
 * enrolment token created on A is used once on B and refused on C; a proof of work spent on A is refused on B; the
 * health route answers 503 when a replica loses PostgreSQL, which then acknowledges no upload. Needs GATE_HUB_PG_URL.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { HUB_PATHS } from '../../../core/contract/hub-protocol.js';
import { enrolWithHub } from '../../../main/sync/enrolment-client.js';
import type { TerminalIdentity } from '../../../main/sync/hub-identity.js';
import { systemClock } from '../../../main/platform/clock.js';
import { PostgresHubStore } from '../../../hub/storage/postgres/postgres-hub-store.js';
import { adminWebClient, csrfIn } from '../../support/admin-web-client.js';
import { checkIn, declare, postJson, solvedChallenge, PERSON } from '../../support/declaration-client.js';
import { BUILDING, CHECKPOINT } from '../../support/hub-fixture.js';
import { ADMIN_PASSWORD, putAdmin } from '../../support/hub-admin-data.js';
import { freePort, killHard, spawnHub } from '../../support/hub-process.js';
import { requirePostgres, roundRobin, startPostgresRelay, startReplicas, type Replicas } from '../../support/hub-replicas.js';
import type { HubProxy } from '../../support/hub-proxy.js';
import { prepareSigned, send } from '../../support/signed-request.js';
import { tempDir } from '../../support/paths.js';

const A = 0;
const B = 1;
const C = 2;

describe('hub replicas on one PostgreSQL', () => {
  let replicas: Replicas;
  let balancer: HubProxy;
  let store: PostgresHubStore;
  const adminToken = () => readFileSync(join(replicas.dataDir, 'admin-token'), 'utf8').trim();
  const createToken = async (url: string): Promise<string> => {
    const response = await fetch(`${url}/admin/enrolment-tokens`, { method: 'POST', headers: { authorization: `Bearer ${adminToken()}`, 'content-type': 'application/json' }, body: JSON.stringify({ checkpointId: CHECKPOINT }) });
    assert.equal(response.status, 200);
    return ((await response.json()) as { token: string }).token;
  };
  const enrolOn = (url: string, token: string): Promise<TerminalIdentity> =>
    enrolWithHub({ hubUrl: url, token, dataDir: tempDir('replica-terminal'), localTerminalId: 'gate-replica', checkpointId: CHECKPOINT, firstSeq: 1, clock: systemClock() });

  beforeAll(async () => {
    requirePostgres();
    replicas = await startReplicas(3, { declarationPage: { rateLimits: { perIpPerMinute: 1000 } } });
    balancer = await roundRobin(replicas, 3);
    store = new PostgresHubStore({ url: requirePostgres(), schema: replicas.schema, poolSize: 2 });
  });
  afterAll(async () => {
    await store?.close();
    await balancer?.close();
    await replicas?.dispose();
  });

  it('every replica reports its storage healthy, and they share one bundle signing key', async () => {
    for (const i of [A, B, C]) {
      const response = await fetch(`${replicas.url(i)}/healthz`);
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), { ok: true, storage: 'postgres' });
    }
  });

  it('an enrolment token created on A enrols once on B and is refused on C', async () => {
    const token = await createToken(replicas.url(A));
    const identity = await enrolOn(replicas.url(B), token);
    assert.ok(identity.terminalId);
    await assert.rejects(enrolOn(replicas.url(C), token), /already used/);
  });

  it('a phone check-in on replica A wakes a terminal long-polling replica B (LISTEN/NOTIFY), long before its wait ends', async () => {
    const identity = await enrolOn(replicas.url(A), await createToken(replicas.url(A)));
    const start = await send(prepareSigned(replicas.url(B), identity, 'GET', `${HUB_PATHS.checkins}?after=-1`));
    assert.equal(start.status, 200);
    const declared = await declare(replicas.url(A));
    assert.equal(declared.status, 200, JSON.stringify(declared.body));
    const waitMs = 20_000;
    const polled = send(prepareSigned(replicas.url(B), identity, 'GET', `${HUB_PATHS.checkins}?after=${String(start.body.cursor)}&waitMs=${waitMs}`));
    // Kept pause: gives the poll time to be waiting on B (a replica exposes no count of its waiters). Load cannot fail
    // the test through it: a poll that is not waiting yet finds the check-in at once, which passes too (it proves less).
    await new Promise((resolve) => setTimeout(resolve, 300));
    const sentAt = Date.now();
    const checkedIn = await checkIn(replicas.url(A), declared.body.token, CHECKPOINT);
    assert.equal(checkedIn.status, 200, JSON.stringify(checkedIn.body));
    const answer = await polled;
    const latency = Date.now() - sentAt;
    const checkins = answer.body.checkins as { displayName: string }[];
    assert.equal(checkins.length, 1);
    assert.equal(checkins[0]!.displayName, PERSON.fullName);
    console.log(`check-in on A → long poll on B answered after ${latency} ms (wait was ${waitMs} ms)`);
    assert.ok(latency < waitMs / 2, 'woken by the check-in, not by the end of its wait');
  });

  it('a proof of work spent on replica A is refused on replica B', async () => {
    const solved = await solvedChallenge(replicas.url(A));
    const first = await postJson(`${replicas.url(A)}/api/declarations`, { ...PERSON, idNumber: '001190054321', ...solved });
    assert.equal(first.status, 200, JSON.stringify(first.body));
    const again = await postJson<{ code: string }>(`${replicas.url(B)}/api/declarations`, { ...PERSON, idNumber: '001190054322', ...solved });
    assert.equal(again.status, 403);
    assert.equal(again.body.code, 'PROOF_OF_WORK_REUSED');
  });

  it('six wrong logins spread over the replicas lock the account on all of them; sessions and logout are shared', async () => {
    await putAdmin({ store }, 'an', 'building-manager', BUILDING);
    await putAdmin({ store }, 'binh', 'building-manager', BUILDING);
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      // The form from one replica, the post to the next: the CSRF secret and the counters are shared.
      const browser = adminWebClient(replicas.url(attempt % 3));
      const form = await (await browser.get('/admin-web/login')).text();
      const post = adminWebClient(replicas.url((attempt + 1) % 3));
      for (const [k, v] of browser.cookies) post.cookies.set(k, v);
      statuses.push((await post.post('/admin-web/login', { username: 'an', password: 'sai-mật-khẩu-rồi', _csrf: csrfIn(form) })).status);
    }
    assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429]);
    for (const i of [A, B, C]) {
      const browser = adminWebClient(replicas.url(i));
      const form = await (await browser.get('/admin-web/login')).text();
      const right = await browser.post('/admin-web/login', { username: 'an', password: ADMIN_PASSWORD, _csrf: csrfIn(form) });
      assert.equal(right.status, 429, `replica ${i} refuses even the right password while locked`);
    }
    const browser = adminWebClient(replicas.url(A));
    const form = await (await browser.get('/admin-web/login')).text();
    assert.equal((await browser.post('/admin-web/login', { username: 'binh', password: ADMIN_PASSWORD, _csrf: csrfIn(form) })).status, 303);
    const on = (i: number) => {
      const other = adminWebClient(replicas.url(i));
      for (const [k, v] of browser.cookies) other.cookies.set(k, v);
      return other;
    };
    assert.equal((await on(B).get('/admin-web/')).status, 200, 'the session opened on A is known to B');
    const c = on(C);
    const home = await (await c.get('/admin-web/')).text();
    assert.equal((await c.post('/admin-web/logout', { _csrf: csrfIn(home) })).status, 303);
    assert.equal((await on(B).get('/admin-web/')).status, 303, 'logged out on C, gone on B');
  });

  it('through the round-robin balancer, a terminal enrols and its requests land on every replica', async () => {
    const identity = await enrolOn(balancer.url, await createToken(balancer.url));
    for (let i = 0; i < 3; i++) assert.equal((await send(prepareSigned(balancer.url, identity, 'GET', `${HUB_PATHS.checkins}?after=-1`))).status, 200);
  });

  it('a replica that loses PostgreSQL answers 503 on its health route and acknowledges no upload; back when it returns', async () => {
    const relay = await startPostgresRelay(requirePostgres());
    const port = await freePort();
    const cut = await spawnHub(replicas.configFor(9, port, relay.url));
    try {
      const url = `http://127.0.0.1:${port}`;
      const identity = await enrolOn(url, await createToken(url));
      assert.equal((await fetch(`${url}/healthz`)).status, 200);
      await relay.cut();
      const health = await fetch(`${url}/healthz`);
      assert.equal(health.status, 503);
      assert.equal(((await health.json()) as { code: string }).code, 'STORAGE_UNREACHABLE');
      const upload = await send(prepareSigned(url, identity, 'POST', HUB_PATHS.entries, { entries: [] }));
      assert.ok(upload.status >= 500, `no acknowledgement without the database (got ${upload.status})`);
      await relay.restore();
      // Until healthy: no time limit of its own (the test's timeout bounds it).
      let healthy = 0;
      while (healthy !== 200) {
        healthy = (await fetch(`${url}/healthz`)).status;
        if (healthy !== 200) await new Promise((resolve) => setTimeout(resolve, 100)); // poll interval
      }
      assert.equal(healthy, 200, 'healthy again once PostgreSQL is back');
    } finally {
      await killHard(cut.child, cut.exited);
      await relay.close();
    }
  });
});
