/**
 * Every DCC reason code through decide(): real certificates of the conformance data at their own validation clock,
 * and certificates issued here for what that data does not contain (positive tests, policy windows, …).
 */
import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import { test } from 'vitest';
import {
  base45Encode,
  decide,
  DEFAULT_POLICY,
  ReasonCode,
  trustStoreOf,
  type DecisionContext,
  type GateDecision,
  type Outcome,
} from '../../../core/index.js';
import {
  dateAfter,
  dccContext,
  EU_VALUE_SETS,
  fixtureCase,
  HOUR,
  issueDcc,
  recoveryPayload,
  testPayload,
  testSigner,
  vaccinationPayload,
  type TestSigner,
} from '../../support/dcc.js';
import { loadDccValueSets } from '../../../main/config/load-dcc-value-sets.js';
import { testCrypto } from '../../support/decision-context.js';

const NOW = Date.parse('2021-10-20T03:00:00Z'); // 10:00 in Hồ Chí Minh City: the same calendar day as in UTC
const VALIDITY = { iat: NOW - 30 * 24 * HOUR, exp: NOW + 300 * 24 * HOUR };
const dsc: TestSigner = testSigner();

function run(payload: string, context: DecisionContext): GateDecision {
  return decide({ source: 'camera', payload, wallTime: context.now, monoTime: 1 }, context);
}

interface Case {
  readonly name: string;
  readonly decide: () => GateDecision;
  readonly expect: [Outcome, ReasonCode];
}

/** A conformance case decided at its validation clock, trusting its own signer certificate. */
function fixture(path: string, overrides: Partial<DecisionContext> = {}): () => GateDecision {
  return () => {
    const c = fixtureCase(path);
    return run(c.prefix, dccContext(c.clock, [c.signer], overrides));
  };
}

/** A certificate issued here, decided at NOW. */
function issued(payload: unknown, overrides: Partial<DecisionContext> = {}, by: TestSigner = dsc, times = VALIDITY): () => GateDecision {
  return () => run(issueDcc(payload, by, times), dccContext(NOW, [by.signer], overrides));
}

const policy = (certificates: Partial<typeof DEFAULT_POLICY.certificates>): Partial<DecisionContext> => ({
  policy: { ...DEFAULT_POLICY, acceptedKinds: ['eu-dcc'], certificates: { ...DEFAULT_POLICY.certificates, ...certificates } },
});

const cases: Case[] = [
  { name: 'DE vaccination, complete, at its clock', decide: fixture('DE/2.json'), expect: ['admit', ReasonCode.DccValid] },
  { name: 'AT recovery at its clock', decide: fixture('AT/2.json'), expect: ['admit', ReasonCode.DccValid] },
  { name: 'SI PCR test at its clock', decide: fixture('SI/test-PCR.json'), expect: ['admit', ReasonCode.DccValid] },
  { name: 'CH certificate signed with RSA (PS256)', decide: fixture('CH/1.json'), expect: ['admit', ReasonCode.DccValid] },
  { name: 'both CWT and COSE_Sign1 tags', decide: fixture('common/CO28.json'), expect: ['admit', ReasonCode.DccValid] },
  { name: 'key id only in the unprotected header', decide: fixture('common/CO19.json', policy({ test: { ...DEFAULT_POLICY.certificates.test, maxHoursAfterSample: 24 * 120 } })), expect: ['admit', ReasonCode.DccValid] },
  { name: 'base45 with characters outside the alphabet', decide: fixture('common/B1.json'), expect: ['deny', ReasonCode.DccMalformed] },
  { name: 'not zlib-compressed', decide: fixture('common/Z2.json'), expect: ['deny', ReasonCode.DccMalformed] },
  { name: 'broken compression', decide: fixture('common/Z1.json'), expect: ['deny', ReasonCode.DccMalformed] },
  { name: 'not a COSE structure', decide: fixture('common/CBO2.json'), expect: ['deny', ReasonCode.DccMalformed] },
  { name: 'decompression bomb in a QR-sized payload', decide: () => run('HC1:' + base45Encode(deflateSync(Buffer.alloc(4_000_000), { level: 9 })), dccContext(NOW, [dsc.signer])), expect: ['deny', ReasonCode.DccMalformed] },
  { name: 'signer not on the trust list', decide: () => run(fixtureCase('DE/2.json').prefix, dccContext(fixtureCase('DE/2.json').clock, [])), expect: ['deny', ReasonCode.DccUnknownSigner] },
  { name: 'wrong key id in the protected header', decide: fixture('common/CO22.json'), expect: ['deny', ReasonCode.DccUnknownSigner] },
  { name: 'signature cryptographically invalid', decide: fixture('common/CO5.json'), expect: ['deny', ReasonCode.DccSignatureInvalid] },
  {
    name: 'another key under the trusted key id',
    decide: () => {
      const forger = testSigner();
      return run(issueDcc(vaccinationPayload({ dt: dateAfter(NOW, -30) }), forger, VALIDITY), dccContext(NOW, [{ ...dsc.signer, kid: forger.signer.kid }]));
    },
    expect: ['deny', ReasonCode.DccSignatureInvalid],
  },
  { name: 'issued after its signer certificate expired', decide: issued(vaccinationPayload({ dt: dateAfter(NOW, -30) }), {}, testSigner({ notAfter: NOW - 60 * 24 * HOUR })), expect: ['deny', ReasonCode.DccSignerNotValid] },
  { name: 'an absurd signed expiry (1e300 s) is a reason, not a crash', decide: issued(vaccinationPayload({ dt: dateAfter(NOW, -30) }), {}, dsc, { iat: VALIDITY.iat, exp: 1e303 }), expect: ['deny', ReasonCode.DccSignerNotValid] },
  { name: 'valid beyond its signer certificate (HU)', decide: fixture('HU/1.json'), expect: ['deny', ReasonCode.DccSignerNotValid] },
  { name: 'test-only signer, vaccination certificate', decide: fixture('common/CO6.json'), expect: ['deny', ReasonCode.DccWrongCertificateType] },
  { name: 'signer restricted to non-DCC usage (IS)', decide: fixture('IS/3.json'), expect: ['deny', ReasonCode.DccWrongCertificateType] },
  { name: 'validation clock after expiry', decide: fixture('common/CO17.json'), expect: ['deny', ReasonCode.DccExpired] },
  { name: 'recovery past its valid-until date', decide: issued(recoveryPayload({ fr: dateAfter(NOW, -60), df: dateAfter(NOW, -49), du: dateAfter(NOW, -1) })), expect: ['deny', ReasonCode.DccExpired] },
  { name: 'validation clock before issued-at', decide: fixture('common/CO16.json'), expect: ['deny', ReasonCode.DccNotYetValid] },
  { name: 'test sampled in the future', decide: issued(testPayload({ sc: new Date(NOW + 2 * HOUR).toISOString() })), expect: ['deny', ReasonCode.DccNotYetValid] },
  { name: 'recovery valid from tomorrow', decide: issued(recoveryPayload({ fr: dateAfter(NOW, -20), df: dateAfter(NOW, 1) })), expect: ['deny', ReasonCode.DccNotYetValid] },
  { name: 'two vaccination entries (RO)', decide: fixture('RO/2.json'), expect: ['deny', ReasonCode.DccSchemaInvalid] },
  { name: 'signed payload without a family name', decide: issued({ ...vaccinationPayload({ dt: dateAfter(NOW, -30) }), nam: { gn: 'An' } }), expect: ['deny', ReasonCode.DccSchemaInvalid] },
  {
    name: 'manufacturer code outside the EU value set (SM, ORG-1000030215), with the EU value sets loaded',
    decide: () => {
      const c = fixtureCase('SM/1.json');
      return run(c.prefix, dccContext(c.clock, [c.signer], { trust: trustStoreOf([], [c.signer], loadDccValueSets(EU_VALUE_SETS)) }));
    },
    expect: ['review', ReasonCode.DccCodeNotInValueSet],
  },
  { name: 'vaccination not accepted here', decide: issued(vaccinationPayload({ dt: dateAfter(NOW, -30) }), policy({ vaccination: { ...DEFAULT_POLICY.certificates.vaccination, accepted: false } })), expect: ['deny', ReasonCode.DccTypeNotAccepted] },
  { name: 'rapid antigen where only PCR counts', decide: issued(testPayload({ sc: new Date(NOW - HOUR).toISOString(), tt: 'LP217198-3' }), policy({ test: { ...DEFAULT_POLICY.certificates.test, acceptedTypes: ['LP6464-4'] } })), expect: ['deny', ReasonCode.DccTypeNotAccepted] },
  { name: 'dose 1 of 2', decide: issued(vaccinationPayload({ dt: dateAfter(NOW, -30), dn: 1, sd: 2 })), expect: ['deny', ReasonCode.DccVaccinationIncomplete] },
  { name: 'last dose 13 days ago', decide: issued(vaccinationPayload({ dt: dateAfter(NOW, -13) })), expect: ['deny', ReasonCode.DccVaccinationTooRecent] },
  { name: 'last dose 14 days ago', decide: issued(vaccinationPayload({ dt: dateAfter(NOW, -14) })), expect: ['admit', ReasonCode.DccValid] },
  { name: 'last dose 271 days ago', decide: issued(vaccinationPayload({ dt: dateAfter(NOW, -271) })), expect: ['deny', ReasonCode.DccVaccinationTooOld] },
  { name: 'positive test', decide: issued(testPayload({ sc: new Date(NOW - HOUR).toISOString(), tr: '260373001' })), expect: ['deny', ReasonCode.DccTestPositive] },
  { name: 'negative test sampled 73 hours ago', decide: issued(testPayload({ sc: new Date(NOW - 73 * HOUR).toISOString() })), expect: ['deny', ReasonCode.DccTestTooOld] },
  { name: 'positive test 10 days ago', decide: issued(recoveryPayload({ fr: dateAfter(NOW, -10) })), expect: ['deny', ReasonCode.DccRecoveryTooRecent] },
  { name: 'positive test 181 days ago', decide: issued(recoveryPayload({ fr: dateAfter(NOW, -181) })), expect: ['deny', ReasonCode.DccRecoveryTooOld] },
  { name: 'revoked by its UVCI', decide: issued(vaccinationPayload({ dt: dateAfter(NOW, -30) }), { revocations: { isRevoked: (id) => id === 'URN:UVCI:01:VN:TEST0001#X' } }), expect: ['deny', ReasonCode.CredentialRevoked] },
  { name: 'checkpoint that takes no DCC', decide: issued(vaccinationPayload({ dt: dateAfter(NOW, -30) }), { policy: { ...DEFAULT_POLICY, acceptedKinds: ['declaration'] } }), expect: ['deny', ReasonCode.CredentialKindNotAccepted] },
];

for (const c of cases) {
  test(`DCC: ${c.name} → ${c.expect[0]} ${c.expect[1]}`, () => {
    const decision = c.decide();
    assert.deepEqual([decision.outcome, decision.reasons[0]], c.expect);
    assert.equal(decision.credential.kind, 'eu-dcc');
  });
}

test('the table reaches every DCC reason code', () => {
  const reached = new Set(cases.map((c) => c.expect[1]));
  const missing = Object.values(ReasonCode).filter((code) => code.startsWith('DCC_') && !reached.has(code));
  assert.deepEqual(missing, []);
});

test('an admitted DCC names the person (NFC), carries its UVCI and a keyed subject key of the stable identity', () => {
  const payload = vaccinationPayload({ dt: dateAfter(NOW, -30) }, { nam: { fn: 'Nguye\u0302\u0303n', fnt: 'NGUYEN', gn: 'Văn An', gnt: 'VAN<AN' } });
  const decision = issued(payload)();
  assert.equal(decision.outcome, 'admit');
  assert.equal(decision.person.displayName, 'Văn An Nguyễn');
  assert.equal(decision.credential.id, 'URN:UVCI:01:VN:TEST0001#X');
  assert.equal(decision.person.subjectKey, testCrypto.subjectKey('dcc:NGUYEN|VAN<AN|1985-04-12'));
  // A later certificate of the same person (new UVCI, next dose) keeps the subject key: anti-passback still works.
  const booster = issued(vaccinationPayload({ dt: dateAfter(NOW, -20), dn: 3, sd: 3, ci: 'URN:UVCI:01:VN:TEST0002#Y' }))();
  assert.equal(booster.person.subjectKey, decision.person.subjectKey);
  assert.notEqual(booster.credential.id, decision.credential.id);
});

test('a refused but genuine DCC still names its holder; a forged or unreadable one names nobody', () => {
  assert.equal(issued(testPayload({ sc: new Date(NOW - HOUR).toISOString(), tr: '260373001' }))().person.displayName, 'Văn An Nguyễn');
  assert.equal(fixture('common/CO5.json')().person.displayName, '');
  assert.equal(fixture('common/Z2.json')().person.displayName, '');
});

test('issued-at within the clock skew is accepted, beyond it refused', () => {
  const soon = { iat: NOW + 4 * 60_000, exp: NOW + 300 * 24 * HOUR };
  const payload = vaccinationPayload({ dt: dateAfter(NOW, -30) });
  assert.equal(issued(payload, {}, dsc, soon)().outcome, 'admit');
  assert.equal(issued(payload, { policy: { ...DEFAULT_POLICY, acceptedKinds: ['eu-dcc'], clockSkewMs: 0 } }, dsc, soon)().reasons[0], ReasonCode.DccNotYetValid);
});

test('certificates without any transliterated name do not share one identity: each keeps its own UVCI', () => {
  const nameless = { nam: { fnt: '', gnt: '' }, dob: '' };
  const a = issued(vaccinationPayload({ dt: dateAfter(NOW, -30), ci: 'URN:UVCI:01:VN:A' }, nameless))();
  const b = issued(vaccinationPayload({ dt: dateAfter(NOW, -30), ci: 'URN:UVCI:01:VN:B' }, nameless))();
  assert.equal(a.outcome, 'admit');
  assert.equal(a.person.subjectKey, testCrypto.subjectKey('dcc-uvci:URN:UVCI:01:VN:A'));
  assert.notEqual(a.person.subjectKey, b.person.subjectKey);
});
