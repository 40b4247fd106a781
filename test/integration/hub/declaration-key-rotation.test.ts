/**
 * Rotation of the declaration issuer key end to end, on SQLite and PostgreSQL, through the real gate app and the hub's
 * public page (`gate-terminal declaration-key announce`, then `activate`, each followed by a hub restart): a terminal
 * synced before the rotation keeps admitting tokens the whole time; the announced key reaches it before any token is
 * signed with it (so a token of the new key is admitted even before the terminal's next sync); tokens of the old key
 * stay valid until they expire and are then refused as expired, not as unknown; new tokens carry the new kid.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, it } from 'vitest';
import { openSignedToken } from '../../../core/credentials/signed-token.js';
import { DECLARATION_TOKEN_PREFIX } from '../../../core/credentials/declaration-token.js';
import { declarationKeyCommand } from '../../../hub/cli/declaration-key-commands.js';
import { systemClock } from '../../../main/platform/clock.js';
import { declare } from '../../support/declaration-client.js';
import { describeEachStorage, startTestHub, type TestHub } from '../../support/hub-fixture.js';
import { startTestTerminal, type TestTerminal } from '../../support/hub-terminal.js';

const HOUR = 3_600_000;
const kidOfToken = (token: string) => {
  const opened = openSignedToken(token, DECLARATION_TOKEN_PREFIX);
  assert.ok(opened.ok);
  return opened.kid;
};

describeEachStorage('declaration issuer key rotation', (kind) => {
  let hub: TestHub;
  let terminal: TestTerminal;
  let terminalOffset = 0;
  beforeAll(async () => {
    hub = await startTestHub(kind, { policy: { antiPassbackWindowMs: 0 } });
    const base = systemClock();
    terminal = await startTestTerminal(hub, { clock: { ...base, wallNow: () => base.wallNow() + terminalOffset } });
  });
  afterAll(async () => {
    await terminal?.close();
    await hub?.dispose();
  });
  const decide = (payload: string) => {
    const { outcome, reasons } = terminal.app.gate.handleScan('simulated', payload).decision;
    return { outcome, reason: reasons[0] };
  };
  /** Right after a restart on the same port, a pooled keep-alive socket may be the old process's: retried once. */
  const issue = async (idNumber: string) => {
    const answer = await declare(hub.url, { idNumber }).catch(() => declare(hub.url, { idNumber }));
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    return answer.body;
  };
  /**
   * A sync that succeeded. Right after a hub restart the terminal's first request may land on a keep-alive socket the
   * old process closed (HUB_UNREACHABLE, retried by the worker with backoff): one more attempt, as the worker makes.
   */
  const synced = async () => {
    await terminal.sync.syncNow();
    if (terminal.sync.status().lastError?.code === 'HUB_UNREACHABLE') await terminal.sync.syncNow();
    assert.equal(terminal.sync.status().lastError, null);
  };
  const cli = (action: string) => {
    const lines: string[] = [];
    assert.equal(declarationKeyCommand([action], () => hub.config, (t) => void lines.push(t)), 0);
    return lines.join('');
  };

  it('old tokens stay valid until they expire, new ones carry the new key, and the terminal never stops admitting', async () => {
    await terminal.sync.syncNow();
    const old = await issue('001190012345');
    const oldKid = kidOfToken(old.token);
    assert.deepEqual(decide(old.token), { outcome: 'admit', reason: 'DECLARATION_VALID' });

    const announced = /announced key ([0-9a-f]{16})/.exec(cli('announce'))![1]!;
    hub = await hub.restart();
    await synced();
    assert.match(cli('status'), new RegExp(`current  ${oldKid}\\nnext     ${announced} \\(announced\\)`));
    const stillOld = await issue('001190099999');
    assert.equal(kidOfToken(stillOld.token), oldKid, 'announcing does not change the signing key');

    assert.match(cli('activate'), new RegExp(`key ${announced} signs new tokens`));
    hub = await hub.restart();
    const fresh = await issue('001190055555');
    assert.equal(kidOfToken(fresh.token), announced, 'new tokens are signed with the new key');
    assert.notEqual(announced, oldKid);
    assert.deepEqual(decide(fresh.token), { outcome: 'admit', reason: 'DECLARATION_VALID' }, 'known from the announcement, before the next sync');
    assert.deepEqual(decide(old.token), { outcome: 'admit', reason: 'DECLARATION_VALID' });

    await synced();
    assert.deepEqual(decide(old.token), { outcome: 'admit', reason: 'DECLARATION_VALID' }, 'the old key stays in the bundle while its tokens live');
    assert.deepEqual(decide(fresh.token), { outcome: 'admit', reason: 'DECLARATION_VALID' });
    assert.match(cli('status'), new RegExp(`current  ${announced}\\nprevious ${oldKid} until`));

    terminalOffset = old.expiresAt - Date.now() + HOUR;
    assert.equal(decide(old.token).reason, 'TOKEN_EXPIRED', 'an old token ends at its own expiry, refused as expired');
  });
});
