/**
 * A fixed amount of DCC work for instruction counting under valgrind (load-independent, unlike bench/credentials):
 *
 *   node --import tsx bench/lib/dcc-decide-loop.ts MODE N [WARMUP]
 *
 * MODE `decide`: N × decide() of the ES256 conformance DCC DE/2 at its validation clock (each one admitted);
 * MODE `verify`: N × the bare node:crypto verify of the same signature (bench/credentials' peer);
 * MODE `rest`: N × decide() with a CryptoPort whose verify answers true at once — everything but the signature
 * (its instructions are what bench/credentials' ratio above 1.00× is made of);
 * MODE `none`: the same set-up and nothing else.
 * Run two N under `valgrind --tool=callgrind` and divide the difference of the totals by the difference of the N:
 * that is the instructions per decision, without node's start-up; `decide` − `verify` is the non-verify part.
 * WARMUP (default 0) more iterations run first in both runs, so that the JIT's compilations, which happen in the first
 * thousand or so and are counted by callgrind, fall outside the difference.
 */
import { verify, type KeyObject } from 'node:crypto';
import { decide, decodeCoseSign1, sigStructure } from '../../core/index.js';
import { dccContext, fixtureCase } from '../../test/support/dcc.js';
import { testCrypto } from '../../test/support/decision-context.js';

const [mode = 'decide', countText = '1000', warmupText = '0'] = process.argv.slice(2);
const count = Number(countText) + Number(warmupText);
const fixture = fixtureCase('DE/2.json');
const context = dccContext(fixture.clock, [fixture.signer]);
const scan = { source: 'camera' as const, payload: fixture.prefix, wallTime: fixture.clock, monoTime: 0 };
const sign1 = decodeCoseSign1(Buffer.from(fixture.raw.COSE as string, 'hex'));
const data = sigStructure(sign1.protectedBytes, sign1.payload);
const options = { key: fixture.signer.key as KeyObject, dsaEncoding: 'ieee-p1363' as const };

let admitted = 0;
if (mode === 'decide' || mode === 'rest') {
  const used = mode === 'rest' ? { ...context, crypto: { ...testCrypto, verify: () => true } } : context;
  for (let i = 0; i < count; i++) if (decide(scan, used).outcome === 'admit') admitted++;
} else if (mode === 'verify') {
  for (let i = 0; i < count; i++) if (verify('sha256', data, options, sign1.signature)) admitted++;
} else if (mode !== 'none') {
  throw new Error(`unknown mode ${mode} (decide, rest, verify, none)`);
}
if (mode !== 'none' && admitted !== count) throw new Error(`${count - admitted} of ${count} not admitted`);
process.stdout.write(`${mode} ${count}: ${admitted} ok\n`);
