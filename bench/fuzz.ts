/**
 * Fuzz: ≥ 1,000,000 random and mutated payloads through core `decide()` — mutations of real fixtures (our tokens,
 * staff badges, the EU DCC conformance cases' QR texts, CCCD QRs) and random text. Contract under test: no exception
 * escapes, every decision has at least one known reason, and no payload reaches INTERNAL_ERROR (which would mean a
 * credential module threw and `decide` had to catch it). Peer: the bare base45 decode of the same payloads.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BASE45_CHARSET, base45Decode, decide, isReasonCode, ReasonCode, trustStoreOf, type DecisionContext } from '../core/index.js';
import { ROOT } from '../test/support/paths.js';
import { testContext, testIssuer } from '../test/support/decision-context.js';
import { expiredToken, staffBadge, tamperedToken, validToken } from '../test/support/tokens.js';
import { fmtRate, fmtRatio, seededRandom, type BenchResult } from './lib/bench.js';
import { dccSeeds, fixtureSigners } from './lib/dcc-fixtures.js';

export const FUZZ_COUNT = Number(process.env.GATE_FUZZ_COUNT ?? 1_000_000);

const IDENTITY_SEEDS = [
  '001099012345|012345678|Nguyễn Văn An|15081999|Nam|Số 1 Phố Huế, Hai Bà Trưng, Hà Nội|01052021',
  '079201000123||Trần Thị Bình|02022001|Nữ|12 Lê Lợi, Quận 1, TP Hồ Chí Minh|20122021',
  '001099012345|NGUYEN VAN AN|1999-08-15|0|162979388586171100|<1<<<',
  '001099012345|012345678|Nguyá»…n VÄƒn An|15081999|Nam|Sá»‘ 1 Phá»‘ Huáº¿|01052021',
];
const OTHER_SEEDS = ['https://tokhaiyte.vn/?q=1', 'shc:/56762909524320603460292437404460', '8934563138165', 'xin chào', ''];

type Mutator = (s: string, r: () => number) => string;
const pick = <T>(items: ArrayLike<T>, r: () => number): T => items[Math.floor(r() * items.length)]!;
const at = (s: string, r: () => number) => Math.floor(r() * (s.length + 1));
const MUTATORS: readonly Mutator[] = [
  (s, r) => { const i = at(s, r); return s.slice(0, i) + pick(BASE45_CHARSET, r) + s.slice(i + 1); }, // substitute
  (s, r) => { const i = at(s, r); return s.slice(0, i) + pick(BASE45_CHARSET, r) + s.slice(i); }, // insert
  (s, r) => { const i = at(s, r); return s.slice(0, i) + s.slice(i + 1 + Math.floor(r() * 8)); }, // delete a run
  (s, r) => s.slice(0, at(s, r)), // truncate
  (s, r) => { const i = at(s, r); return s.slice(0, i) + s.slice(i - Math.floor(r() * 20), i) + s.slice(i); }, // duplicate
  (s, r) => { const i = at(s, r); return s.slice(0, i) + String.fromCharCode(Math.floor(r() * 0x3000)) + s.slice(i + 1); }, // any char
  (s, r) => s.split('|').sort(() => r() - 0.5).join('|'), // shuffle fields
  (s, r) => { const i = at(s, r); return s.slice(0, i) + (s.charCodeAt(i) ^ (1 << Math.floor(r() * 7))).toString() + s.slice(i + 1); }, // flip
];

function randomPayload(r: () => number): string {
  const length = Math.floor(r() * (r() < 0.05 ? 9000 : 300));
  let out = '';
  for (let i = 0; i < length; i++) out += String.fromCharCode(r() < 0.8 ? 32 + Math.floor(r() * 95) : Math.floor(r() * 0xffff));
  return out;
}

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? allFiles(full) : [full];
  });
}

export async function run(): Promise<BenchResult> {
  const now = Date.now();
  const fixturesDir = join(ROOT, '..', 'shared', 'fixtures', 'dgc-testdata');
  const dcc = dccSeeds(allFiles(fixturesDir).filter((f) => f.endsWith('.json')).map((f) => readFileSync(f, 'utf8')));
  const context: DecisionContext = testContext(now, { trust: trustStoreOf([testIssuer], fixtureSigners(dcc.certificates)) });
  // Seed groups are drawn evenly, so the 423 DCC fixtures do not drown the other formats.
  const groups: readonly (readonly string[])[] = [
    [validToken({ now }), expiredToken({ now }), tamperedToken(), validToken({ now, result: 'medical-check' })],
    [staffBadge({ now }), staffBadge({ now, department: 'ke-toan' })],
    dcc.prefixes,
    IDENTITY_SEEDS,
    OTHER_SEEDS,
  ];
  const seeds = groups.flat();
  const r = seededRandom(20261123);
  const payloads = (i: number): string => {
    if (i % 10 === 0) return randomPayload(r);
    let s = pick(pick(groups, r), r);
    const rounds = 1 + Math.floor(r() * 3);
    for (let k = 0; k < rounds; k++) s = pick(MUTATORS, r)(s, r);
    return s;
  };
  const outcomes = { admit: 0, deny: 0, review: 0 };
  const reasons = new Map<string, number>();
  let escaped = 0;
  let internal = 0;
  let unexplained = 0;
  let decideNs = 0n;
  let peerNs = 0n;
  for (let i = 0; i < FUZZ_COUNT; i++) {
    const payload = payloads(i);
    const t0 = process.hrtime.bigint();
    try {
      const d = decide({ source: 'simulated', payload, wallTime: now, monoTime: 0 }, context);
      decideNs += process.hrtime.bigint() - t0;
      outcomes[d.outcome]++;
      if (d.reasons.length === 0 || !d.reasons.every(isReasonCode)) unexplained++;
      if (d.reasons.includes(ReasonCode.InternalError)) internal++;
      reasons.set(d.reasons[0]!, (reasons.get(d.reasons[0]!) ?? 0) + 1);
    } catch {
      escaped++;
    }
    const p0 = process.hrtime.bigint();
    try {
      base45Decode(payload.slice(payload.indexOf(':') + 1));
    } catch {
      // the peer only measures the irreducible decode attempt
    }
    peerNs += process.hrtime.bigint() - p0;
  }
  const decideRate = FUZZ_COUNT / (Number(decideNs) / 1e9);
  const peerRate = FUZZ_COUNT / (Number(peerNs) / 1e9);
  return {
    title: `${FUZZ_COUNT.toLocaleString('en-US')} random and mutated payloads through decide()`,
    method:
      `Seeds: ${seeds.length} real payloads in 5 groups drawn evenly (declaration tokens valid/expired/tampered/medical-check; staff badges; ` +
      `${dcc.prefixes.length} EU DCC QR texts from the conformance fixtures with their ${dcc.certificates.length} signer certificates trusted; ` +
      'CCCD and PC-Covid QRs incl. wedge mojibake; URLs, SHC, barcodes, text). 90 % are 1–3 mutations ' +
      '(substitute, insert, delete, truncate, duplicate, any-character, field shuffle, flip); 10 % are random text up to 9,000 characters. Fixed seed.',
    peer: { name: 'bare base45 decode', method: 'base45Decode of each payload after its first colon, try/catch, timed alike.' },
    goals: [
      { goal: 'no exception escapes decide()', measured: `${escaped} escaped`, met: escaped === 0 },
      { goal: 'every decision has a known reason', measured: `${unexplained} without`, met: unexplained === 0 },
      { goal: 'no INTERNAL_ERROR (no module threw)', measured: `${internal} internal errors`, met: internal === 0 },
    ],
    ratios: [{ metric: 'payloads/s: decide() vs bare base45 decode', ours: fmtRate(decideRate), peer: fmtRate(peerRate), ratio: decideRate / peerRate, better: 'higher' }],
    tables: [
      { title: 'Outcomes', columns: ['outcome', 'count'], rows: Object.entries(outcomes).map(([k, v]) => [k, v.toLocaleString('en-US')]) },
      {
        title: 'Primary reasons',
        columns: ['reason', 'count'],
        rows: [...reasons.entries()].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, v.toLocaleString('en-US')]),
      },
    ],
    notes: [`decide() ran at ${fmtRate(decideRate)} (${fmtRatio(decideRate / peerRate)} of the bare decode rate).`],
  };
}
