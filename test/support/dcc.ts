/**
 * EU DCCs for tests: cases of the conformance data (with their signer certificate and validation clock), and
 * certificates issued here with a freshly generated P-256 key, for what the conformance data does not cover
 * (positive tests, policy windows, schema breaks behind a valid signature).
 */
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import {
  base45Encode,
  CoseAlg,
  CoseHeader,
  CwtClaim,
  DCC_PREFIX,
  DEFAULT_POLICY,
  encodeCbor,
  encodeCoseSign1,
  HCERT_EU_DCC,
  trustStoreOf,
  type DecisionContext,
  type DocumentSigner,
} from '../../core/index.js';
import { parseValidationClock } from '../../main/cli/dcc-conformance-case.js';
import { documentSignerFromDer } from '../../main/crypto/document-signer.js';
import { testContext } from './decision-context.js';
import { ROOT } from './paths.js';

export const DGC_TESTDATA = join(ROOT, '..', 'shared', 'fixtures', 'dgc-testdata');
/** The EU DCC value sets, ehn-dcc-valuesets 2.12.0 (Apache-2.0), as the EU publishes them (vendored: see its README). */
export const EU_VALUE_SETS = join(ROOT, 'vendor', 'ehn-dcc-valuesets');
export const DAY = 86_400_000;
export const HOUR = 3_600_000;

export interface FixtureCase {
  readonly prefix: string;
  readonly signer: DocumentSigner;
  readonly clock: number;
  readonly raw: Record<string, unknown>;
}

/** A conformance case by its path under dgc-testdata, e.g. `AT/2.json`. */
export function fixtureCase(path: string): FixtureCase {
  const raw = JSON.parse(readFileSync(join(DGC_TESTDATA, path), 'utf8')) as Record<string, unknown> & { PREFIX: string; TESTCTX: { CERTIFICATE: string; VALIDATIONCLOCK: string } };
  return {
    prefix: raw.PREFIX,
    signer: documentSignerFromDer(Buffer.from(raw.TESTCTX.CERTIFICATE, 'base64')),
    clock: parseValidationClock(raw.TESTCTX.VALIDATIONCLOCK)!,
    raw,
  };
}

/** A decision context that accepts DCCs and trusts the given signers, at `now`. */
export function dccContext(now: number, signers: readonly DocumentSigner[], overrides: Partial<DecisionContext> = {}): DecisionContext {
  return testContext(now, { trust: trustStoreOf([], signers), policy: { ...DEFAULT_POLICY, acceptedKinds: ['eu-dcc'] }, ...overrides });
}

export interface TestSigner {
  readonly signer: DocumentSigner;
  readonly privateKey: KeyObject;
}

let keyCounter = 0;

/** A P-256 document signer valid from `notBefore` to `notAfter`, with the given extended key usage. */
export function testSigner(options: { notBefore?: number; notAfter?: number; extendedKeyUsage?: string[] } = {}): TestSigner {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const kid = (++keyCounter).toString(16).padStart(16, '0');
  return {
    privateKey,
    signer: {
      kid,
      name: `test DSC ${kid}`,
      algorithm: 'ES256',
      key: publicKey,
      extendedKeyUsage: options.extendedKeyUsage ?? [],
      notBefore: options.notBefore ?? Date.parse('2020-01-01T00:00:00Z'),
      notAfter: options.notAfter ?? Date.parse('2030-01-01T00:00:00Z'),
      country: 'VN',
    },
  };
}

/** `HC1:` text of a DCC with this payload, issued at `iat` and expiring at `exp` (ms), signed by `by`. */
export function issueDcc(payload: unknown, by: TestSigner, times: { iat: number; exp: number }, transform: (cose: Uint8Array) => Uint8Array = (c) => c): string {
  const claims = new Map<number, unknown>([
    [CwtClaim.issuer, 'VN'],
    [CwtClaim.issuedAt, Math.floor(times.iat / 1000)],
    [CwtClaim.expiresAt, Math.floor(times.exp / 1000)],
    [CwtClaim.hcert, new Map([[HCERT_EU_DCC, payload]])],
  ]);
  const header = new Map<number, unknown>([
    [CoseHeader.alg, CoseAlg.ES256],
    [CoseHeader.kid, Buffer.from(by.signer.kid, 'hex')],
  ]);
  const cose = encodeCoseSign1(header, encodeCbor(claims), (data) => sign('sha256', data, { key: by.privateKey, dsaEncoding: 'ieee-p1363' }), { tagged: true });
  return DCC_PREFIX + base45Encode(deflateSync(transform(cose)));
}

const PERSON = { ver: '1.3.0', nam: { fn: 'Nguyễn', fnt: 'NGUYEN', gn: 'Văn An', gnt: 'VAN<AN' }, dob: '1985-04-12' };
const ENTRY = { tg: '840539006', co: 'VN', is: 'Bộ Y tế', ci: 'URN:UVCI:01:VN:TEST0001#X' };

export function vaccinationPayload(entry: { dt: string; dn?: number; sd?: number; ci?: string }, person: object = PERSON): Record<string, unknown> {
  return { ...PERSON, ...person, v: [{ ...ENTRY, vp: '1119349007', mp: 'EU/1/20/1528', ma: 'ORG-100030215', dn: 2, sd: 2, ...entry }] };
}

export function testPayload(entry: { sc: string; tr?: string; tt?: string }): Record<string, unknown> {
  return { ...PERSON, t: [{ ...ENTRY, tt: 'LP6464-4', nm: 'PCR', tr: '260415000', tc: 'Bệnh viện Chợ Rẫy', ...entry }] };
}

export function recoveryPayload(entry: { fr: string; df?: string; du?: string }): Record<string, unknown> {
  return { ...PERSON, r: [{ ...ENTRY, df: '2021-01-01', du: '2029-12-31', ...entry }] };
}

/** YYYY-MM-DD of the UTC day `days` after the one containing `at`. */
export function dateAfter(at: number, days: number): string {
  return new Date(at + days * DAY).toISOString().slice(0, 10);
}
