/**
 * `gate-terminal dcc-value-sets` on the hub's store (SQLite): status of a store that holds none, import of the vendored
 * release, an import that changes nothing, a newer set replacing the stored one, and a folder with one broken file:
 * refused as a whole, the file named, nothing imported (sets and data version as before).
 */
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'vitest';
import { validateHubConfig } from '../../../hub/config/hub-config.js';
import { dccValueSetsCommand, DccValueSetUsageError } from '../../../hub/cli/dcc-value-set-commands.js';
import { openMigratedStore } from '../../../hub/hub-app.js';
import { EU_VALUE_SETS } from '../../support/dcc.js';
import { BUILDING } from '../../support/hub-fixture.js';
import { tempDir } from '../../support/paths.js';

test('dcc-value-sets status and import on the hub store; a broken file refuses the whole import', async () => {
  const dataDir = tempDir('hub-cli-valuesets');
  const config = validateHubConfig(join(dataDir, 'hub.json'), {
    dataDir, storage: { kind: 'sqlite', path: join(dataDir, 'hub.sqlite') },
    buildings: [{ id: BUILDING, name: 'Tòa nhà thử', checkpoints: [{ id: 'cp-cli', name: 'Cổng CLI' }] }],
  });
  const lines: string[] = [];
  const run = async (args: string[]) => {
    lines.length = 0;
    return dccValueSetsCommand(args, () => config, (t) => void lines.push(t));
  };
  const state = async () => {
    const store = await openMigratedStore(config);
    try {
      return { version: (await store.buildings.building(BUILDING))!.dataVersion, sets: await store.dccValueSets.list() };
    } finally {
      await store.close();
    }
  };

  assert.equal(await run(['status']), 0);
  assert.match(lines.join(''), /no value sets stored: terminals check no DCC codes/);

  const before = await state();
  assert.equal(await run(['import', EU_VALUE_SETS]), 0);
  assert.match(lines.join(''), /^9 added, 0 updated, 0 unchanged; version country-2-codes@2019-11-01,.*vaccines-covid-19-names@2022-11-30\n/);
  assert.match(lines.join(''), /terminals use the value sets from their next sync/);
  const imported = await state();
  assert.ok(imported.version > before.version, 'an import that changes the sets bumps the data version');

  assert.equal(await run(['status']), 0);
  assert.match(lines.join(''), /^vaccines-covid-19-auth-holders\t2022-01-26\t\d+ codes\timported \d{4}-\d\d-\d\dT/m);
  assert.match(lines.join(''), /9 value sets; version country-2-codes@2019-11-01,/);

  assert.equal(await run(['import', EU_VALUE_SETS]), 0);
  assert.match(lines.join(''), /0 added, 0 updated, 9 unchanged; .*\nnothing changed/);
  assert.equal((await state()).version, imported.version, 'the same release again: no new bundle');

  // A newer release of one set, next to a README and a file that is not a value set: only that set changes.
  const newer = join(dataDir, 'newer');
  mkdirSync(newer);
  const holders = JSON.parse(readFileSync(join(EU_VALUE_SETS, 'vaccine-mah-manf.json'), 'utf8')) as { valueSetDate: string; valueSetValues: Record<string, unknown> };
  holders.valueSetDate = '2026-11-30';
  holders.valueSetValues['ORG-100099999'] = { display: 'Nhà sản xuất thử', lang: 'en', active: true, version: '', system: 'https://spor.ema.europa.eu/v1/organisations' };
  writeFileSync(join(newer, 'vaccine-mah-manf.json'), JSON.stringify(holders));
  writeFileSync(join(newer, 'package.json'), JSON.stringify({ name: 'not-a-value-set' }));
  writeFileSync(join(newer, 'README.md'), 'not JSON at all');
  assert.equal(await run(['import', newer]), 0);
  assert.match(lines.join(''), /^0 added, 1 updated, 0 unchanged; version .*vaccines-covid-19-auth-holders@2026-11-30,/);
  const updated = await state();
  assert.ok(updated.sets.find((s) => s.id === 'vaccines-covid-19-auth-holders')!.codes.includes('ORG-100099999'));

  // The whole release again, with one broken file: nothing imported, the file named.
  const broken = join(dataDir, 'broken');
  cpSync(EU_VALUE_SETS, broken, { recursive: true });
  const country = JSON.parse(readFileSync(join(broken, 'country-2-codes.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(join(broken, 'country-2-codes.json'), JSON.stringify({ ...country, valueSetDate: '1 tháng 11 năm 2019' }));
  await assert.rejects(
    run(['import', broken]),
    (e: Error) => e instanceof DccValueSetUsageError && /dcc-value-sets import .*broken: nothing imported: country-2-codes\.json: country-2-codes: valueSetDate is missing or not YYYY-MM-DD/.test(e.message),
  );
  writeFileSync(join(broken, 'country-2-codes.json'), '{ "valueSetId": "country-2-codes", ');
  await assert.rejects(run(['import', broken]), (e: Error) => e instanceof DccValueSetUsageError && /country-2-codes\.json: not readable JSON/.test(e.message));
  assert.deepEqual(await state(), updated, 'nothing half-imported: sets and data version as before');

  await assert.rejects(run(['import']), DccValueSetUsageError);
  await assert.rejects(run(['list']), DccValueSetUsageError);
  await assert.rejects(run(['import', join(dataDir, 'no-such-folder')]), (e: Error) => e instanceof DccValueSetUsageError && /cannot read the value-set folder/.test(e.message));
});
