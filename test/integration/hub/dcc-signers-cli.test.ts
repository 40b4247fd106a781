/**
 * `gate-terminal dcc-signers` on the hub's store (SQLite): import a PEM bundle from a file (the expired certificate
 * listed with its reason, the valid one imported), list, remove by kid; a file that is no trust list is a usage error
 * naming the problem in Vietnamese then English. Each change bumps the buildings' data version (next sync).
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'vitest';
import { validateHubConfig } from '../../../hub/config/hub-config.js';
import { dccSignersCommand, DccSignerUsageError } from '../../../hub/cli/dcc-signer-commands.js';
import { openMigratedStore } from '../../../hub/hub-app.js';
import { fixtureCase } from '../../support/dcc.js';
import { BUILDING } from '../../support/hub-fixture.js';
import { tempDir } from '../../support/paths.js';

const certificateOf = (path: string) => (fixtureCase(path).raw.TESTCTX as { CERTIFICATE: string }).CERTIFICATE;
const pem = (base64: string) => `-----BEGIN CERTIFICATE-----\n${base64.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;

test('dcc-signers import, list and remove on the hub store', async () => {
  const dataDir = tempDir('hub-cli-dcc');
  const config = validateHubConfig(join(dataDir, 'hub.json'), {
    dataDir, storage: { kind: 'sqlite', path: join(dataDir, 'hub.sqlite') },
    buildings: [{ id: BUILDING, name: 'Tòa nhà thử', checkpoints: [{ id: 'cp-cli', name: 'Cổng CLI' }] }],
  });
  const lines: string[] = [];
  const run = (args: string[]) => dccSignersCommand(args, () => config, (t) => void lines.push(t));
  const version = async () => {
    const store = await openMigratedStore(config);
    try {
      return (await store.buildings.building(BUILDING))!.dataVersion;
    } finally {
      await store.close();
    }
  };
  const bundle = join(dataDir, 'dsc.pem');
  writeFileSync(bundle, pem(certificateOf('AT/2.json')) + pem(certificateOf('NL/145-NL-recovery.json')));
  const before = await version();
  assert.equal(await run(['import', bundle]), 0);
  assert.match(lines.join(''), /refused khối PEM 1 \/ PEM block 1 \(kid d919375fc1e7b6b2\): Chứng thư đã hết hạn ngày 2023-05-05\. .* — The certificate expired on 2023-05-05/);
  assert.match(lines.join(''), /1 added, 0 updated, 0 unchanged, 1 refused \(pem\)/);
  assert.ok((await version()) > before, 'an import that changes the list bumps the data version');

  lines.length = 0;
  assert.equal(await run(['list']), 0);
  const kid = fixtureCase('NL/145-NL-recovery.json').signer.kid;
  assert.match(lines.join(''), new RegExp(`^NL\\t${kid}\\tEC P-256\\t2032-04-23\\t[0-9a-f]{64}\\t`, 'm'));
  assert.match(lines.join(''), /1 DCC signers/);

  const expiredOnly = join(dataDir, 'expired.pem');
  writeFileSync(expiredOnly, pem(certificateOf('AT/2.json')));
  assert.equal(await run(['import', expiredOnly]), 1, 'every certificate refused: exit 1');
  const garbage = join(dataDir, 'garbage.json');
  writeFileSync(garbage, '{ not json');
  await assert.rejects(run(['import', garbage]), (e: Error) => e instanceof DccSignerUsageError && /Tệp không phải JSON hợp lệ.* — Not valid JSON/.test(e.message));
  await assert.rejects(run(['remove']), DccSignerUsageError);

  lines.length = 0;
  assert.equal(await run(['remove', '--kid', kid.toUpperCase()]), 0);
  assert.match(lines.join(''), /1 DCC signer\(s\) removed/);
  assert.equal(await run(['remove', '--kid', kid]), 1, 'nothing left to remove');
});
