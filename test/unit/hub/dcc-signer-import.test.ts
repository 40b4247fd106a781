/**
 * The hub's checks of DCC signer certificates and the trust-list formats it reads: every bad input is refused with
 * its own problem and a Vietnamese then English sentence, and never blocks the good certificates beside it; a text
 * that is no list at all is refused whole. Certificates of other key types and usages are made with openssl.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'vitest';
import { checkDccSigner, dccKidOf, isRefusal, type SignerRefusal } from '../../../hub/service/dcc-signer-check.js';
import { parseTrustList, TrustListFormatError } from '../../../hub/service/dcc-trust-list-formats.js';
import { fixtureCase } from '../../support/dcc.js';
import { tempDir } from '../../support/paths.js';

const NOW = Date.parse('2026-12-01T00:00:00Z');
const NL = (fixtureCase('NL/072-NL-vaccination.json').raw.TESTCTX as { CERTIFICATE: string }).CERTIFICATE;
const CH = (fixtureCase('CH/1.json').raw.TESTCTX as { CERTIFICATE: string }).CERTIFICATE;
const pem = (base64: string) => `-----BEGIN CERTIFICATE-----\n${base64.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;

/** A self-signed certificate (DER) from openssl: `newkey` as `openssl req -newkey` takes it, plus extensions. */
function certificate(name: string, newkey: string[], extensions: string[] = []): Buffer {
  const dir = tempDir(`dsc-${name}`);
  const made = spawnSync('openssl', ['req', '-x509', ...newkey, '-nodes', '-subj', `/C=VN/CN=${name}`, '-days', '30', ...extensions.flatMap((e) => ['-addext', e]), '-keyout', join(dir, 'key.pem'), '-outform', 'DER', '-out', join(dir, 'dsc.der')], { encoding: 'utf8' });
  assert.equal(made.error, undefined, 'openssl is needed: apt-get install -y openssl');
  assert.equal(made.status, 0, made.stderr);
  return readFileSync(join(dir, 'dsc.der'));
}
const P256 = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1'];

function refused(result: ReturnType<typeof checkDccSigner>): SignerRefusal {
  assert.ok(isRefusal(result), `expected a refusal, got signer ${JSON.stringify(result).slice(0, 120)}`);
  assert.ok(result.vi.length > 0 && result.en.length > 0 && result.vi !== result.en, 'a Vietnamese and an English sentence');
  return result;
}

test('accepted signers: EC P-256 (ES256) and RSA (PS256), kid from the certificate hash unless the list names one, country from the subject', () => {
  const nl = checkDccSigner({ entry: 'e1', der: Buffer.from(NL, 'base64') }, NOW);
  assert.ok(!isRefusal(nl));
  assert.deepEqual([nl.kid, nl.country, nl.keyType, nl.algorithm, nl.keyUsage], [dccKidOf(Buffer.from(NL, 'base64')), 'NL', 'EC P-256', 'ES256', ['1.3.6.1.4.1.0.1847.2021.1.2']]);
  const ch = checkDccSigner({ entry: 'e2', der: Buffer.from(CH, 'base64'), kidHex: 'ABCDEF0102030405', country: 'ch' }, Date.parse('2022-01-01'));
  assert.ok(!isRefusal(ch));
  assert.deepEqual([ch.kid, ch.country, ch.keyType, ch.algorithm], ['abcdef0102030405', 'CH', 'RSA 2048', 'PS256']);
  const noUsage = checkDccSigner({ entry: 'e3', der: certificate('no-eku', P256) }, NOW);
  assert.ok(!isRefusal(noUsage), 'no extended key usage: may sign every type');
  const mixed = checkDccSigner({ entry: 'e4', der: certificate('mixed-eku', P256, ['extendedKeyUsage=serverAuth,1.3.6.1.4.1.1847.2021.1.1']) }, NOW);
  assert.ok(!isRefusal(mixed), 'one DCC OID among others is enough');
});

test('wrong key types are refused: P-384, Ed25519, RSA under 2048 bits', () => {
  const p384 = refused(checkDccSigner({ entry: 'p384', der: certificate('p384', ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:secp384r1']) }, NOW));
  assert.equal(p384.problem, 'KEY_TYPE');
  assert.match(p384.en, /EC secp384r1 key: DCCs are signed with EC P-256 or RSA of 2048 bits or more only/);
  assert.match(p384.vi, /^Khóa EC secp384r1/);
  assert.equal(refused(checkDccSigner({ entry: 'ed', der: certificate('ed25519', ['-newkey', 'ed25519']) }, NOW)).problem, 'KEY_TYPE');
  const small = refused(checkDccSigner({ entry: 'rsa', der: certificate('rsa1024', ['-newkey', 'rsa:1024']) }, NOW));
  assert.equal(small.problem, 'KEY_TYPE');
  assert.match(small.en, /RSA 1024 key/);
});

test('a certificate for other purposes only (no DCC key usage OID) is refused, naming its OIDs', () => {
  const server = refused(checkDccSigner({ entry: 'tls', der: certificate('tls', P256, ['extendedKeyUsage=serverAuth,clientAuth']) }, NOW));
  assert.equal(server.problem, 'KEY_USAGE');
  assert.match(server.en, /1\.3\.6\.1\.5\.5\.7\.3\.1, 1\.3\.6\.1\.5\.5\.7\.3\.2 does not allow signing DCCs/);
  const icao = refused(checkDccSigner({ entry: 'IS/3', der: Buffer.from((fixtureCase('IS/3.json').raw.TESTCTX as { CERTIFICATE: string }).CERTIFICATE, 'base64') }, Date.parse('2022-01-01')));
  assert.equal(icao.problem, 'KEY_USAGE');
});

test('validity: expired is refused with its date; not yet valid is accepted (published ahead of use)', () => {
  const der = Buffer.from(NL, 'base64');
  const expired = refused(checkDccSigner({ entry: 'late', der }, Date.parse('2033-01-01')));
  assert.equal(expired.problem, 'EXPIRED');
  assert.match(expired.vi, /hết hạn ngày 2032-04-23/);
  assert.match(expired.en, /expired on 2032-04-23\. Download a current list/);
  assert.ok(!isRefusal(checkDccSigner({ entry: 'early', der }, Date.parse('2020-01-01'))));
});

test('garbage bytes and a country the subject contradicts are refused', () => {
  assert.equal(refused(checkDccSigner({ entry: 'x', der: Buffer.from('not a certificate') }, NOW)).problem, 'NOT_A_CERTIFICATE');
  assert.equal(refused(checkDccSigner({ entry: 'y', der: Buffer.from(NL, 'base64'), country: 'DE' }, NOW)).problem, 'COUNTRY_MISMATCH');
});

test('JSON formats: EU gateway array, { certificates } with a signature line, kid → certificate maps, x5c', () => {
  const kid = Buffer.from('0102030405060708', 'hex').toString('base64');
  const array = parseTrustList(JSON.stringify([{ kid, country: 'NL', rawData: NL, certificateType: 'DSC' }]), 'json');
  assert.deepEqual(array.candidates.map((c) => [c.entry, c.kidHex, c.country]), [['mục 1 / entry 1', '0102030405060708', 'NL']]);
  const german = parseTrustList(`MEUCIQDsignature==\n${JSON.stringify({ certificates: [{ kid, country: 'NL', rawData: NL }] })}`, 'json');
  assert.equal(german.candidates.length, 1);
  const map = parseTrustList(JSON.stringify({ [kid]: NL, AQIDBAUGBwk: [{ certificate: NL }, { x5c: [CH] }] }), 'json');
  assert.deepEqual(map.candidates.map((c) => [c.entry, c.kidHex]), [[`kid ${kid}`, '0102030405060708'], ['kid AQIDBAUGBwk #1', '0102030405060709'], ['kid AQIDBAUGBwk #2', '0102030405060709']]);
  assert.deepEqual(map.candidates[2]!.der, Buffer.from(CH, 'base64'));
});

test('JSON entries refused one by one: CSCA, no certificate, bad kid, bad country; the good one goes on', () => {
  const parsed = parseTrustList(
    JSON.stringify([{ certificateType: 'CSCA', rawData: NL }, { kid: 'AQID' }, { kid: '***', certificate: NL }, { country: 'Netherlands', certificate: NL }, 42, { certificate: NL }]),
    'json',
  );
  assert.deepEqual(parsed.refused.map((r) => [r.entry, r.problem]), [
    ['mục 1 / entry 1', 'NOT_A_DOCUMENT_SIGNER'],
    ['mục 2 / entry 2', 'BAD_ENTRY'],
    ['mục 3 / entry 3', 'BAD_KID'],
    ['mục 4 / entry 4', 'BAD_ENTRY'],
    ['mục 5 / entry 5', 'BAD_ENTRY'],
  ]);
  assert.deepEqual(parsed.candidates.map((c) => c.entry), ['mục 6 / entry 6']);
});

test('PEM bundles: garbage, a private key, an unterminated block are refused alone; no block at all refuses the text', () => {
  const text = `${pem(NL)}-----BEGIN CERTIFICATE-----\n%%% garbage %%%\n-----END CERTIFICATE-----\n-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n${pem(CH)}-----BEGIN CERTIFICATE-----\nMIIB`;
  const parsed = parseTrustList(text);
  assert.deepEqual(parsed.candidates.map((c) => c.entry), ['khối PEM 1 / PEM block 1', 'khối PEM 4 / PEM block 4']);
  assert.deepEqual(parsed.refused.map((r) => [r.entry, r.problem]), [
    ['khối PEM 2 / PEM block 2', 'NOT_A_CERTIFICATE'],
    ['khối PEM 3 / PEM block 3', 'BAD_ENTRY'],
    ['khối PEM 5 / PEM block 5', 'BAD_ENTRY'],
  ]);
  assert.ok(!parsed.refused.some((r) => r.en.includes('AAAA')), 'a private key block is never echoed');
  for (const [input, format] of [['hello', 'pem'], ['{not json', 'json'], ['"a string"', 'json']] as const) {
    assert.throws(() => parseTrustList(input, format), (e: Error) => e instanceof TrustListFormatError && / — /.test(e.message), input);
  }
});
