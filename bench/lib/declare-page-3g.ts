/**
 * The declaration page as a phone on 3G loads it (bench/declare.ts): Debian Chromium at 360×740 with touch, Chromium's
 * network emulation through the DevTools protocol (Network.emulateNetworkConditions), the HTTP cache off, a fresh
 * profile per load (a first visit from a poster's QR). Measured: first contentful paint, bytes the page's own requests
 * took (DevTools encodedDataLength), and bytes on the wire through a counting proxy until the service worker has kept
 * the page (that includes the worker and what it fetches). Peer in the same run: a bare 1-line HTML page from a plain
 * node:http server under the same emulation — the floor any page pays on that line.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { startByteCountingProxy } from '../../test/support/byte-counting-proxy.js';
import { launchChromium } from '../../test/support/chromium.js';
import { keptForOffline, phoneContext } from '../../test/support/phone-page.js';

export interface NetworkProfile {
  readonly name: string;
  readonly downKbit: number;
  readonly upKbit: number;
  readonly latencyMs: number;
}

export const PROFILES: readonly NetworkProfile[] = [
  // The profile the figures (and test/e2e/declaration-page.test.ts) use.
  { name: '3G: 750/250 kbit/s, 100 ms', downKbit: 750, upKbit: 250, latencyMs: 100 },
  // Chrome DevTools' preset formerly called "Fast 3G" (now "Slow 4G"): a realistic 3G round trip.
  { name: 'DevTools "Fast 3G": 1.6 Mbit/s / 750 kbit/s, 562.5 ms', downKbit: 1600, upKbit: 750, latencyMs: 562.5 },
];

export interface PageFigures {
  readonly profile: NetworkProfile;
  /** Median first contentful paint over the runs (ms). */
  readonly paint: number;
  readonly paintRuns: readonly number[];
  /** The page's own requests (DevTools encodedDataLength), bytes. */
  readonly pageBytes: number;
  /** Bytes received on the wire until the service worker kept the page (ours only). */
  readonly wireBytes: number;
}

const RUNS = 5;
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const BARE_PAGE = '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>x</title></head><body><p>Khai báo y tế</p></body></html>';

async function loadOnce(browser: Browser, url: string, profile: NetworkProfile, waitForWorker: boolean): Promise<{ paint: number; pageBytes: number }> {
  const context = await phoneContext(browser);
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: profile.latencyMs,
      downloadThroughput: (profile.downKbit * 1024) / 8,
      uploadThroughput: (profile.upKbit * 1024) / 8,
    });
    let pageBytes = 0;
    cdp.on('Network.loadingFinished', (event: { encodedDataLength: number }) => (pageBytes += event.encodedDataLength));
    await page.goto(url, { waitUntil: 'load' });
    const paint = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN);
    if (waitForWorker) await keptForOffline(page);
    return { paint, pageBytes };
  } finally {
    await context.close();
  }
}

export async function measurePageOn3g(hubUrl: string, checkpointId: string): Promise<{ ours: PageFigures[]; peer: PageFigures[] }> {
  const bare = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(BARE_PAGE));
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
  const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`;
  const proxy = await startByteCountingProxy(hubUrl);
  const chromium = await launchChromium();
  const ours: PageFigures[] = [];
  const peer: PageFigures[] = [];
  try {
    for (const profile of PROFILES) {
      const runs = { ours: [] as number[], peer: [] as number[] };
      let pageBytes = 0, wireBytes = 0, peerBytes = 0;
      for (let i = 0; i < RUNS; i++) {
        proxy.reset();
        const mine = await loadOnce(chromium.browser!, `${proxy.url}/c/${checkpointId}`, profile, true);
        wireBytes = Math.max(wireBytes, proxy.received());
        pageBytes = mine.pageBytes;
        runs.ours.push(mine.paint);
        const floor = await loadOnce(chromium.browser!, bareUrl, profile, false);
        peerBytes = floor.pageBytes;
        runs.peer.push(floor.paint);
      }
      ours.push({ profile, paint: median(runs.ours), paintRuns: runs.ours, pageBytes, wireBytes });
      peer.push({ profile, paint: median(runs.peer), paintRuns: runs.peer, pageBytes: peerBytes, wireBytes: peerBytes });
    }
  } finally {
    await chromium.close();
    await proxy.close();
    await new Promise<void>((resolve) => bare.close(() => resolve()));
  }
  return { ours, peer };
}
