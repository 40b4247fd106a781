/** The DCC steps one by one: transport (prefix, base45, zlib), COSE/CWT, signature, key usage, validity period. */
import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import { test } from 'vitest';
import fc from 'fast-check';
import {
  checkDccKeyUsage,
  checkDccValidity,
  cborToJson,
  DCC_MAX_INFLATED_BYTES,
  dccKeyId,
  decodeDccBase45,
  decodeDccCbor,
  decodeDccCose,
  encodeCbor,
  hasZlibHeader,
  inflateDcc,
  readDccClaims,
  ReasonCode,
  trustStoreOf,
  unprefixDcc,
  unwrapDcc,
  verifyDccSignature,
  type DccStep,
} from '../../../core/index.js';
import { fixtureCase, testSigner } from '../../support/dcc.js';
import { testCrypto } from '../../support/decision-context.js';

function reasonOf<T>(step: DccStep<T>): ReasonCode | 'ok' {
  return step.ok ? 'ok' : step.reason;
}

test('the HC1: prefix is required (any letter case); other contexts are refused', () => {
  assert.deepEqual(unprefixDcc('HC1:ABC'), { ok: true, value: 'ABC' });
  assert.deepEqual(unprefixDcc('hc1:ABC'), { ok: true, value: 'ABC' });
  for (const bad of ['HC2:ABC', 'HL0:ABC', 'ABC', '']) assert.equal(reasonOf(unprefixDcc(bad)), ReasonCode.DccMalformed);
});

test('base45 errors are DCC_MALFORMED with the position', () => {
  assert.deepEqual(decodeDccBase45('BB8'), { ok: true, value: new TextEncoder().encode('AB') });
  const bad = decodeDccBase45('BB8ab~');
  assert.ok(!bad.ok && bad.reason === ReasonCode.DccMalformed && / at 3$/.test(bad.detail), JSON.stringify(bad));
});

test('only zlib data is inflated: a bare COSE structure is refused, as the conformance data requires', () => {
  const cose = Buffer.from(fixtureCase('common/CO3.json').raw.COSE as string, 'hex');
  assert.equal(hasZlibHeader(deflateSync(cose)), true);
  assert.equal(hasZlibHeader(cose), false);
  assert.deepEqual(inflateDcc(deflateSync(cose), testCrypto), { ok: true, value: new Uint8Array(cose) });
  assert.equal(reasonOf(inflateDcc(cose, testCrypto)), ReasonCode.DccMalformed);
  assert.equal(reasonOf(inflateDcc(new Uint8Array([0x78, 0x9c, 1, 2, 3]), testCrypto)), ReasonCode.DccMalformed);
});

test('a decompression bomb is refused at the cap, without inflating it', () => {
  const bomb = deflateSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 }); // 64 MiB of zeros in ~64 KiB
  // The inflater is asked to stop at the cap (zlib's maxOutputLength), so the 64 MiB are never produced.
  const caps: number[] = [];
  const counting = { ...testCrypto, inflate: (data: Uint8Array, max: number) => (caps.push(max), testCrypto.inflate(data, max)) };
  const step = inflateDcc(bomb, counting);
  assert.equal(reasonOf(step), ReasonCode.DccMalformed);
  assert.deepEqual(caps, [DCC_MAX_INFLATED_BYTES]);
  assert.ok(DCC_MAX_INFLATED_BYTES < 1024 * 1024, 'the cap is far below the bomb');
  // Right at the cap still inflates: the limit is on the output, not a guess from the input.
  assert.equal(reasonOf(inflateDcc(deflateSync(Buffer.alloc(DCC_MAX_INFLATED_BYTES)), testCrypto)), 'ok');
  assert.equal(reasonOf(inflateDcc(deflateSync(Buffer.alloc(DCC_MAX_INFLATED_BYTES + 1)), testCrypto)), ReasonCode.DccMalformed);
});

test('unwrapDcc runs the three transport steps and stops at the first failure', () => {
  const c = fixtureCase('AT/1.json');
  const cose = unwrapDcc(c.prefix, testCrypto);
  assert.ok(cose.ok);
  assert.deepEqual(Buffer.from(cose.value).toString('hex'), (c.raw.COSE as string).toLowerCase());
  assert.equal(reasonOf(unwrapDcc('HC1:' + c.prefix.slice(4, -1), testCrypto)), ReasonCode.DccMalformed);
});

test('COSE_Sign1 with a CWT tag around the COSE tag decodes (SE)', () => {
  const cose = Buffer.from(fixtureCase('common/CO28.json').raw.COSE as string, 'hex');
  assert.equal(cose[0], 0xd8); // tag 61
  const sign1 = decodeDccCose(cose);
  assert.ok(sign1.ok);
  assert.equal(reasonOf(readDccClaims(sign1.value)), 'ok');
});

test('claims: fractional epoch seconds (HU) and date tags inside the payload (SE, HU) are read', () => {
  const hu = decodeDccCose(Buffer.from(fixtureCase('HU/1.json').raw.COSE as string, 'hex'));
  assert.ok(hu.ok);
  const claims = readDccClaims(hu.value);
  assert.ok(claims.ok);
  assert.equal(claims.value.issuedAt, 1623775796286);
  const se = decodeDccCose(Buffer.from(fixtureCase('SE/2.json').raw.COSE as string, 'hex'));
  assert.ok(se.ok);
  const seClaims = readDccClaims(se.value);
  assert.ok(seClaims.ok);
  assert.match(JSON.stringify(seClaims.value.payload), /"sc":"2021-/);
});

test('CBOR without a JSON form is refused by name; tag 1 epochs become RFC 3339 text', () => {
  assert.throws(() => cborToJson(decodeDccCbor(encodeCbor(new Map<unknown, unknown>([[1, 'x']])))), /map key 1 is not text/);
  assert.throws(() => cborToJson(decodeDccCbor(encodeCbor({ a: new Uint8Array(2) }))), /\$\.a: a byte string/);
  const tagged = new Uint8Array([0xc1, 0x1a, 0x60, 0x90, 0x3a, 0x20]); // 1(1620064800)
  assert.equal(cborToJson(decodeDccCbor(tagged)), '2021-05-03T18:00:00Z');
  const proto = cborToJson(decodeDccCbor(encodeCbor(new Map([['__proto__', 1]])))) as Record<string, unknown>;
  assert.equal(Object.getPrototypeOf(proto), null);
  assert.equal(proto['__proto__'], 1);
});

test('key id: the protected header wins over the unprotected one (CO21, CO22)', () => {
  for (const [path, verifies] of [['common/CO18.json', true], ['common/CO19.json', true], ['common/CO20.json', true], ['common/CO21.json', true], ['common/CO22.json', false], ['common/CO23.json', false]] as const) {
    const c = fixtureCase(path);
    const sign1 = decodeDccCose(Buffer.from(c.raw.COSE as string, 'hex'));
    assert.ok(sign1.ok);
    assert.equal(verifyDccSignature(sign1.value, trustStoreOf([], [c.signer]), testCrypto).ok, verifies, path);
    if (verifies) assert.equal(dccKeyId(sign1.value), c.signer.kid);
  }
});

test('signature: every trusted signer under a kid is tried; the wrong algorithm is not', () => {
  const c = fixtureCase('common/CO3.json');
  const sign1 = decodeDccCose(Buffer.from(c.raw.COSE as string, 'hex'));
  assert.ok(sign1.ok);
  const decoy = { ...testSigner().signer, kid: c.signer.kid };
  assert.equal(reasonOf(verifyDccSignature(sign1.value, trustStoreOf([], [decoy, c.signer]), testCrypto)), 'ok');
  assert.equal(reasonOf(verifyDccSignature(sign1.value, trustStoreOf([], [decoy]), testCrypto)), ReasonCode.DccSignatureInvalid);
  assert.equal(reasonOf(verifyDccSignature(sign1.value, trustStoreOf([], [{ ...c.signer, algorithm: 'PS256' }]), testCrypto)), ReasonCode.DccSignatureInvalid);
  assert.equal(reasonOf(verifyDccSignature(sign1.value, trustStoreOf([], []), testCrypto)), ReasonCode.DccUnknownSigner);
});

test('key usage: no OIDs sign everything; listed OIDs (either arc) restrict; unrelated OIDs sign nothing', () => {
  const usage = (oids: string[]) => ({ kid: 'k', extendedKeyUsage: oids });
  for (const type of ['v', 't', 'r'] as const) assert.equal(checkDccKeyUsage(usage([]), type).ok, true);
  assert.equal(checkDccKeyUsage(usage(['1.3.6.1.4.1.1847.2021.1.1']), 't').ok, true);
  assert.equal(checkDccKeyUsage(usage(['1.3.6.1.4.1.0.1847.2021.1.1']), 't').ok, true);
  assert.equal(reasonOf(checkDccKeyUsage(usage(['1.3.6.1.4.1.1847.2021.1.1']), 'v')), ReasonCode.DccWrongCertificateType);
  assert.equal(checkDccKeyUsage(usage(['1.3.6.1.4.1.0.1847.2021.1.2', '1.3.6.1.4.1.0.1847.2021.1.3']), 'r').ok, true);
  assert.equal(reasonOf(checkDccKeyUsage(usage(['2.23.136.1.1.14.2']), 'v')), ReasonCode.DccWrongCertificateType);
});

test('validity: not yet valid, expired, and outside the signer certificate, in that order', () => {
  const signer = { kid: 'k', notBefore: 1_000_000, notAfter: 9_000_000 };
  const check = (iat: number | undefined, exp: number, now: number, skew = 0) =>
    reasonOf(checkDccValidity({ ...(iat !== undefined ? { issuedAt: iat } : {}), expiresAt: exp }, signer, now, skew));
  assert.equal(check(2_000_000, 8_000_000, 5_000_000), 'ok');
  assert.equal(check(6_000_000, 8_000_000, 5_000_000), ReasonCode.DccNotYetValid);
  assert.equal(check(6_000_000, 8_000_000, 5_000_000, 1_000_000), 'ok');
  assert.equal(check(2_000_000, 5_000_000, 5_000_000), 'ok', 'exp equal to the clock is still valid');
  assert.equal(check(2_000_000, 5_000_000, 5_000_001), ReasonCode.DccExpired);
  assert.equal(check(500_000, 8_000_000, 5_000_000), ReasonCode.DccSignerNotValid);
  assert.equal(check(2_000_000, 9_500_000, 5_000_000), ReasonCode.DccSignerNotValid);
  assert.equal(check(undefined, 8_000_000, 5_000_000), 'ok');
  assert.equal(check(undefined, 9_500_000, 9_200_000), ReasonCode.DccSignerNotValid);
});

test('validity (property): inside the signer window, a DCC is expired exactly when its exp lies before the clock', () => {
  const signer = { kid: 'k', notBefore: 0, notAfter: 4_000_000_000_000 };
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 2_000_000_000_000 }), fc.oneof(fc.constant(0), fc.constant(-1), fc.constant(1), fc.integer({ min: -5_000, max: 5_000 })), (now, delta) => {
      const exp = now + delta;
      const step = checkDccValidity({ issuedAt: 0, expiresAt: exp }, signer, now, 0);
      assert.equal(step.ok, exp >= now, `exp ${exp}, now ${now}`);
      if (!step.ok) assert.equal(step.reason, ReasonCode.DccExpired);
    }),
  );
});
