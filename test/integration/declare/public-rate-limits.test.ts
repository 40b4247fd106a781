/**
 * The public page's per-address limits through `@fastify/rate-limit` (issue 17): declarations and phone check-ins
 * beyond the configured rate get 429 with Retry-After and the page's own bilingual body; another address is not
 * affected (behind a trusted proxy, X-Forwarded-For names the client).
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startTestHub, type TestHub } from '../../support/hub-fixture.js';

describe('public page rate limits [sqlite]', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub('sqlite', { extra: { trustProxy: '127.0.0.1', declarationPage: { rateLimits: { perIpPerMinute: 2, checkinsPerIpPerMinute: 3 } } } });
  });
  afterAll(() => hub.dispose());

  const post = (path: string, from: string) =>
    fetch(hub.url + path, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': from }, body: '{}' });

  it('limits declarations and check-ins per client address, in Vietnamese and English', async () => {
    for (let i = 0; i < 2; i++) assert.notEqual((await post('/api/declarations', '198.51.100.1')).status, 429);
    const declared = await post('/api/declarations', '198.51.100.1');
    assert.equal(declared.status, 429);
    assert.ok(Number(declared.headers.get('retry-after')) > 0);
    const body = (await declared.json()) as { code: string; problems: { vi: string; en: string }[] };
    assert.equal(body.code, 'RATE_LIMITED_IP');
    assert.match(body.problems[0]!.vi, /Quá nhiều lần khai báo/);
    assert.notEqual((await post('/api/declarations', '198.51.100.2')).status, 429, 'another address is not limited');

    for (let i = 0; i < 3; i++) assert.notEqual((await post('/api/checkins', '198.51.100.1')).status, 429);
    const checkin = await post('/api/checkins', '198.51.100.1');
    assert.equal(checkin.status, 429);
    assert.deepEqual(await checkin.json(), { code: 'RATE_LIMITED_IP', vi: 'Quá nhiều lần check-in. Hãy thử lại sau ít phút.', en: 'Too many check-ins. Try again in a few minutes.' });
  });
});
