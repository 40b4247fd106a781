/**
 * The EU DCC value sets from the hub, on SQLite and PostgreSQL, through the real gate app: a vaccination DCC whose
 * marketing-authorisation holder (v[0].ma) is a code the vendored release lacks goes to review with
 * DCC_CODE_NOT_IN_VALUE_SET at an enrolled terminal that has no value sets of its own — it checks with the bundle's,
 * seeded by the hub at first start. Importing on the hub a newer release of that set, holding the code, admits the
 * same DCC after the next sync, without restart. A terminal whose config names its own trust.dccValueSets folder
 * keeps using that folder. The document signer is generated here (openssl, P-256) and distributed by the hub too.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createPrivateKey } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, it } from 'vitest';
import { dccValueSetsCommand } from '../../../hub/cli/dcc-value-set-commands.js';
import { documentSignerFromDer } from '../../../main/crypto/document-signer.js';
import { DAY, EU_VALUE_SETS, issueDcc, vaccinationPayload, type TestSigner } from '../../support/dcc.js';
import { describeEachStorage, startTestHub, type TestHub } from '../../support/hub-fixture.js';
import { startTestTerminal, type TestTerminal } from '../../support/hub-terminal.js';
import { tempDir } from '../../support/paths.js';

const NEW_HOLDER = 'ORG-100099999';

/** A P-256 document signer certificate (valid 30 days from now) and its key, made by openssl. */
function opensslSigner(): { signer: TestSigner; pem: string } {
  const dir = tempDir('dsc');
  const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-subj', '/C=VN/CN=DSC value sets', '-days', '30', '-keyout', join(dir, 'key.pem'), '-outform', 'DER', '-out', join(dir, 'dsc.der')], { encoding: 'utf8' });
  assert.equal(made.error, undefined, 'openssl is needed: apt-get install -y openssl');
  assert.equal(made.status, 0, made.stderr);
  const der = readFileSync(join(dir, 'dsc.der'));
  const pem = `-----BEGIN CERTIFICATE-----\n${der.toString('base64').match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;
  return { signer: { signer: documentSignerFromDer(der), privateKey: createPrivateKey(readFileSync(join(dir, 'key.pem'))) }, pem };
}

/** A folder holding a newer release of vaccines-covid-19-auth-holders that lists NEW_HOLDER. */
function newerHolders(): string {
  const folder = join(tempDir('valuesets'), 'release');
  mkdirSync(folder);
  const holders = JSON.parse(readFileSync(join(EU_VALUE_SETS, 'vaccine-mah-manf.json'), 'utf8')) as { valueSetDate: string; valueSetValues: Record<string, unknown> };
  holders.valueSetDate = '2026-11-30';
  holders.valueSetValues[NEW_HOLDER] = { display: 'Nhà sản xuất thử', lang: 'en', active: true, version: '', system: 'https://spor.ema.europa.eu/v1/organisations' };
  writeFileSync(join(folder, 'vaccine-mah-manf.json'), JSON.stringify(holders));
  return folder;
}

function decide(terminal: TestTerminal, payload: string) {
  const { outcome, reasons } = terminal.app.gate.handleScan('simulated', payload).decision;
  return { outcome, reason: reasons[0] };
}

describeEachStorage('DCC value sets from the hub', (kind) => {
  let hub: TestHub;
  let dcc: string;
  beforeAll(async () => {
    hub = await startTestHub(kind, { policy: { antiPassbackWindowMs: 0 } });
    const { signer, pem } = opensslSigner();
    await hub.admin('POST', '/dcc-signers', { format: 'pem', text: pem });
    const now = Date.now();
    dcc = issueDcc(vaccinationPayload({ dt: new Date(now - 30 * DAY).toISOString().slice(0, 10), ma: NEW_HOLDER } as { dt: string }), signer, { iat: now, exp: now + 20 * DAY });
  });
  afterAll(async () => {
    await hub.dispose();
  });

  it('a code outside the bundle\'s value sets is reviewed; a newer set imported on the hub admits it at the next sync, without restart', async () => {
    const terminal = await startTestTerminal(hub);
    const ownSets = await startTestTerminal(hub, { terminalId: 'gate-test-02', trust: { dccValueSets: EU_VALUE_SETS } });
    try {
      assert.equal(terminal.config.trust.dccValueSets, undefined, 'the first terminal has no value sets of its own');
      await terminal.sync.syncNow();
      await ownSets.sync.syncNow();
      assert.equal(terminal.sync.status().lastError, null);
      assert.deepEqual(decide(terminal, dcc), { outcome: 'review', reason: 'DCC_CODE_NOT_IN_VALUE_SET' });
      assert.deepEqual(decide(ownSets, dcc), { outcome: 'review', reason: 'DCC_CODE_NOT_IN_VALUE_SET' });

      const versionBefore = terminal.sync.status().dataVersion!;
      const config = hub.config;
      assert.equal(await dccValueSetsCommand(['import', newerHolders()], () => config, () => undefined), 0);
      assert.deepEqual(decide(terminal, dcc), { outcome: 'review', reason: 'DCC_CODE_NOT_IN_VALUE_SET' }, 'until the next sync, the sets in force stay');

      await terminal.sync.syncNow();
      await ownSets.sync.syncNow();
      assert.ok(terminal.sync.status().dataVersion! > versionBefore, 'new value sets are a new bundle version');
      assert.deepEqual(decide(terminal, dcc), { outcome: 'admit', reason: 'DCC_VALID' });
      assert.deepEqual(decide(ownSets, dcc), { outcome: 'review', reason: 'DCC_CODE_NOT_IN_VALUE_SET' }, 'a configured trust.dccValueSets folder takes precedence over the bundle');
    } finally {
      await terminal.close();
      await ownSets.close();
    }
  });
});
