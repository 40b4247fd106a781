/**
 * Declaration page bench (`npm run bench -- declare-page`), the phone side of bench/declare.ts: what a person on 3G
 * waits for and pays for when they scan a checkpoint poster — first contentful paint and bytes, the service worker
 * included — on two emulated networks, against a bare HTML page on the same emulated line (bench/lib/declare-page-3g.ts).
 * Its own section of RESULTS.md so that it can run without redoing the hub's declaration-rate figures.
 */
import { fmtMs, type BenchResult } from './lib/bench.js';
import { measurePageOn3g, PROFILES } from './lib/declare-page-3g.js';
import { startDeclareHub } from './lib/declare-fixtures.js';

const GOAL_BYTES = 100 * 1024;
const GOAL_PAINT_MS = 1000;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export async function run(): Promise<BenchResult> {
  const hub = await startDeclareHub('sqlite');
  let figures: Awaited<ReturnType<typeof measurePageOn3g>>;
  try {
    figures = await measurePageOn3g(hub.url, 'cp-test');
  } finally {
    await hub.stop();
  }
  const { ours, peer } = figures;
  const main = ours[0]!;
  const heaviest = Math.max(...ours.map((f) => f.wireBytes));
  return {
    title: 'the declaration page on an emulated 3G phone: first paint and bytes, service worker included',
    method:
      'The real `gate-terminal hub` process (SQLite) serving /c/<checkpoint>; Debian Chromium (playwright-core) at 360×740 with touch, a fresh context per load ' +
      '(a first visit from a poster QR), HTTP cache off, Chromium network emulation over the DevTools protocol (`Network.emulateNetworkConditions`). ' +
      'First contentful paint from the Paint Timing API, median of 5 loads per profile. Bytes: the page\'s own requests (DevTools encodedDataLength) and, through a ' +
      'counting TCP proxy, everything the phone received until the service worker controlled the page and kept it (the worker script, its cached files, the kept copy).',
    peer: {
      name: 'a bare HTML page',
      method: `A one-paragraph HTML document (${'~120'} bytes) from a plain node:http server, loaded the same way under the same emulation, alternating with ours: the floor any page pays on that line.`,
    },
    goals: [
      { goal: `first contentful paint ≤ ${GOAL_PAINT_MS} ms on ${main.profile.name}`, measured: fmtMs(main.paint), met: main.paint <= GOAL_PAINT_MS },
      { goal: `≤ ${kb(GOAL_BYTES)} transferred including the service worker`, measured: kb(heaviest), met: heaviest <= GOAL_BYTES },
    ],
    ratios: ours.map((f, i) => ({
      metric: `first contentful paint, ${f.profile.name}`,
      ours: fmtMs(f.paint),
      peer: fmtMs(peer[i]!.paint),
      ratio: f.paint / peer[i]!.paint,
      better: 'lower' as const,
    })),
    tables: [
      {
        title: 'Per network profile',
        columns: ['profile', 'first paint (median)', 'first paint, each run', 'page requests', 'on the wire with the worker', 'bare page: first paint'],
        rows: PROFILES.map((p, i) => [
          p.name,
          fmtMs(ours[i]!.paint),
          ours[i]!.paintRuns.map((ms) => ms.toFixed(0)).join(', ') + ' ms',
          kb(ours[i]!.pageBytes),
          kb(ours[i]!.wireBytes),
          fmtMs(peer[i]!.paint),
        ]),
      },
    ],
    notes: [
      'The stylesheet is inside the page (allowed by its hash in the CSP), so the first paint needs one round trip, as for the bare page; the script is deferred and the QR encoder loads only after declaring. With the stylesheet linked instead (before this change) the same bench gave 368 ms on the first profile and 1,284 ms on the second (bare page 232 / 640 ms): the render-blocking stylesheet cost a second round trip.',
      'The service worker registers after the load event: it adds bytes, never time to the first paint.',
    ],
  };
}
