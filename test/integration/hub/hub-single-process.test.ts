/**
 * What keeps a hub deployment from splitting silently: a second hub process on the same SQLite file stops with a
 * message naming PostgreSQL (a SIGKILLed hub's lock is taken over); a secret key file readable by others stops the
 * hub with the chmod to run; a replica on PostgreSQL whose data dir holds another signing key refuses to start.
 */
import assert from 'node:assert/strict';
import { chmodSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'vitest';
import { freePort, killHard, spawnHub, writeHubProcessConfig } from '../../support/hub-process.js';
import { requirePostgres, startReplicas } from '../../support/hub-replicas.js';
import { tempDir } from '../../support/paths.js';

it('SQLite serves one hub process: a second one on the same file stops and says to use PostgreSQL', async () => {
  const dataDir = tempDir('hub-sqlite-lock');
  const firstConfig = writeHubProcessConfig(dataDir, await freePort());
  const first = await spawnHub(firstConfig);
  try {
    const secondDir = tempDir('hub-sqlite-lock-2');
    const config = writeHubProcessConfig(secondDir, await freePort(), { kind: 'sqlite', path: join(dataDir, 'hub.sqlite') });
    await assert.rejects(spawnHub(config), /in use by another hub process \(pid \d+\)[\s\S]*PostgreSQL/);
    await killHard(first.child, first.exited);
    const again = await spawnHub(firstConfig); // the killed hub's lock is stale: taken over
    await killHard(again.child, again.exited);
  } finally {
    await killHard(first.child, first.exited);
  }
});

it('a secret key file readable by others stops the hub with the command that fixes it', async () => {
  const dataDir = tempDir('hub-key-mode');
  const config = writeHubProcessConfig(dataDir, await freePort());
  const hub = await spawnHub(config);
  await killHard(hub.child, hub.exited);
  chmodSync(join(dataDir, 'hub-signing-key.pem'), 0o644);
  await assert.rejects(spawnHub(config), /chmod 600 \S*hub-signing-key\.pem/);
  chmodSync(join(dataDir, 'hub-signing-key.pem'), 0o600);
  const fixed = await spawnHub(config);
  await killHard(fixed.child, fixed.exited);
});

it('a replica with its own signing key (an empty data dir) refuses to join the others on PostgreSQL', async () => {
  requirePostgres();
  const replicas = await startReplicas(1);
  try {
    const stranger = tempDir('hub-stranger');
    const config = replicas.configFor(5, await freePort());
    // Same config, but the data dir of a hub that made its own keys.
    const path = join(stranger, 'replica.json');
    writeFileSync(path, readFileSync(config, 'utf8').replaceAll(replicas.dataDir, stranger));
    await assert.rejects(spawnHub(path), /signing key differs[\s\S]*hub-signing-key\.pem/);
    assert.ok(readdirSync(stranger).includes('hub-signing-key.pem'));
  } finally {
    await replicas.dispose();
  }
});
