/** The DCC trust list on the host: certificates → DocumentSigners, and `trust.dccSigners` in the terminal config. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'vitest';
import { decide, DEFAULT_POLICY } from '../../../core/index.js';
import { ConfigError, loadConfig } from '../../../main/config/load-config.js';
import { DccTrustListError, documentSignerFromCertificate, parseDccTrustList } from '../../../main/config/load-dcc-signers.js';
import { loadTrust } from '../../../main/config/load-trust.js';
import { dccKeyIdOfCertificate } from '../../../main/crypto/document-signer.js';
import { fixtureCase } from '../../support/dcc.js';
import { testContext } from '../../support/decision-context.js';
import { ROOT, tempDir } from '../../support/paths.js';

const certOf = (path: string) => (fixtureCase(path).raw.TESTCTX as { CERTIFICATE: string }).CERTIFICATE;

test('a DSC becomes a DocumentSigner: kid from the certificate hash, algorithm from the key, EKU, validity, country', () => {
  const at = documentSignerFromCertificate(certOf('AT/1.json'))!;
  assert.equal(at.kid, dccKeyIdOfCertificate(Buffer.from(certOf('AT/1.json'), 'base64')));
  assert.equal(at.kid, 'd919375fc1e7b6b2');
  assert.deepEqual([at.algorithm, at.country, at.extendedKeyUsage], ['ES256', 'AT', []]);
  assert.equal(at.notBefore, Date.parse('2021-05-05T12:41:06Z'));
  assert.equal(at.notAfter, Date.parse('2023-05-05T12:41:06Z'));
  const ch = documentSignerFromCertificate(certOf('CH/1.json'))!;
  assert.equal(ch.algorithm, 'PS256');
  const co6 = documentSignerFromCertificate(certOf('common/CO6.json'))!;
  assert.deepEqual(co6.extendedKeyUsage, ['1.3.6.1.4.1.0.1847.2021.1.1']);
  assert.equal(documentSignerFromCertificate('bm90IGEgY2VydGlmaWNhdGU='), undefined);
});

test('trust list: an array of { kid?, certificate }; a given kid is used as written; several may share one', () => {
  const signers = parseDccTrustList(
    JSON.stringify([{ certificate: certOf('AT/1.json') }, { kid: Buffer.from('0102030405060708', 'hex').toString('base64'), certificate: certOf('CH/1.json') }, { kid: 'AQIDBAUGBwg=', certificate: certOf('DE/1.json') }]),
  );
  assert.deepEqual(
    signers.map((s) => s.kid),
    ['d919375fc1e7b6b2', '0102030405060708', '0102030405060708'],
  );
});

test('a broken trust list is refused whole, naming the entry', () => {
  const refused = (text: string, message: RegExp) => assert.throws(() => parseDccTrustList(text), (e: unknown) => e instanceof DccTrustListError && message.test(e.message));
  refused('{', /invalid JSON/);
  refused('{"kid":"x"}', /must be a JSON array/);
  refused(JSON.stringify([{ certificate: certOf('AT/1.json') }, 'x']), /entry 1 must be an object/);
  refused(JSON.stringify([{ certificate: 'not base64!' }]), /entry 0: certificate must be base64/);
  refused(JSON.stringify([{ certificate: 'bm90IGEgY2VydGlmaWNhdGU=' }]), /entry 0: not a usable DCC signer certificate/);
  refused(JSON.stringify([{ kid: '', certificate: certOf('AT/1.json') }]), /entry 0: kid must be base64/);
});

function configWith(dccSigners: string | undefined, dir = tempDir('dcc-cfg')): string {
  const file = join(dir, 'terminal.yaml');
  writeFileSync(
    file,
    [
      'terminal: { id: gate-1 }',
      'checkpoint: { id: cp-1, name: "Cổng B", direction: in }',
      'trust:',
      `  issuers: [{ name: test, publicKeyFile: ${join(ROOT, 'config/test-issuer/public.pem')} }]`,
      ...(dccSigners !== undefined ? [`  dccSigners: ${dccSigners}`] : []),
      '',
    ].join('\n'),
  );
  return file;
}

test('trust.dccSigners: a relative path is read from the config folder and fills the trust store', () => {
  const dir = tempDir('dcc-cfg');
  writeFileSync(join(dir, 'dsc.json'), JSON.stringify([{ certificate: certOf('DE/2.json') }]));
  const trust = loadTrust(loadConfig(configWith('dsc.json', dir)));
  assert.equal(trust.dccSigners.length, 1);
  const de = fixtureCase('DE/2.json');
  assert.equal(trust.store.documentSignersByKid(de.signer.kid).length, 1);
  const decision = decide({ source: 'camera', payload: de.prefix, wallTime: de.clock, monoTime: 0 }, testContext(de.clock, { trust: trust.store, policy: DEFAULT_POLICY }));
  assert.deepEqual([decision.outcome, decision.reasons[0]], ['admit', 'DCC_VALID']);
  assert.deepEqual(loadTrust(loadConfig(configWith(undefined))).dccSigners, []);
});

test('trust.dccSigners: an unreadable or broken file is a ConfigError naming the field', () => {
  const dir = tempDir('dcc-cfg');
  writeFileSync(join(dir, 'broken.json'), '[{"certificate": 42}]');
  for (const [file, problem] of [['missing.json', /cannot read .*ENOENT/], ['broken.json', /entry 0: certificate must be base64/]] as const) {
    assert.throws(
      () => loadTrust(loadConfig(configWith(file, dir))),
      (e: unknown) => e instanceof ConfigError && e.fieldPath === 'trust.dccSigners' && problem.test(e.problem) && e.message.includes('trust.dccSigners'),
    );
  }
});

test('a P-384 document signer is refused with the specification rule (ES256 on P-256 and PS256 only)', () => {
  const dir = tempDir('dsc-p384');
  const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:secp384r1', '-nodes', '-subj', '/C=VN/CN=DSC P-384', '-days', '30', '-keyout', join(dir, 'key.pem'), '-outform', 'DER', '-out', join(dir, 'dsc.der')], { encoding: 'utf8' });
  assert.equal(made.error, undefined, 'openssl is needed: apt-get install -y openssl');
  assert.equal(made.status, 0, made.stderr);
  const der = readFileSync(join(dir, 'dsc.der')).toString('base64');
  assert.equal(documentSignerFromCertificate(der), undefined);
  assert.throws(() => parseDccTrustList(JSON.stringify([{ certificate: der }])), (e: Error) => e instanceof DccTrustListError && /entry 0: .*secp384r1: the DCC specification allows ES256 \(EC P-256\) and PS256 \(RSA\) signers only/.test(e.message));
});
