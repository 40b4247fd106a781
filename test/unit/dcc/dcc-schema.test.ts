/** The DCC payload validator: schema 1.3 rules for every version, formats asserted, exactly one certificate entry. */
import assert from 'node:assert/strict';
import { test } from 'vitest';
import { calendarDay, dateTimeMs, dccSchemaErrors, validateDccPayload } from '../../../core/index.js';
import { recoveryPayload, testPayload, vaccinationPayload } from '../../support/dcc.js';

const vac = vaccinationPayload({ dt: '2021-06-01' });

function errorsWith(change: (p: Record<string, unknown>) => void, base: Record<string, unknown> = vac): string[] {
  const copy = structuredClone(base);
  change(copy);
  return dccSchemaErrors(copy);
}

const entry = (p: Record<string, unknown>, key = 'v') => (p[key] as Record<string, unknown>[])[0]!;

test('valid vaccination, test and recovery payloads give typed certificates', () => {
  const v = validateDccPayload(vac);
  assert.ok(v.ok && v.value.certificate.type === 'v' && v.value.certificate.entry.dn === 2);
  const t = validateDccPayload(testPayload({ sc: '2021-06-01T08:00:00+07:00' }));
  assert.ok(t.ok && t.value.certificate.type === 't');
  const r = validateDccPayload(recoveryPayload({ fr: '2021-05-01' }));
  assert.ok(r.ok && r.value.certificate.type === 'r' && r.value.nam.fnt === 'NGUYEN');
});

test('exactly one of v / t / r, with exactly one entry', () => {
  assert.match(errorsWith((p) => (p.t = testPayload({ sc: '2021-06-01T08:00:00Z' }).t)).join(), /exactly one of v, t, r \(has v, t\)/);
  assert.match(errorsWith((p) => delete p.v).join(), /has none/);
  assert.match(errorsWith((p) => (p.v = [])).join(), /exactly one entry \(has 0\)/);
  assert.match(errorsWith((p) => (p.v = [entry(p), entry(p)])).join(), /exactly one entry \(has 2\)/);
  assert.match(errorsWith((p) => (p.t = null)).join(), /\$\.t must be an array/);
});

test('required fields and types', () => {
  assert.match(errorsWith((p) => delete (p.nam as Record<string, unknown>).fnt).join(), /\$\.nam\.fnt is required/);
  assert.match(errorsWith((p) => delete p.dob).join(), /\$\.dob is required/);
  assert.match(errorsWith((p) => delete entry(p).ci).join(), /\$\.v\[0\]\.ci is required/);
  assert.match(errorsWith((p) => (entry(p).dn = '2')).join(), /dn must be an integer ≥ 1/);
  assert.match(errorsWith((p) => (entry(p).sd = 0)).join(), /sd must be an integer ≥ 1/);
  assert.match(errorsWith((p) => (entry(p).dn = 1.5)).join(), /dn must be an integer/);
  assert.deepEqual(errorsWith((p) => (entry(p).dn = 12)), [], 'no upper bound on doses since 1.3');
  assert.match(dccSchemaErrors('HC1:…').join(), /\$ must be an object/);
  assert.match(dccSchemaErrors([vac]).join(), /\$ must be an object/);
});

test('date of birth: YYYY, YYYY-MM, YYYY-MM-DD or empty, years 1900–2099', () => {
  for (const dob of ['1985', '1985-04', '1985-04-12', '', '2000-00-00']) assert.deepEqual(errorsWith((p) => (p.dob = dob)), [], dob);
  for (const dob of ['1815-08-24', '85-04-12', '1985-4-12', '1978-01-26T00:00:00', '1985/04/12']) assert.match(errorsWith((p) => (p.dob = dob)).join(), /dob does not match/, dob);
});

test('transliterated names: capital letters and < only; lengths counted in code points', () => {
  assert.match(errorsWith((p) => ((p.nam as Record<string, unknown>).fnt = 'Nguyen')).join(), /fnt does not match/);
  assert.match(errorsWith((p) => ((p.nam as Record<string, unknown>).gnt = 'VAN AN')).join(), /gnt does not match/);
  assert.deepEqual(errorsWith((p) => ((p.nam as Record<string, unknown>).gn = '😀'.repeat(80))), [], '80 emoji are 80 code points');
  assert.match(errorsWith((p) => ((p.nam as Record<string, unknown>).gn = 'a'.repeat(81))).join(), /gn is longer than 80/);
  assert.match(errorsWith((p) => (entry(p).is = 'x'.repeat(81))).join(), /is is longer than 80/);
});

test('country: the schema pattern is unanchored, so it needs one capital letter somewhere', () => {
  assert.deepEqual(errorsWith((p) => (entry(p).co = 'VN')), []);
  assert.match(errorsWith((p) => (entry(p).co = '')).join(), /co does not match/);
  assert.match(errorsWith((p) => (entry(p).co = 'vn')).join(), /co does not match/);
});

test('dates: full dates (a written time of day tolerated); sample times: RFC 3339 date-times', () => {
  assert.deepEqual(errorsWith((p) => (entry(p).dt = '2022-01-01T00:00:00.000Z')), []);
  for (const dt of ['2021-02-30', '2021-13-01', '21-06-01', '2021-06-01 10:00', '2021-06-01T25:00:00Z']) assert.match(errorsWith((p) => (entry(p).dt = dt)).join(), /dt is not a valid date/, dt);
  const t = testPayload({ sc: '2021-06-01T08:00:00Z' });
  for (const sc of ['2021-06-01T08:00:00', '2021-06-01', '2021-06-01T08:00:00+0700']) assert.match(errorsWith((p) => (entry(p, 't').sc = sc), t).join(), /sc is not a valid RFC 3339/, sc);
  assert.equal(calendarDay('2021-03-01'), Date.UTC(2021, 2, 1) / 86_400_000);
  assert.equal(calendarDay('2020-02-29T23:59:59+14:00'), Date.UTC(2020, 1, 29) / 86_400_000, 'the date as written');
  assert.equal(dateTimeMs('2021-06-01T08:00:00.123456+07:00'), Date.UTC(2021, 5, 1, 1, 0, 0, 123));
});

test('properties the schema does not name are allowed (SG adds "meta")', () => {
  assert.deepEqual(errorsWith((p) => (p.meta = { reference: 'x' })), []);
});
