/**
 * Staff badges (NVB1:) through decide(): every token-level and department / declaration reason, the checkpoint rules
 * that apply to badges (staff-only, accepted kinds, revocation), and that badges and declaration tokens — which share
 * one signing scheme — can never pass for each other.
 */
import assert from 'node:assert/strict';
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { test } from 'vitest';
import {
  base45Decode,
  base45Encode,
  BadgeClaim,
  decide,
  DEFAULT_POLICY,
  encodeCbor,
  encodeCoseSign1,
  HOUR_MS,
  ReasonCode,
  STAFF_BADGE_PREFIX,
  type DecisionContext,
  type DeclarationSet,
  type GateDecision,
  type KnownDeclaration,
} from '../../../core/index.js';
import { ed25519Signer, keyIdOf } from '../../../main/crypto/node-crypto-port.js';
import { testContext, testCrypto } from '../../support/decision-context.js';
import { staffBadge, testIssuerPrivateKey, validToken } from '../../support/tokens.js';

const NOW = Date.parse('2021-10-05T01:00:00Z');
const DAY = 24 * HOUR_MS;
const ID = '001099012345';
const REF = testCrypto.identityRef(ID);
const HOLDER = Buffer.from(REF, 'hex');

const policy = (changes: Partial<typeof DEFAULT_POLICY>) => ({ policy: { ...DEFAULT_POLICY, ...changes } });
const onFile = (d: KnownDeclaration): { declarations: DeclarationSet } => ({ declarations: { lookup: (ref) => (ref === REF ? d : undefined) } });
const fresh: KnownDeclaration = { declaredAt: NOW - HOUR_MS, expiresAt: NOW + 23 * HOUR_MS, result: 'clear' };

function run(payload: string, overrides: Partial<DecisionContext> = {}): GateDecision {
  return decide({ source: 'wedge', payload, wallTime: NOW, monoTime: 1 }, testContext(NOW, overrides));
}

/** A badge signed by the test key with arbitrary claims, to reach each malformed branch. */
function craft(edit: (claims: Map<number, unknown>) => void): string {
  const claims = new Map<number, unknown>([
    [BadgeClaim.issuer, 'test'],
    [BadgeClaim.subject, randomBytes(16)],
    [BadgeClaim.name, 'Phan Văn Trị'],
    [BadgeClaim.department, 'ke-toan'],
    [BadgeClaim.validFrom, NOW / 1000 - 60],
    [BadgeClaim.validUntil, NOW / 1000 + 3600],
    [BadgeClaim.badgeId, randomBytes(8)],
  ]);
  edit(claims);
  const key = createPrivateKey(testIssuerPrivateKey());
  const header = new Map<number, unknown>([[1, -8], [4, keyIdOf(createPublicKey(key))]]);
  return STAFF_BADGE_PREFIX + base45Encode(encodeCoseSign1(header, encodeCbor(claims), ed25519Signer(key)));
}

function tampered(badge: string): string {
  const bytes = base45Decode(badge.slice(STAFF_BADGE_PREFIX.length));
  const at = Buffer.from(bytes).indexOf(Buffer.from('ke-toan'));
  bytes[at] = bytes[at]! ^ 0x01;
  return STAFF_BADGE_PREFIX + base45Encode(bytes);
}

const stranger = () => generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();

const cases: { name: string; payload: () => string; overrides?: Partial<DecisionContext>; expect: [GateDecision['outcome'], ReasonCode]; kind?: GateDecision['credential']['kind'] }[] = [
  { name: 'valid badge', payload: () => staffBadge({ now: NOW }), expect: ['admit', ReasonCode.StaffBadgeValid] },
  { name: 'lower-case prefix', payload: () => 'nvb1:' + staffBadge({ now: NOW }).slice(5), expect: ['admit', ReasonCode.StaffBadgeValid] },
  { name: 'valid badge at a staff-only checkpoint', payload: () => staffBadge({ now: NOW }), overrides: policy({ visitors: 'staff-only' }), expect: ['admit', ReasonCode.StaffBadgeValid] },
  { name: 'badge of this department', payload: () => staffBadge({ now: NOW, department: 'ke-toan' }), overrides: policy({ department: 'ke-toan' }), expect: ['admit', ReasonCode.StaffBadgeValid] },
  { name: 'badge of another department', payload: () => staffBadge({ now: NOW, department: 'ke-toan' }), overrides: policy({ department: 'phong-may' }), expect: ['deny', ReasonCode.StaffWrongDepartment] },
  { name: 'staff must declare, nothing on file', payload: () => staffBadge({ now: NOW, subjectRef: HOLDER }), overrides: policy({ staffNeedDeclaration: true }), expect: ['deny', ReasonCode.StaffNeedsDeclaration] },
  { name: 'staff must declare, declaration on file', payload: () => staffBadge({ now: NOW, subjectRef: HOLDER }), overrides: { ...policy({ staffNeedDeclaration: true }), ...onFile(fresh) }, expect: ['admit', ReasonCode.StaffBadgeValid] },
  {
    name: 'staff must declare, declaration expired',
    payload: () => staffBadge({ now: NOW, subjectRef: HOLDER }),
    overrides: { ...policy({ staffNeedDeclaration: true }), ...onFile({ declaredAt: NOW - 2 * DAY, expiresAt: NOW - DAY, result: 'clear' }) },
    expect: ['deny', ReasonCode.StaffNeedsDeclaration],
  },
  {
    name: 'staff must declare, declaration older than allowed',
    payload: () => staffBadge({ now: NOW, subjectRef: HOLDER }),
    overrides: { ...policy({ staffNeedDeclaration: true }), ...onFile({ declaredAt: NOW - 2 * DAY, expiresAt: NOW + DAY, result: 'clear' }) },
    expect: ['deny', ReasonCode.StaffNeedsDeclaration],
  },
  {
    name: 'staff must declare, declaration says isolate',
    payload: () => staffBadge({ now: NOW, subjectRef: HOLDER }),
    overrides: { ...policy({ staffNeedDeclaration: true }), ...onFile({ ...fresh, result: 'isolate' }) },
    expect: ['deny', ReasonCode.DeclarationMustIsolate],
  },
  {
    name: 'staff must declare, declaration says medical check',
    payload: () => staffBadge({ now: NOW, subjectRef: HOLDER }),
    overrides: { ...policy({ staffNeedDeclaration: true }), ...onFile({ ...fresh, result: 'medical-check' }) },
    expect: ['review', ReasonCode.DeclarationNeedsMedicalCheck],
  },
  { name: 'department checked before the declaration', payload: () => staffBadge({ now: NOW, department: 'a' }), overrides: policy({ department: 'b', staffNeedDeclaration: true }), expect: ['deny', ReasonCode.StaffWrongDepartment] },
  { name: 'badges not accepted here', payload: () => staffBadge({ now: NOW }), overrides: policy({ acceptedKinds: ['declaration'] }), expect: ['deny', ReasonCode.CredentialKindNotAccepted] },
  { name: 'bad base45', payload: () => 'NVB1:abc', expect: ['deny', ReasonCode.TokenMalformed] },
  { name: 'missing department', payload: () => craft((c) => c.delete(BadgeClaim.department)), expect: ['deny', ReasonCode.TokenMalformed] },
  { name: 'department not an id', payload: () => craft((c) => c.set(BadgeClaim.department, 'phòng kế toán')), expect: ['deny', ReasonCode.TokenMalformed] },
  { name: 'valid until before valid from', payload: () => craft((c) => c.set(BadgeClaim.validUntil, NOW / 1000 - 120)), expect: ['deny', ReasonCode.TokenMalformed] },
  { name: 'badge id too short', payload: () => craft((c) => c.set(BadgeClaim.badgeId, randomBytes(2))), expect: ['deny', ReasonCode.TokenMalformed] },
  { name: 'a declaration token relabelled as a badge', payload: () => STAFF_BADGE_PREFIX + validToken({ now: NOW }).slice(6), expect: ['deny', ReasonCode.TokenMalformed] },
  { name: 'a badge relabelled as a declaration token', payload: () => 'KBYT1:' + staffBadge({ now: NOW }).slice(5), expect: ['deny', ReasonCode.TokenMalformed], kind: 'declaration' },
  { name: 'unknown issuer', payload: () => staffBadge({ now: NOW, privateKeyPem: stranger() }), expect: ['deny', ReasonCode.TokenUnknownIssuer] },
  { name: 'tampered claims', payload: () => tampered(staffBadge({ now: NOW, department: 'ke-toan' })), expect: ['deny', ReasonCode.TokenSignatureInvalid] },
  { name: 'not valid yet', payload: () => staffBadge({ validFrom: NOW + HOUR_MS }), expect: ['deny', ReasonCode.TokenNotYetValid] },
  { name: 'expired', payload: () => staffBadge({ validFrom: NOW - 400 * DAY, validDays: 365 }), expect: ['deny', ReasonCode.TokenExpired] },
];

for (const c of cases) {
  test(`staff badge: ${c.name} → ${c.expect[0]} ${c.expect[1]}`, () => {
    const decision = run(c.payload(), c.overrides);
    assert.deepEqual([decision.outcome, decision.reasons[0]], c.expect);
    assert.equal(decision.credential.kind, c.kind ?? 'staff-badge');
  });
}

test('a valid badge shows the signed name, carries the badge id and the holder\'s keyed subject key', () => {
  const decision = run(staffBadge({ now: NOW, name: 'Trần Thị Bảo Vệ', subjectRef: HOLDER }));
  assert.equal(decision.person.displayName, 'Trần Thị Bảo Vệ');
  assert.equal(decision.person.subjectKey, testCrypto.subjectKey(REF), 'the same key a CCCD scan of the holder gets');
  assert.match(decision.credential.id ?? '', /^[0-9a-f]{16}$/);
  assert.ok(!JSON.stringify(decision).includes(REF));
});

test('a forged or foreign badge never shows its name; an expired one does (its signature verified)', () => {
  assert.equal(run(tampered(staffBadge({ now: NOW, name: 'Kẻ Giả', department: 'ke-toan' }))).person.displayName, '');
  assert.equal(run(staffBadge({ now: NOW, name: 'Người Lạ', privateKeyPem: stranger() })).person.displayName, '');
  assert.equal(run(staffBadge({ name: 'Hết Hạn', validFrom: NOW - 400 * DAY, validDays: 365 })).person.displayName, 'Hết Hạn');
});

test('a revoked badge is refused by its badge id', () => {
  const badge = staffBadge({ now: NOW });
  const id = run(badge).credential.id!;
  const decision = run(badge, { revocations: { isRevoked: (credentialId) => credentialId === id } });
  assert.deepEqual([decision.outcome, decision.reasons], ['deny', [ReasonCode.CredentialRevoked]]);
});

test('the not-before clock skew applies to badges as to declarations', () => {
  const soon = staffBadge({ validFrom: NOW + 4 * 60_000 });
  assert.equal(run(soon).outcome, 'admit');
  assert.equal(run(soon, policy({ clockSkewMs: 0 })).reasons[0], ReasonCode.TokenNotYetValid);
});
