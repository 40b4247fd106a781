/** Table-driven: every reason code decide() can produce, with the outcome it must carry. */
import assert from 'node:assert/strict';
import { createPrivateKey, createPublicKey, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { test } from 'vitest';
import {
  base45Encode,
  Claim,
  CoseAlg,
  CoseHeader,
  decide,
  DECLARATION_TOKEN_PREFIX,
  DEFAULT_POLICY,
  encodeCbor,
  encodeCoseSign1,
  ReasonCode,
  type CryptoPort,
  type DecisionContext,
  type GateDecision,
} from '../../../core/index.js';
import { ed25519Signer, keyIdOf } from '../../../main/crypto/node-crypto-port.js';
import { TEST_ISSUER_PRIVATE } from '../../support/paths.js';
import { testContext, testCrypto } from '../../support/decision-context.js';
import { expiredToken, strangerToken, tamperedToken, validToken } from '../../support/tokens.js';
import { issueDeclaration } from '../../../main/cli/issue-declaration.js';

const NOW = Date.parse('2026-11-23T08:00:00Z');
const HOUR = 3_600_000;
const privatePem = readFileSync(TEST_ISSUER_PRIVATE, 'utf8');
const context: DecisionContext = testContext(NOW);

function run(payload: string, overrides: Partial<DecisionContext> = {}): GateDecision {
  return decide({ source: 'simulated', payload, wallTime: NOW, monoTime: 1 }, { ...context, ...overrides });
}

/** A COSE_Sign1 token signed by the test key with arbitrary claims/headers, to reach each malformed branch. */
function craft(claims: Map<number, unknown>, header: Map<number, unknown> = new Map<number, unknown>([[CoseHeader.alg, CoseAlg.EdDSA], [CoseHeader.kid, keyIdOf(createPublicKey(privatePem))]])): string {
  return DECLARATION_TOKEN_PREFIX + base45Encode(encodeCoseSign1(header, encodeCbor(claims), ed25519Signer(createPrivateKey(privatePem))));
}

function goodClaims(): Map<number, unknown> {
  return new Map<number, unknown>([
    [Claim.issuer, 'test'],
    [Claim.subject, randomBytes(16)],
    [Claim.name, 'Võ Thị Sáu'],
    [Claim.declaredAt, NOW / 1000 - 60],
    [Claim.result, 0],
    [Claim.expiresAt, NOW / 1000 + 3600],
    [Claim.tokenId, randomBytes(8)],
  ]);
}

const without = (key: number) => {
  const m = goodClaims();
  m.delete(key);
  return m;
};
const withClaim = (key: number, value: unknown) => goodClaims().set(key, value);

const cases: { name: string; payload: () => string; expect: [GateDecision['outcome'], ReasonCode]; overrides?: Partial<DecisionContext> }[] = [
  { name: 'valid declaration', payload: () => validToken({ now: NOW }), expect: ['admit', ReasonCode.DeclarationValid] },
  { name: 'lower-case prefix still recognised', payload: () => 'kbyt1:' + validToken({ now: NOW }).slice(6), expect: ['admit', ReasonCode.DeclarationValid] },
  { name: 'empty scan', payload: () => '', expect: ['deny', ReasonCode.PayloadEmpty] },
  { name: 'whitespace only', payload: () => ' \t ', expect: ['deny', ReasonCode.PayloadEmpty] },
  { name: '1 MB payload', payload: () => 'A'.repeat(1_000_000), expect: ['deny', ReasonCode.PayloadTooLarge] },
  { name: 'control characters', payload: () => 'KBYT1:\u0001\u0002', expect: ['deny', ReasonCode.PayloadUnreadable] },
  { name: 'replacement character', payload: () => 'abc\ufffddef', expect: ['deny', ReasonCode.PayloadUnreadable] },
  { name: 'lone surrogate', payload: () => 'abc\ud800def', expect: ['deny', ReasonCode.PayloadUnreadable] },
  { name: 'a URL', payload: () => 'https://example.vn/checkin?id=1', expect: ['deny', ReasonCode.UnsupportedUrl] },
  { name: 'a product barcode', payload: () => '8934563138165', expect: ['deny', ReasonCode.UnsupportedBarcode] },
  { name: 'plain text', payload: () => 'xin chào', expect: ['deny', ReasonCode.UnsupportedText] },
  { name: 'a SMART Health Card', payload: () => 'shc:/5676290952432060346029243740446031222959532654603460292540772804336028702864716745222809286133314564376531415906402203064504590856435503414245413640370636654171372412363803043756220467374075323239254334433260573601064529047', expect: ['deny', ReasonCode.UnsupportedSmartHealthCard] },
  { name: 'staff-only checkpoint refuses visitors', payload: () => validToken({ now: NOW }), expect: ['deny', ReasonCode.StaffOnlyCheckpoint], overrides: { policy: { ...DEFAULT_POLICY, visitors: 'staff-only' } } },
  { name: 'medical check admitted where the policy allows it', payload: () => validToken({ now: NOW, result: 'medical-check' }), expect: ['admit', ReasonCode.DeclarationValid], overrides: { policy: { ...DEFAULT_POLICY, admittingDeclarationResults: ['clear', 'medical-check'] } } },
  { name: 'kind not accepted', payload: () => validToken({ now: NOW }), expect: ['deny', ReasonCode.CredentialKindNotAccepted], overrides: { policy: { ...DEFAULT_POLICY, acceptedKinds: ['eu-dcc'] } } },
  { name: 'bad base45', payload: () => 'KBYT1:abc', expect: ['deny', ReasonCode.TokenMalformed] },
  { name: 'base45 of non-CBOR', payload: () => 'KBYT1:' + base45Encode(new Uint8Array([0xff, 0xff, 0xff])), expect: ['deny', ReasonCode.TokenMalformed] },
  { name: 'CBOR but not COSE', payload: () => 'KBYT1:' + base45Encode(encodeCbor([1, 2, 3])), expect: ['deny', ReasonCode.TokenMalformed] },
  { name: 'wrong algorithm', payload: () => craft(goodClaims(), new Map<number, unknown>([[CoseHeader.alg, CoseAlg.ES256], [CoseHeader.kid, keyIdOf(createPublicKey(privatePem))]])), expect: ['deny', ReasonCode.TokenMalformed] },
  { name: 'no key id', payload: () => craft(goodClaims(), new Map<number, unknown>([[CoseHeader.alg, CoseAlg.EdDSA]])), expect: ['deny', ReasonCode.TokenMalformed] },
  { name: 'missing name', payload: () => craft(without(Claim.name)), expect: ['deny', ReasonCode.TokenMalformed] },
  { name: 'name too long', payload: () => craft(withClaim(Claim.name, 'x'.repeat(101))), expect: ['deny', ReasonCode.TokenMalformed] },
  { name: 'missing subject', payload: () => craft(without(Claim.subject)), expect: ['deny', ReasonCode.TokenMalformed] },
  { name: 'unknown result code', payload: () => craft(withClaim(Claim.result, 7)), expect: ['deny', ReasonCode.TokenMalformed] },
  { name: 'expiry before declaration', payload: () => craft(withClaim(Claim.expiresAt, NOW / 1000 - 120)), expect: ['deny', ReasonCode.TokenMalformed] },
  { name: 'claims not a map', payload: () => DECLARATION_TOKEN_PREFIX + base45Encode(encodeCoseSign1(new Map<number, unknown>([[1, -8], [4, keyIdOf(createPublicKey(privatePem))]]), encodeCbor('hi'), ed25519Signer(createPrivateKey(privatePem)))), expect: ['deny', ReasonCode.TokenMalformed] },
  { name: 'unknown issuer', payload: () => strangerToken(), expect: ['deny', ReasonCode.TokenUnknownIssuer] },
  { name: 'tampered claims', payload: () => tamperedToken(validToken({ now: NOW, name: 'Phạm Văn Giả' })), expect: ['deny', ReasonCode.TokenSignatureInvalid] },
  { name: 'expired', payload: () => expiredToken({ now: NOW }), expect: ['deny', ReasonCode.TokenExpired] },
  { name: 'not yet valid', payload: () => issueDeclaration({ privateKeyPem: privatePem, name: 'Tương Lai', declaredAt: NOW + 2 * HOUR }), expect: ['deny', ReasonCode.TokenNotYetValid] },
  { name: 'older than the checkpoint allows', payload: () => issueDeclaration({ privateKeyPem: privatePem, name: 'Cũ', declaredAt: NOW - 30 * HOUR, validHours: 72 }), expect: ['deny', ReasonCode.DeclarationTooOld] },
  { name: 'needs medical check', payload: () => validToken({ now: NOW, result: 'medical-check' }), expect: ['review', ReasonCode.DeclarationNeedsMedicalCheck] },
  { name: 'must isolate', payload: () => validToken({ now: NOW, result: 'isolate' }), expect: ['deny', ReasonCode.DeclarationMustIsolate] },
];

for (const c of cases) {
  test(`decide: ${c.name} → ${c.expect[0]} ${c.expect[1]}`, () => {
    const decision = run(c.payload(), c.overrides);
    assert.equal(decision.outcome, c.expect[0]);
    assert.equal(decision.reasons[0], c.expect[1]);
    assert.equal(decision.decidedAt, NOW);
    assert.equal(decision.direction, 'in');
  });
}

test('a valid token shows the signed display name and carries the token id and a keyed subject key', () => {
  const subjectRef = Buffer.alloc(16, 9);
  const decision = run(validToken({ now: NOW, name: 'Nguyễn Thị Minh Khai', subjectRef }));
  assert.equal(decision.person.displayName, 'Nguyễn Thị Minh Khai');
  assert.equal(decision.person.subjectKey, testCrypto.subjectKey(subjectRef.toString('hex')));
  assert.ok(!JSON.stringify(decision).includes(subjectRef.toString('hex')), 'the issuer reference itself never leaves core');
  assert.match(decision.credential.id ?? '', /^[0-9a-f]{16}$/);
});

test('a forged token never shows the (untrusted) name it carries', () => {
  assert.equal(run(tamperedToken(validToken({ now: NOW, name: 'Phạm Văn Giả' }))).person.displayName, '');
  assert.equal(run(strangerToken()).person.displayName, '');
});

test('not-before within the clock skew is accepted, beyond it refused', () => {
  const soon = issueDeclaration({ privateKeyPem: privatePem, name: 'Sớm', declaredAt: NOW + 4 * 60_000 });
  assert.equal(run(soon).outcome, 'admit');
  assert.equal(run(soon, { policy: { ...DEFAULT_POLICY, clockSkewMs: 0 } }).reasons[0], ReasonCode.TokenNotYetValid);
});

test('an unsynchronised clock is always reported and, by policy, turns admit into review', () => {
  const token = validToken({ now: NOW });
  const warned = run(token, { clockSynchronised: false });
  assert.deepEqual([warned.outcome, warned.reasons], ['admit', [ReasonCode.DeclarationValid, ReasonCode.ClockNotSynchronised]]);
  const reviewed = run(token, { clockSynchronised: false, policy: { ...DEFAULT_POLICY, onClockNotSynchronised: 'review' } });
  assert.equal(reviewed.outcome, 'review');
  assert.equal(run('garbage', { clockSynchronised: false }).outcome, 'deny');
});

test('a bug below decide becomes INTERNAL_ERROR / review, never an exception', () => {
  const exploding: CryptoPort = {
    ...testCrypto,
    verify: () => {
      throw new Error('boom');
    },
  };
  const decision = run(validToken({ now: NOW }), { crypto: exploding });
  assert.deepEqual([decision.outcome, decision.reasons[0]], ['review', ReasonCode.InternalError]);
  assert.equal(run(undefined as unknown as string).reasons[0], ReasonCode.PayloadUnreadable);
});

test('direction is carried through to the decision', () => {
  assert.equal(run(validToken({ now: NOW }), { direction: 'out' }).direction, 'out');
});
