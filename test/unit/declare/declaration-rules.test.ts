/**
 * The pure parts of the declaration page: ID number, phone and year checks per document kind, the result rules (the
 * strictest "yes" wins), and the proof of work (zero-bit count, difficulty rising with load, one use per challenge).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { it } from 'node:test';
import { fieldMessages, parseDeclarationForm, resultOf } from '../../../hub/declare/declaration-form.js';
import { declarationPageSchema } from '../../../hub/declare/declaration-page-config.js';
import { leadingZeroBits, ProofOfWork } from '../../../hub/declare/proof-of-work.js';
import { WindowCounter } from '../../../hub/declare/rate-limits.js';
import { solveChallenge } from '../../support/declaration-client.js';

const FORM = { fullName: 'Phạm  Thu   Hà', birthYear: '1975', idKind: 'cccd', idNumber: '0011 7500 1234', phone: '+84 912 345 678', symptoms: 'no', contact: 'no', travel: 'no' };
const fields = (body: Record<string, unknown>) => {
  const parsed = parseDeclarationForm(body, 2021);
  return parsed.ok ? [] : parsed.problems.map((p) => p.field);
};

it('accepts well-formed CCCD, CMND and passport numbers and normalises the fields', () => {
  const parsed = parseDeclarationForm(FORM, 2021);
  assert.ok(parsed.ok);
  assert.deepEqual([parsed.form.fullName, parsed.form.idNumber, parsed.form.phone, parsed.form.birthYear], ['Phạm Thu Hà', '001175001234', '+84912345678', 1975]);
  for (const [idKind, idNumber] of [['cmnd', '123456789'], ['cmnd', '123456789012'], ['passport', 'B1234567'], ['passport', 'AB1234567'], ['passport', 'n12345678']]) {
    assert.deepEqual(fields({ ...FORM, idKind, idNumber }), [], `${idKind} ${idNumber}`);
  }
});

it('names each bad field', () => {
  assert.deepEqual(fields({ ...FORM, idNumber: '12345678901' }), ['idNumber'], 'CCCD needs 12 digits');
  assert.deepEqual(fields({ ...FORM, idKind: 'cmnd', idNumber: '1234567890' }), ['idNumber'], 'CMND is 9 or 12');
  assert.deepEqual(fields({ ...FORM, idKind: 'passport', idNumber: '1234567' }), ['idNumber']);
  assert.deepEqual(fields({ ...FORM, idKind: 'visa' }), ['idKind']);
  assert.deepEqual(fields({ ...FORM, phone: '0212345678' }), ['phone'], 'landline prefix');
  assert.deepEqual(fields({ ...FORM, birthYear: '2022' }), ['birthYear']);
  assert.deepEqual(fields({ ...FORM, fullName: 'A1' }), ['fullName']);
  assert.deepEqual(fields({ ...FORM, symptoms: undefined }), ['symptoms']);
});

it('names the question in each unanswered-question problem (three different texts, not one "Answer Yes or No" thrice)', () => {
  const parsed = parseDeclarationForm({ ...FORM, symptoms: undefined, contact: '', travel: 'maybe' }, 2021);
  assert.ok(!parsed.ok);
  assert.deepEqual(parsed.problems.map((p) => p.field), ['symptoms', 'contact', 'travel']);
  assert.deepEqual(parsed.problems.map((p) => p.vi.split(':')[0]), ['Câu 1 (sốt, ho, khó thở…)', 'Câu 2 (tiếp xúc ca bệnh)', 'Câu 3 (đi qua vùng có dịch)']);
  assert.ok(parsed.problems.every((p) => /chọn Có hoặc Không/.test(p.vi) && /choose Yes or No/.test(p.en)));
  assert.deepEqual(parsed.problems, (['symptoms', 'contact', 'travel'] as const).map((field) => ({ field, ...fieldMessages(2021)[field] })), 'the words the page shows beside the field');
});

it('maps answers to the strictest configured result', () => {
  const rules = declarationPageSchema.parse({}).rules;
  assert.equal(resultOf({ symptoms: false, contact: false, travel: false }, rules), 'clear');
  assert.equal(resultOf({ symptoms: true, contact: false, travel: true }, rules), 'medical-check');
  assert.equal(resultOf({ symptoms: true, contact: true, travel: false }, rules), 'isolate');
  assert.equal(resultOf({ symptoms: false, contact: false, travel: true }, { ...rules, travel: 'clear' }), 'clear');
});

it('proof of work: counts zero bits, raises the difficulty under load, accepts a challenge once', () => {
  assert.equal(leadingZeroBits(Buffer.from([0, 0, 0x10, 0xff])), 19);
  assert.equal(leadingZeroBits(Buffer.from([0x80])), 0);
  const pow = new ProofOfWork(Buffer.alloc(32, 7), { baseBits: 8, maxBits: 11, loadPerMinute: 10 });
  const now = 1_700_000_000_000;
  assert.equal(pow.difficulty(now), 8);
  for (let i = 0; i < 40; i++) pow.countIssued(now);
  assert.equal(pow.difficulty(now), 10, '4× the load → 2 more bits');
  for (let i = 0; i < 400; i++) pow.countIssued(now);
  assert.equal(pow.difficulty(now), 11, 'capped at maxBits');
  assert.equal(pow.difficulty(now + 61_000), 8, 'the load of the last minute only');
  const { challenge, bits } = pow.issue(now + 61_000);
  const nonce = solveChallenge(challenge, bits);
  assert.ok(leadingZeroBits(createHash('sha256').update(`${challenge}:${nonce}`).digest()) >= bits);
  const wrong = [...Array(50).keys()].map(String).find((n) => leadingZeroBits(createHash('sha256').update(`${challenge}:${n}`).digest()) < bits)!;
  assert.deepEqual(pow.check(challenge, wrong, now + 62_000), { ok: false, why: 'unsolved' });
  assert.deepEqual(pow.check(challenge, nonce, now + 62_000), { ok: true });
  assert.deepEqual(pow.check(challenge, nonce, now + 62_000), { ok: false, why: 'reused' });
  assert.deepEqual(pow.check(challenge, nonce, now + 61_000 + 6 * 60_000), { ok: false, why: 'expired' });
});

it('rate limits: a fixed window per key, with the seconds to wait', () => {
  const limiter = new WindowCounter(2, 60_000);
  assert.deepEqual([limiter.take('ip', 0), limiter.take('ip', 1), limiter.take('ip', 2), limiter.take('other', 2)], [true, true, false, true]);
  assert.equal(limiter.retryAfterSeconds('ip', 30_000), 30);
  assert.equal(limiter.take('ip', 60_000), true, 'a new window');
});
