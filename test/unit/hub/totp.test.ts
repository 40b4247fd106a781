/**
 * TOTP (hub/admin-web/totp.ts) against the published test vectors: RFC 6238 Appendix B (8 digits, SHA-1 / SHA-256 /
 * SHA-512 with the RFC's seeds), RFC 4226 Appendix D (HOTP, counters 0–9) and RFC 4648 § 10 (base32); and the
 * acceptance window of one step either side, nothing wider, malformed codes refused without a throw.
 */
import assert from 'node:assert/strict';
import { it } from 'vitest';
import { recoveryCodeHash, newRecoveryCode } from '../../../hub/admin-web/second-factor.js';
import { base32Decode, base32Encode, hotp, matchingTotpStep, otpauthUri, totp, totpStep, type TotpAlgorithm } from '../../../hub/admin-web/totp.js';

const SEEDS: Record<TotpAlgorithm, Buffer> = {
  sha1: Buffer.from('12345678901234567890', 'ascii'),
  sha256: Buffer.from('12345678901234567890123456789012', 'ascii'),
  sha512: Buffer.from('1234567890123456789012345678901234567890123456789012345678901234', 'ascii'),
};

/** RFC 6238 Appendix B: [Unix time in seconds, SHA-1, SHA-256, SHA-512]. */
const RFC6238: readonly [number, string, string, string][] = [
  [59, '94287082', '46119246', '90693936'],
  [1111111109, '07081804', '68084774', '25091201'],
  [1111111111, '14050471', '67062674', '99943326'],
  [1234567890, '89005924', '91819424', '93441116'],
  [2000000000, '69279037', '90698825', '38618901'],
  [20000000000, '65353130', '77737706', '47863826'],
];

it('matches every RFC 6238 test vector (T0 = 0, X = 30 s, 8 digits)', () => {
  for (const [seconds, sha1, sha256, sha512] of RFC6238) {
    const expected: Record<TotpAlgorithm, string> = { sha1, sha256, sha512 };
    for (const algorithm of ['sha1', 'sha256', 'sha512'] as const) {
      assert.equal(totp(SEEDS[algorithm], seconds * 1000, { digits: 8, algorithm }), expected[algorithm], `${algorithm} at ${seconds}`);
    }
  }
});

it('matches the RFC 4226 HOTP vectors (counters 0–9, 6 digits)', () => {
  const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
  assert.deepEqual(expected.map((_, counter) => hotp(SEEDS.sha1, counter)), expected);
});

it('base32 round-trips the RFC 4648 vectors, accepts lower case, spaces and padding, refuses other characters', () => {
  const vectors: [string, string][] = [['', ''], ['f', 'MY'], ['fo', 'MZXQ'], ['foo', 'MZXW6'], ['foob', 'MZXW6YQ'], ['fooba', 'MZXW6YTB'], ['foobar', 'MZXW6YTBOI']];
  for (const [plain, encoded] of vectors) {
    assert.equal(base32Encode(Buffer.from(plain)), encoded);
    assert.equal(base32Decode(encoded).toString(), plain);
  }
  assert.equal(base32Decode('mzxw 6ytb oi======').toString(), 'foobar');
  assert.throws(() => base32Decode('MZXW1'), /not base32/);
});

it('accepts the code of the current step and one step either side, nothing further; malformed codes are no match', () => {
  const at = 1_700_000_015_000;
  const step = totpStep(at);
  const code = (s: number) => hotp(SEEDS.sha1, s);
  assert.equal(matchingTotpStep(SEEDS.sha1, code(step), at), step);
  assert.equal(matchingTotpStep(SEEDS.sha1, code(step - 1), at), step - 1);
  assert.equal(matchingTotpStep(SEEDS.sha1, code(step + 1), at), step + 1);
  assert.equal(matchingTotpStep(SEEDS.sha1, code(step - 2), at), undefined);
  assert.equal(matchingTotpStep(SEEDS.sha1, code(step + 2), at), undefined);
  assert.equal(matchingTotpStep(SEEDS.sha1, `${code(step).slice(0, 3)} ${code(step).slice(3)}`, at), step, 'a space typed in the middle is ignored');
  for (const bad of ['', '12345', '1234567', 'abcdef', '12345x', '１２３４５６']) assert.equal(matchingTotpStep(SEEDS.sha1, bad, at), undefined, bad);
});

it('the otpauth URI carries the secret, issuer and parameters authenticator apps expect', () => {
  const uri = otpauthUri('Gate Hub', 'cdc.hanoi', 'JBSWY3DPEHPK3PXP');
  assert.equal(uri, 'otpauth://totp/Gate%20Hub:cdc.hanoi?secret=JBSWY3DPEHPK3PXP&issuer=Gate%20Hub&algorithm=SHA1&digits=6&period=30');
});

it('recovery codes: 80 random bits shown as XXXX-XXXX-XXXX-XXXX; typed with or without dashes or case, the same hash', () => {
  const codes = Array.from({ length: 50 }, newRecoveryCode);
  for (const c of codes) assert.match(c, /^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/);
  assert.equal(new Set(codes).size, codes.length);
  const code = codes[0]!;
  assert.equal(recoveryCodeHash(code.toLowerCase().replace(/-/g, ' ')), recoveryCodeHash(code));
  assert.notEqual(recoveryCodeHash(codes[1]!), recoveryCodeHash(code));
  assert.match(recoveryCodeHash(code), /^[0-9a-f]{64}$/);
});
