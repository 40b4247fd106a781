/**
 * CCCD and PC-Covid / VNeID QR codes through decide(): every reason an identity QR can end in, the repairs of scanner
 * damage, the old-CMND fallback, and privacy (no ID number in the decision) and cross-credential subject keys.
 */
import assert from 'node:assert/strict';
import { test } from 'vitest';
import {
  decide,
  DEFAULT_POLICY,
  HOUR_MS,
  ReasonCode,
  type DecisionContext,
  type DeclarationResult,
  type DeclarationSet,
  type GateDecision,
  type KnownDeclaration,
  type PassageView,
} from '../../../core/index.js';
import { testContext, testCrypto } from '../../support/decision-context.js';
import { validToken } from '../../support/tokens.js';

const NOW = Date.parse('2021-10-05T01:00:00Z');
const ID = '001099012345';
const OLD_ID = '012345678';
const NAME = 'Nguyễn Văn An';
const ADDRESS = 'Số 1 Phố Huế, Hai Bà Trưng, Hà Nội';
const CCCD = `${ID}|${OLD_ID}|${NAME}|15081999|Nam|${ADDRESS}|01052021`;
const PC_COVID = `${ID}|NGUYEN VAN AN|1999-08-15|0|162979388586171100|<1<<<`;

const declared = (result: DeclarationResult = 'clear', ageHours = 2, validHours = 24): KnownDeclaration => ({
  declaredAt: NOW - ageHours * HOUR_MS,
  expiresAt: NOW - ageHours * HOUR_MS + validHours * HOUR_MS,
  result,
});

/** A declaration set keyed by the ID numbers given, hashed as the terminal would hash them. */
function onFile(entries: Record<string, KnownDeclaration>): DeclarationSet {
  const byRef = new Map(Object.entries(entries).map(([id, d]) => [testCrypto.identityRef(id), d]));
  return { lookup: (ref) => byRef.get(ref) };
}

function run(payload: string, overrides: Partial<DecisionContext> = {}): GateDecision {
  return decide({ source: 'wedge', payload, wallTime: NOW, monoTime: 1 }, testContext(NOW, overrides));
}

const mojibake = (text: string) => Buffer.from(text, 'utf8').toString('latin1');
const cp1252 = (text: string) => new TextDecoder('windows-1252').decode(Buffer.from(text, 'utf8'));

type Case = { name: string; payload: string; expect: [GateDecision['outcome'], ReasonCode, GateDecision['credential']['kind']]; overrides?: Partial<DecisionContext> };

const cases: Case[] = [
  { name: 'CCCD, clear declaration on file', payload: CCCD, overrides: { declarations: onFile({ [ID]: declared() }) }, expect: ['admit', ReasonCode.DeclarationOnFile, 'cccd'] },
  { name: 'CCCD, declared with the old CMND number', payload: CCCD, overrides: { declarations: onFile({ [OLD_ID]: declared() }) }, expect: ['admit', ReasonCode.DeclarationOnFile, 'cccd'] },
  { name: 'CCCD without old number', payload: CCCD.replace(`|${OLD_ID}|`, '||'), overrides: { declarations: onFile({ [ID]: declared() }) }, expect: ['admit', ReasonCode.DeclarationOnFile, 'cccd'] },
  { name: 'CCCD, nothing on file', payload: CCCD, expect: ['deny', ReasonCode.DeclarationNotFound, 'cccd'] },
  { name: 'CCCD, someone else declared', payload: CCCD, overrides: { declarations: onFile({ '001099099999': declared() }) }, expect: ['deny', ReasonCode.DeclarationNotFound, 'cccd'] },
  { name: 'CCCD, declaration expired', payload: CCCD, overrides: { declarations: onFile({ [ID]: declared('clear', 30, 24) }) }, expect: ['deny', ReasonCode.DeclarationOnFileExpired, 'cccd'] },
  { name: 'CCCD, expires exactly now', payload: CCCD, overrides: { declarations: onFile({ [ID]: declared('clear', 24, 24) }) }, expect: ['deny', ReasonCode.DeclarationOnFileExpired, 'cccd'] },
  { name: 'CCCD, unexpired but older than the checkpoint allows', payload: CCCD, overrides: { declarations: onFile({ [ID]: declared('clear', 30, 72) }) }, expect: ['deny', ReasonCode.DeclarationOnFileExpired, 'cccd'] },
  { name: 'CCCD, must isolate', payload: CCCD, overrides: { declarations: onFile({ [ID]: declared('isolate') }) }, expect: ['deny', ReasonCode.DeclarationMustIsolate, 'cccd'] },
  { name: 'CCCD, needs a medical check', payload: CCCD, overrides: { declarations: onFile({ [ID]: declared('medical-check') }) }, expect: ['review', ReasonCode.DeclarationNeedsMedicalCheck, 'cccd'] },
  {
    name: 'CCCD, medical check admitted where the policy allows it',
    payload: CCCD,
    overrides: { declarations: onFile({ [ID]: declared('medical-check') }), policy: { ...DEFAULT_POLICY, admittingDeclarationResults: ['clear', 'medical-check'] } },
    expect: ['admit', ReasonCode.DeclarationOnFile, 'cccd'],
  },
  { name: 'CCCD, 8 fields', payload: CCCD + '|extra', expect: ['deny', ReasonCode.IdentityQrMalformed, 'cccd'] },
  { name: 'CCCD, 6 fields', payload: CCCD.slice(0, CCCD.lastIndexOf('|')), expect: ['deny', ReasonCode.IdentityQrMalformed, 'cccd'] },
  { name: 'CCCD, 31 February', payload: CCCD.replace('15081999', '31021999'), expect: ['deny', ReasonCode.IdentityQrMalformed, 'cccd'] },
  { name: 'CCCD, issued before birth', payload: CCCD.replace('01052021', '01051990'), expect: ['deny', ReasonCode.IdentityQrMalformed, 'cccd'] },
  { name: 'CCCD, old CMND of 8 digits', payload: CCCD.replace(OLD_ID, '01234567'), expect: ['deny', ReasonCode.IdentityQrMalformed, 'cccd'] },
  { name: 'CCCD, unknown sex', payload: CCCD.replace('|Nam|', '|X|'), expect: ['deny', ReasonCode.IdentityQrMalformed, 'cccd'] },
  { name: 'CCCD, empty name', payload: CCCD.replace(NAME, ' '), expect: ['deny', ReasonCode.IdentityQrMalformed, 'cccd'] },
  { name: 'CCCD, kind not accepted here', payload: CCCD, overrides: { policy: { ...DEFAULT_POLICY, acceptedKinds: ['declaration'] } }, expect: ['deny', ReasonCode.CredentialKindNotAccepted, 'cccd'] },
  { name: 'CCCD while the synced set is stale (review, never a silent decision)', payload: CCCD, overrides: { declarations: { ...onFile({ [ID]: declared() }), stale: true } }, expect: ['review', ReasonCode.DeclarationSetStale, 'cccd'] },
  { name: 'CCCD at a staff-only checkpoint', payload: CCCD, overrides: { declarations: onFile({ [ID]: declared() }), policy: { ...DEFAULT_POLICY, visitors: 'staff-only' } }, expect: ['deny', ReasonCode.StaffOnlyCheckpoint, 'cccd'] },
  { name: 'PC-Covid, clear declaration on file', payload: PC_COVID, overrides: { declarations: onFile({ [ID]: declared() }) }, expect: ['admit', ReasonCode.DeclarationOnFile, 'pc-covid'] },
  { name: 'PC-Covid with a CMND number', payload: PC_COVID.replace(ID, OLD_ID), overrides: { declarations: onFile({ [OLD_ID]: declared() }) }, expect: ['admit', ReasonCode.DeclarationOnFile, 'pc-covid'] },
  { name: 'PC-Covid with a passport number', payload: PC_COVID.replace(ID, 'C1234567'), overrides: { declarations: onFile({ C1234567: declared() }) }, expect: ['admit', ReasonCode.DeclarationOnFile, 'pc-covid'] },
  { name: 'PC-Covid, birth day and month hidden', payload: PC_COVID.replace('1999-08-15', '1999-**-**'), overrides: { declarations: onFile({ [ID]: declared() }) }, expect: ['admit', ReasonCode.DeclarationOnFile, 'pc-covid'] },
  { name: 'PC-Covid, nothing on file', payload: PC_COVID, expect: ['deny', ReasonCode.DeclarationNotFound, 'pc-covid'] },
  { name: 'PC-Covid, expired', payload: PC_COVID, overrides: { declarations: onFile({ [ID]: declared('clear', 48, 24) }) }, expect: ['deny', ReasonCode.DeclarationOnFileExpired, 'pc-covid'] },
  { name: 'PC-Covid, must isolate', payload: PC_COVID, overrides: { declarations: onFile({ [ID]: declared('isolate') }) }, expect: ['deny', ReasonCode.DeclarationMustIsolate, 'pc-covid'] },
  { name: 'PC-Covid, number hidden (the apps\' default)', payload: PC_COVID.replace(ID, '******012345'), overrides: { declarations: onFile({ [ID]: declared() }) }, expect: ['deny', ReasonCode.IdentityQrNumberHidden, 'pc-covid'] },
  { name: 'PC-Covid, 5 fields', payload: PC_COVID.slice(0, PC_COVID.lastIndexOf('|')), expect: ['deny', ReasonCode.IdentityQrMalformed, 'pc-covid'] },
  { name: 'PC-Covid, identity type 2', payload: PC_COVID.replace('|0|', '|2|'), expect: ['deny', ReasonCode.IdentityQrMalformed, 'pc-covid'] },
  { name: 'PC-Covid, 30 February', payload: PC_COVID.replace('1999-08-15', '1999-02-30'), expect: ['deny', ReasonCode.IdentityQrMalformed, 'pc-covid'] },
  { name: 'PC-Covid, 10-digit number', payload: PC_COVID.replace(ID, '0010990123'), expect: ['deny', ReasonCode.IdentityQrMalformed, 'pc-covid'] },
  { name: 'text with pipes is not an identity QR', payload: 'hello|world|again', expect: ['deny', ReasonCode.UnsupportedText, 'unknown'] },
  { name: 'C1 controls outside an identity QR are still garbage', payload: 'xin ch\u0080ao', expect: ['deny', ReasonCode.PayloadUnreadable, 'unknown'] },
];

for (const c of cases) {
  test(`identity QR: ${c.name} → ${c.expect[0]} ${c.expect[1]}`, () => {
    const decision = run(c.payload, c.overrides);
    assert.deepEqual([decision.outcome, decision.reasons[0], decision.credential.kind], c.expect);
  });
}

test('the decision names the person and carries their keyed subject key, never the ID numbers', () => {
  const decision = run(CCCD, { declarations: onFile({ [ID]: declared() }) });
  assert.equal(decision.person.displayName, NAME);
  assert.equal(decision.person.subjectKey, testCrypto.subjectKey(testCrypto.identityRef(ID)));
  const json = JSON.stringify(decision);
  for (const secret of [ID, OLD_ID, testCrypto.identityRef(ID), '15081999', 'Phố Huế']) assert.ok(!json.includes(secret), `${secret} leaked`);
  assert.equal(decision.credential.id, undefined);
});

test('a refused identity QR still names the person for the guard; a malformed one names nobody', () => {
  assert.equal(run(CCCD).person.displayName, NAME);
  assert.ok(run(CCCD).person.subjectKey, 'a refusal is recorded against the subject');
  assert.deepEqual(run(CCCD + '|x').person, { displayName: '' });
  const hidden = run(PC_COVID.replace(ID, '******012345'));
  assert.deepEqual(hidden.person, { displayName: 'NGUYEN VAN AN' }, 'a hidden number gives no subject key');
});

test('scanner damage is repaired: Latin-1 and Windows-1252 mojibake, decomposed text; dropped diacritics still look up', () => {
  const declarations = onFile({ [ID]: declared() });
  for (const [label, payload, shown] of [
    ['latin-1', mojibake(CCCD), NAME],
    ['windows-1252', cp1252(CCCD), NAME],
    ['NFD', CCCD.normalize('NFD'), NAME],
    ['ascii', `${ID}|${OLD_ID}|Nguyen Van An|15081999|Nam|So 1 Pho Hue, Ha Noi|01052021`, 'Nguyen Van An'],
    ['letters dropped, Nữ → N', `${ID}||Trn Th Thu|15081999|N|Hu|01052021`, 'Trn Th Thu'],
  ] as const) {
    const decision = run(payload, { declarations });
    assert.deepEqual([decision.outcome, decision.reasons[0], decision.person.displayName], ['admit', ReasonCode.DeclarationOnFile, shown], label);
  }
  assert.match(mojibake(CCCD), /[\u0080-\u009f]/, 'the Latin-1 sample really carries C1 controls');
  assert.equal(run(mojibake(CCCD.replace('|Nam|', '|Nữ|')), { declarations }).outcome, 'admit', 'sex "Nữ" recovered too');
});

test('the same person scanning a CCCD and a declaration token whose subject is their reference is one subject', () => {
  const ref = testCrypto.identityRef(ID);
  const token = run(validToken({ now: NOW, name: NAME, subjectRef: Buffer.from(ref, 'hex') }));
  const card = run(CCCD, { declarations: onFile({ [ID]: declared() }) });
  assert.equal(token.outcome, 'admit');
  assert.equal(card.person.subjectKey, token.person.subjectKey);
});

test('anti-passback spans credentials: in with a token, in again with the CCCD → review ALREADY_INSIDE', () => {
  const subjectKey = testCrypto.subjectKey(testCrypto.identityRef(ID));
  const passages: PassageView = { lastAdmitted: (key) => (key === subjectKey ? { direction: 'in', at: NOW - HOUR_MS, checkpointName: 'Cổng chính' } : undefined) };
  const decision = run(CCCD, { declarations: onFile({ [ID]: declared() }), passages });
  assert.deepEqual([decision.outcome, decision.reasons], ['review', [ReasonCode.AlreadyInside, ReasonCode.DeclarationOnFile]]);
});

test('a lookup reads the declaration set on every scan (a declaration loaded later counts at once)', () => {
  const entries = new Map<string, KnownDeclaration>();
  const declarations: DeclarationSet = { lookup: (ref) => entries.get(ref) };
  assert.equal(run(CCCD, { declarations }).reasons[0], ReasonCode.DeclarationNotFound);
  entries.set(testCrypto.identityRef(ID), declared());
  assert.equal(run(CCCD, { declarations }).reasons[0], ReasonCode.DeclarationOnFile);
});
