/**
 * Key custody with a hub key set (hub/crypto/key-custody.ts), on SQLite and PostgreSQL: the store records the signing
 * key set of the first start; hubs on the same store start through every rotation step (announce, activate, retire:
 * each shares a key with the set recorded before) and record the new set; a data dir whose keys are all unknown (one
 * that generated its own) is refused, after a rotation as before; a next or previous key file that others can read
 * stops the hub like the current one.
 */
import assert from 'node:assert/strict';
import { chmodSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'vitest';
import { startHub } from '../../../hub/hub-app.js';
import { silentHubLogger } from '../../../hub/hub-logger.js';
import { activateNextHubKey, announceNextHubKey, NEXT_HUB_SIGNING_KEY_FILE, PREVIOUS_HUB_SIGNING_KEY_FILE, retirePreviousHubKey } from '../../../hub/crypto/hub-key-set.js';
import { SIGNING_PUBLIC_KEY_SECRET } from '../../../hub/crypto/key-custody.js';
import { describeEachStorage, startTestHub, testHubConfig, type TestHub } from '../../support/hub-fixture.js';
import { tempDir } from '../../support/paths.js';

describeEachStorage('hub key custody with a key set', (kind) => {
  it('hubs start through every rotation step; a data dir with a key of its own is refused before and after', async () => {
    let hub: TestHub = await startTestHub(kind);
    const recorded = async () => JSON.parse((await hub.store.secrets.ensureSecret(SIGNING_PUBLIC_KEY_SECRET, Buffer.from('x'), 0)).toString('utf8')) as Record<string, string>;
    /** Another hub on the same store (and schema) with a fresh data dir: it generates its own signing key. */
    const stranger = async () => {
      const config = { ...testHubConfig(kind, tempDir('hub-stranger'), 'unused'), storage: hub.config.storage };
      await assert.rejects(startHub(config, { logger: silentHubLogger, store: hub.store }), /signing key differs/);
    };
    try {
      const a = hub.keys.keySet.current.publicKeyRaw;
      assert.deepEqual(await recorded(), { current: a });
      await stranger();

      const b = announceNextHubKey(hub.dataDir).publicKeyRaw;
      hub = await hub.restart();
      assert.deepEqual(await recorded(), { current: a, next: b });
      activateNextHubKey(hub.dataDir);
      hub = await hub.restart();
      assert.deepEqual(await recorded(), { current: b, previous: a });
      assert.equal(hub.keys.publicKeyRaw, a, 'during the overlap enrolment pins the oldest key that signs');
      retirePreviousHubKey(hub.dataDir);
      hub = await hub.restart();
      assert.deepEqual(await recorded(), { current: b });
      assert.equal(hub.keys.publicKeyRaw, b, 'enrolment now pins key B');
      await stranger();

      announceNextHubKey(hub.dataDir);
      chmodSync(join(hub.dataDir, NEXT_HUB_SIGNING_KEY_FILE), 0o644);
      await assert.rejects(hub.restart(), /chmod 600 \S*hub-signing-key\.next\.pem/);
      chmodSync(join(hub.dataDir, NEXT_HUB_SIGNING_KEY_FILE), 0o600);
      copyFileSync(join(hub.dataDir, NEXT_HUB_SIGNING_KEY_FILE), join(hub.dataDir, PREVIOUS_HUB_SIGNING_KEY_FILE));
      chmodSync(join(hub.dataDir, PREVIOUS_HUB_SIGNING_KEY_FILE), 0o640);
      await assert.rejects(hub.restart(), /chmod 600 \S*hub-signing-key\.previous\.pem/);
    } finally {
      await hub.dispose();
    }
  });
});
