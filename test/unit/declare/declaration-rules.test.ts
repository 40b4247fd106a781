/**
 * The pure parts of the declaration page: ID number, phone and year checks per document kind, the result rules (the
 * strictest "yes" wins), and the proof of work (zero-bit count, difficulty rising with load, one use per challenge).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { it } from 'vitest';
import { fieldMessages, parseDeclarationForm, resultOf } from '../../../hub/declare/declaration-form.js';
import { declarationPageSchema } from '../../../hub/declare/declaration-page-config.js';
import { leadingZeroBits, ProofOfWork } from '../../../hub/declare/proof-of-work.js';
import { WindowCounter } from '../../../hub/declare/rate-limits.js';
import { join } from 'node:path';
import { SqliteHubStore } from '../../../hub/storage/sqlite/sqlite-hub-store.js';
import { solveChallenge } from '../../support/declaration-client.js';
import { tempDir } from '../../support/paths.js';

/** A real (SQLite) store: the counters and spent challenges live there, shared by hub replicas. */
async function storeForRules(): Promise<SqliteHubStore> {
  const store = new SqliteHubStore(join(tempDir('declare-rules-'), 'hub.sqlite'));
  await store.migrate();
  return store;
}

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

it('proof of work: counts zero bits, raises the difficulty under load, accepts a challenge once', async () => {
  assert.equal(leadingZeroBits(Buffer.from([0, 0, 0x10, 0xff])), 19);
  assert.equal(leadingZeroBits(Buffer.from([0x80])), 0);
  const store = await storeForRules();
  const settings = { baseBits: 8, maxBits: 11, loadPerMinute: 10 };
  const replica = () => new ProofOfWork(Buffer.alloc(32, 7), settings, store.coordination, (c, expiresAt) => store.terminals.rememberNonce('proof-of-work', c, expiresAt));
  const pow = replica();
  const now = 1_700_000_000_000;
  assert.equal(await pow.difficulty(now), 8);
  for (let i = 0; i < 40; i++) await pow.countIssued(now);
  assert.equal(await pow.difficulty(now), 10, '4× the load → 2 more bits');
  for (let i = 0; i < 400; i++) await replica().countIssued(now);
  assert.equal(await pow.difficulty(now), 11, 'capped at maxBits (the load counted by another replica counts too)');
  assert.equal(await pow.difficulty(now + 61_000), 8, 'the load of the current minute only');
  const { challenge, bits } = await pow.issue(now + 61_000);
  const nonce = solveChallenge(challenge, bits);
  assert.ok(leadingZeroBits(createHash('sha256').update(`${challenge}:${nonce}`).digest()) >= bits);
  const wrong = [...Array(50).keys()].map(String).find((n) => leadingZeroBits(createHash('sha256').update(`${challenge}:${n}`).digest()) < bits)!;
  assert.deepEqual(await pow.check(challenge, wrong, now + 62_000), { ok: false, why: 'unsolved' });
  assert.deepEqual(await pow.check(challenge, nonce, now + 62_000), { ok: true });
  assert.deepEqual(await pow.check(challenge, nonce, now + 62_000), { ok: false, why: 'reused' });
  assert.deepEqual(await replica().check(challenge, nonce, now + 62_000), { ok: false, why: 'reused' }, 'spent on any replica');
  assert.deepEqual(await pow.check(challenge, nonce, now + 61_000 + 6 * 60_000), { ok: false, why: 'expired' });
  await store.close();
});

it('rate limits: a fixed window per key (aligned, shared through the store), with the seconds to wait', async () => {
  const store = await storeForRules();
  const limiter = new WindowCounter(store.coordination, 'test', 2, 60_000);
  const ok = async (key: string, at: number) => (await limiter.take(key, at)).ok;
  assert.deepEqual([await ok('ip', 0), await ok('ip', 1), await ok('ip', 2), await ok('other', 2)], [true, true, false, true]);
  assert.deepEqual(await new WindowCounter(store.coordination, 'test', 2, 60_000).take('ip', 30_000), { ok: false, retryAfterSeconds: 30 }, 'another replica sees the same count');
  assert.equal(await ok('ip', 60_000), true, 'a new window');
  await store.close();
});
