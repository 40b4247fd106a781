/**
 * The local WebSocket boundary (docs/security.md): the running browser host accepts the bridge from its own origin
 * (and from a client that sends none, like this test's), and refuses an upgrade from any other origin — another site
 * open in the kiosk browser cannot drive the gate.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { ContractClient, startHost, type RunningHost } from '../support/host-process.js';

describe('bridge WebSocket origin check', () => {
  let host: RunningHost;
  beforeAll(async () => (host = await startHost({ direction: 'both' })));
  afterAll(() => host?.stop());

  it('refuses foreign origins and serves its own', async () => {
    for (const origin of ['http://evil.example', 'http://localhost.evil.example', 'null']) {
      await assert.rejects(ContractClient.connect(host.url, { origin }), /HTTP 403|HTTP 400|socket hang up|Unexpected server response/, origin);
    }
    const own = await ContractClient.connect(host.url, { origin: new URL(host.url).origin });
    try {
      const state = await own.call('getSnapshot', {});
      assert.ok(state, 'the own origin is answered');
    } finally {
      own.close();
    }
  });
});
