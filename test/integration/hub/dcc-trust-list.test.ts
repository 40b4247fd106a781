/**
 * The hub's DCC trust list, on SQLite and PostgreSQL, through the real gate app: signer certificates of the EU
 * conformance data imported on the hub as a JSON list and as a PEM bundle (bad entries refused one by one, with their
 * reason, the others imported), distributed in the signed bundle, and used by the terminal at its next sync — a DCC
 * is admitted; once its signer is removed on the hub, the next sync makes the same terminal (no restart) refuse it as
 * signed by an unknown signer. The terminal's clock is set to the conformance cases' validation time (2021): the
 * certificates themselves are checked against the hub's real clock.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, it } from 'vitest';
import { systemClock } from '../../../main/platform/clock.js';
import { describeEachStorage, startTestHub, type TestHub } from '../../support/hub-fixture.js';
import { startTestTerminal, type TestTerminal } from '../../support/hub-terminal.js';
import { fixtureCase } from '../../support/dcc.js';

const NO_PASSBACK = { antiPassbackWindowMs: 0 };
const certificateOf = (path: string) => (fixtureCase(path).raw.TESTCTX as { CERTIFICATE: string }).CERTIFICATE;
const pem = (base64: string) => `-----BEGIN CERTIFICATE-----\n${base64.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;

/** NL signers are valid until 2032; AT/2's expired in 2023; IS/3's key usage is the ICAO document signer's only. */
const VACCINATION = fixtureCase('NL/072-NL-vaccination.json');
const RECOVERY = fixtureCase('NL/145-NL-recovery.json');

interface ImportAnswer {
  added: number;
  updated: number;
  unchanged: number;
  accepted: { signerId: string; kid: string; country: string }[];
  refused: { entry: string; problem: string; vi: string; en: string; kid?: string }[];
}

function decide(terminal: TestTerminal, payload: string) {
  const { outcome, reasons } = terminal.app.gate.handleScan('simulated', payload).decision;
  return { outcome, reason: reasons[0] };
}

describeEachStorage('DCC trust list from the hub', (kind) => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub(kind, { policy: NO_PASSBACK });
  });
  afterAll(async () => {
    await hub.dispose();
  });

  it('imports a JSON list and a PEM bundle, refusing bad certificates one by one with their reason', async () => {
    const json = JSON.stringify([
      { kid: Buffer.from(VACCINATION.signer.kid, 'hex').toString('base64'), country: 'NL', certificate: certificateOf('NL/072-NL-vaccination.json') },
      { kid: 'AQIDBAUGBwg=', country: 'AT', certificate: certificateOf('AT/2.json') },
      { country: 'IS', certificate: certificateOf('IS/3.json') },
      { kid: 'AQIDBAUGBwg=', country: 'DE', certificate: 'bm90IGEgY2VydGlmaWNhdGU=' },
      { country: 'BE', certificate: certificateOf('NL/072-NL-vaccination.json') },
    ]);
    const first = await hub.admin<ImportAnswer>('POST', '/dcc-signers', { format: 'json', text: json });
    assert.deepEqual([first.added, first.updated, first.unchanged], [1, 0, 0]);
    assert.deepEqual(first.accepted.map((s) => [s.kid, s.country]), [[VACCINATION.signer.kid, 'NL']]);
    assert.deepEqual(
      first.refused.map((r) => [r.entry, r.problem]),
      [['mục 2 / entry 2', 'EXPIRED'], ['mục 3 / entry 3', 'KEY_USAGE'], ['mục 4 / entry 4', 'NOT_A_CERTIFICATE'], ['mục 5 / entry 5', 'COUNTRY_MISMATCH']],
    );
    assert.match(first.refused[0]!.vi, /hết hạn ngày 2023-05-05/);
    assert.match(first.refused[0]!.en, /expired on 2023-05-05/);
    assert.match(first.refused[1]!.en, /2\.23\.136\.1\.1\.14\.2/);

    const bundle = `${pem(certificateOf('NL/145-NL-recovery.json'))}-----BEGIN CERTIFICATE-----\nnot base64 !!\n-----END CERTIFICATE-----\n${pem(certificateOf('NL/072-NL-vaccination.json'))}`;
    const second = await hub.admin<ImportAnswer>('POST', '/dcc-signers', { text: bundle });
    assert.deepEqual([second.added, second.updated, second.unchanged], [1, 0, 1], 'the vaccination signer was listed already');
    assert.deepEqual(second.refused.map((r) => [r.entry, r.problem]), [['khối PEM 2 / PEM block 2', 'NOT_A_CERTIFICATE']]);

    const listed = await hub.admin<{ signers: { kid: string; country: string; keyType: string }[] }>('GET', '/dcc-signers');
    assert.deepEqual(listed.signers.map((s) => [s.country, s.kid, s.keyType]).sort(), [['NL', RECOVERY.signer.kid, 'EC P-256'], ['NL', VACCINATION.signer.kid, 'EC P-256']].sort());

    const garbage = await fetch(`${hub.url}/admin/dcc-signers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${hub.keys.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ format: 'pem', text: 'this is not a certificate bundle' }),
    });
    assert.equal(garbage.status, 400);
    assert.match(((await garbage.json()) as { message: string }).message, /Không tìm thấy khối -----BEGIN CERTIFICATE-----.*No -----BEGIN CERTIFICATE----- block found/);
  });

  it('a terminal verifies DCCs with the bundle\'s list; removing a signer on the hub refuses its DCCs from the next sync, without restart', async () => {
    const base = systemClock();
    const offset = VACCINATION.clock - base.wallNow();
    const terminal = await startTestTerminal(hub, { clock: { ...base, wallNow: () => base.wallNow() + offset } });
    try {
      await terminal.sync.syncNow();
      assert.equal(terminal.sync.status().lastError, null);
      assert.deepEqual(decide(terminal, VACCINATION.prefix), { outcome: 'admit', reason: 'DCC_VALID' });
      assert.deepEqual(decide(terminal, RECOVERY.prefix), { outcome: 'admit', reason: 'DCC_VALID' });

      const listed = await hub.admin<{ signers: { signerId: string; kid: string }[] }>('GET', '/dcc-signers');
      const vaccinationSigner = listed.signers.find((s) => s.kid === VACCINATION.signer.kid)!;
      const versionBefore = terminal.sync.status().dataVersion!;
      assert.deepEqual(await hub.admin('DELETE', `/dcc-signers/${vaccinationSigner.signerId}`), { removed: 1 });
      assert.deepEqual(decide(terminal, VACCINATION.prefix), { outcome: 'admit', reason: 'DCC_VALID' }, 'until the next sync, the list in force stays');

      await terminal.sync.syncNow();
      assert.ok(terminal.sync.status().dataVersion! > versionBefore, 'removing a signer is a new bundle version');
      assert.deepEqual(decide(terminal, VACCINATION.prefix), { outcome: 'deny', reason: 'DCC_UNKNOWN_SIGNER' });
      assert.deepEqual(decide(terminal, RECOVERY.prefix), { outcome: 'admit', reason: 'DCC_VALID' }, 'the other signer stays trusted');

      await hub.admin('POST', '/dcc-signers', { format: 'pem', text: pem(certificateOf('NL/072-NL-vaccination.json')) });
      await terminal.sync.syncNow();
      assert.deepEqual(decide(terminal, VACCINATION.prefix), { outcome: 'admit', reason: 'DCC_VALID' }, 'added back: trusted again at the next sync');
    } finally {
      await terminal.close();
    }
  });
});
