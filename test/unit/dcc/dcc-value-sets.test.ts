/**
 * EU value sets: the coded fields of a DCC against the EU's published value-set files (ehn-dcc-valuesets 2.12.0, in
 * vendor/ehn-dcc-valuesets), as a step of its own between validity and the checkpoint policy.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'vitest';
import {
  checkDccValueSets,
  decide,
  dccValueSetsOf,
  parseDccValueSetFile,
  ReasonCode,
  trustStoreOf,
  type DccCertificate,
  type DccValueSets,
} from '../../../core/index.js';
import { loadDccValueSets } from '../../../main/config/load-dcc-value-sets.js';
import { dccContext, DAY, EU_VALUE_SETS, issueDcc, testPayload, testSigner, vaccinationPayload } from '../../support/dcc.js';
import { tempDir } from '../../support/paths.js';
import { seededRandom } from '../../support/seeded-random.js';

if (!existsSync(EU_VALUE_SETS)) throw new Error(`the EU value sets are missing: ${EU_VALUE_SETS} (ehn-dcc-valuesets 2.12.0, Apache-2.0)`);
const sets = loadDccValueSets(EU_VALUE_SETS);
const NOW = Date.parse('2021-09-01T08:00:00Z');

const vaccination = (entry: Record<string, unknown> = {}): DccCertificate =>
  ({ type: 'v', entry: { tg: '840539006', vp: '1119349007', mp: 'EU/1/20/1528', ma: 'ORG-100030215', dn: 2, sd: 2, dt: '2021-06-01', co: 'VN', is: 'Bộ Y tế', ci: 'URN:UVCI:X', ...entry } }) as unknown as DccCertificate;

test('loads the nine EU value sets with their dates as the version; other JSON files in the folder are passed over', () => {
  assert.equal(
    sets.version,
    'country-2-codes@2019-11-01,covid-19-lab-result@2021-04-27,covid-19-lab-test-manufacturer-and-name@2021-07-01,covid-19-lab-test-type@2021-04-27,' +
      'disease-agent-targeted@2021-04-27,sct-vaccines-covid-19@2023-01-25,vaccines-covid-19-auth-holders@2022-01-26,' +
      'vaccines-covid-19-encoding-instructions@2023-05-05,vaccines-covid-19-names@2022-11-30',
  );
  assert.ok(sets.has('vaccines-covid-19-names', 'EU/1/20/1528') && sets.has('country-2-codes', 'VN'));
  assert.ok(!sets.has('country-2-codes', 'XX'));
});

test('a certificate whose codes are all in the value sets passes; each coded field outside its set is named', () => {
  assert.deepEqual(checkDccValueSets(vaccination(), sets), { ok: true, value: undefined });
  const cases: [Record<string, unknown>, string][] = [
    [{ tg: '123' }, 'v[0].tg "123" is not in the EU value set disease-agent-targeted'],
    [{ vp: 'J07BX99' }, 'v[0].vp "J07BX99" is not in the EU value set sct-vaccines-covid-19'],
    [{ mp: 'COVID-19 Vaccine Moderna' }, 'v[0].mp "COVID-19 Vaccine Moderna" is not in the EU value set vaccines-covid-19-names'],
    [{ ma: 'ORG-1000030215' }, 'v[0].ma "ORG-1000030215" is not in the EU value set vaccines-covid-19-auth-holders'],
    [{ co: 'XX' }, 'v[0].co "XX" is not in the EU value set country-2-codes'],
    [{ co: 7 }, 'v[0].co "7" is not in the EU value set country-2-codes'],
  ];
  for (const [change, detail] of cases) {
    assert.deepEqual(checkDccValueSets(vaccination(change), sets), { ok: false, reason: ReasonCode.DccCodeNotInValueSet, detail });
  }
  const rapid = { type: 't', entry: { tg: '840539006', tt: 'LP217198-3', ma: '9999', sc: '2021-08-31T10:00:00Z', tr: '260415000', co: 'DE', is: 'x', ci: 'y' } } as unknown as DccCertificate;
  assert.match(String((checkDccValueSets(rapid, sets) as { detail: string }).detail), /t\[0\]\.ma "9999" .*covid-19-lab-test-manufacturer-and-name/);
  const pcr = { type: 't', entry: { tg: '840539006', tt: 'LP6464-4', sc: '2021-08-31T10:00:00Z', tr: '260415000', co: 'DE', is: 'x', ci: 'y' } } as unknown as DccCertificate;
  assert.ok(checkDccValueSets(pcr, sets).ok, 'a PCR test has no device id (ma is optional)');
});

test('without value sets, or without the set a field draws from, the field is not checked', () => {
  assert.ok(checkDccValueSets(vaccination({ co: 'XX' }), undefined).ok);
  const countriesOnly = dccValueSetsOf([{ valueSetId: 'country-2-codes', valueSetDate: '2019-11-01', valueSetValues: { VN: {} } }]);
  assert.ok(checkDccValueSets(vaccination({ mp: 'nope' }), countriesOnly).ok);
  assert.equal(checkDccValueSets(vaccination({ co: 'DE' }), countriesOnly).ok, false);
});

test('property: certificates built from value-set codes pass; one field replaced by a code outside its set fails naming it', () => {
  const random = seededRandom(19);
  const fields = { tg: 'disease-agent-targeted', vp: 'sct-vaccines-covid-19', mp: 'vaccines-covid-19-names', ma: 'vaccines-covid-19-auth-holders', co: 'country-2-codes' };
  const codesOf = new Map(Object.values(fields).map((id) => [id, Object.keys(parseDccValueSetFile(rawSet(id)).valueSetValues)]));
  const pick = (id: string): string => {
    const codes = codesOf.get(id)!;
    return codes[Math.floor(random() * codes.length)]!;
  };
  for (let i = 0; i < 300; i++) {
    const entry = Object.fromEntries(Object.entries(fields).map(([field, id]) => [field, pick(id)]));
    assert.ok(checkDccValueSets(vaccination(entry), sets).ok, JSON.stringify(entry));
    const [field, id] = Object.entries(fields)[Math.floor(random() * 5)]!;
    const outside = `${pick(id)}${'#'.repeat(1 + Math.floor(random() * 3))}`;
    const result = checkDccValueSets(vaccination({ ...entry, [field]: outside }), sets);
    assert.equal(result.ok, false);
    assert.ok(!result.ok && result.detail.startsWith(`v[0].${field} `), `${field}: ${JSON.stringify(result)}`);
  }
});

test('decide(): a signed certificate with an unknown code is reviewed (not admitted, not denied), with the person named', () => {
  const signer = testSigner();
  const payload = vaccinationPayload({ dt: '2021-06-01' });
  const withSets = (valueSets: DccValueSets | undefined) => dccContext(NOW, [signer.signer], { trust: trustStoreOf([], [signer.signer], valueSets) });
  const good = issueDcc(payload, signer, { iat: NOW - DAY, exp: NOW + 300 * DAY });
  assert.deepEqual(decide({ source: 'camera', payload: good, wallTime: NOW, monoTime: 1 }, withSets(sets)).reasons, [ReasonCode.DccValid]);

  const rapid = issueDcc({ ...testPayload({ sc: '2021-08-31T20:00:00Z', tt: 'LP217198-3' }), t: [{ ...(testPayload({ sc: '2021-08-31T20:00:00Z', tt: 'LP217198-3' }).t as object[])[0], ma: '9999' }] }, signer, { iat: NOW - DAY, exp: NOW + 300 * DAY });
  const reviewed = decide({ source: 'camera', payload: rapid, wallTime: NOW, monoTime: 1 }, withSets(sets));
  assert.equal(reviewed.outcome, 'review');
  assert.deepEqual(reviewed.reasons, [ReasonCode.DccCodeNotInValueSet]);
  assert.equal(reviewed.person.displayName, 'Văn An Nguyễn');
  assert.equal(decide({ source: 'camera', payload: rapid, wallTime: NOW, monoTime: 1 }, withSets(undefined)).reasons[0], ReasonCode.DccValid, 'no value sets: not checked');
});

test('loading a folder: a broken value-set file is refused with its name; a folder without any is refused', () => {
  const dir = tempDir('valuesets');
  writeFileSync(join(dir, 'README.json'), '{"note": "not a value set"}');
  assert.throws(() => loadDccValueSets(dir), /no EU value-set file/);
  writeFileSync(join(dir, 'country.json'), JSON.stringify({ valueSetId: 'country-2-codes', valueSetDate: '2019-11-01', valueSetValues: { VN: {} } }));
  assert.equal(loadDccValueSets(dir).version, 'country-2-codes@2019-11-01');
  writeFileSync(join(dir, 'broken.json'), '{"valueSetId": "x",');
  assert.throws(() => loadDccValueSets(dir), /broken\.json: not readable JSON/);
  writeFileSync(join(dir, 'broken.json'), JSON.stringify({ valueSetId: 'covid-19-lab-result', valueSetDate: '27.04.2021', valueSetValues: { a: {} } }));
  assert.throws(() => loadDccValueSets(dir), /broken\.json: covid-19-lab-result: valueSetDate is missing or not YYYY-MM-DD/);
  const missing = join(dir, 'nested', 'absent');
  assert.throws(() => loadDccValueSets(missing), /cannot read the value-set folder/);
  mkdirSync(join(dir, 'empty'));
  assert.throws(() => loadDccValueSets(join(dir, 'empty')), /no EU value-set file/);
});

function rawSet(id: string): unknown {
  const file = { 'country-2-codes': 'country-2-codes', 'disease-agent-targeted': 'disease-agent-targeted', 'sct-vaccines-covid-19': 'vaccine-prophylaxis', 'vaccines-covid-19-names': 'vaccine-medicinal-product', 'vaccines-covid-19-auth-holders': 'vaccine-mah-manf' }[id]!;
  return JSON.parse(readFileSync(join(EU_VALUE_SETS, `${file}.json`), 'utf8'));
}
