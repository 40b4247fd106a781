/**
 * The hub under a burst of large unauthenticated bodies (issue 17): six concurrent 30 MB unsigned POSTs to
 * /v1/entries and to /v1/enrol against a real hub process (`gate-terminal hub`, SQLite), while /healthz is asked every
 * 50 ms. Measured: the hub's peak RSS (read from /proc) and the worst /healthz latency. Peer: the same hub idle
 * (RSS at rest, /healthz latency without the burst), measured in the same run.
 * `BENCH_HUB_ROOT=/path/to/checkout` runs another checkout's built hub (the "before" figures).
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fmtMs, fmtRatio, summarise, type BenchResult } from './lib/bench.js';

const ROOT = process.env.BENCH_HUB_ROOT ?? join(import.meta.dirname, '..');
const BODY_MB = 30;
const CONCURRENT = 6;

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

async function healthz(url: string): Promise<number> {
  const started = performance.now();
  await (await fetch(`${url}/healthz`)).text();
  return performance.now() - started;
}

/** Sent by curl (its own process), so that building and sending the bodies does not stall this process's /healthz timing. */
function post(url: string, file: string): Promise<number> {
  return new Promise((resolve) => {
    execFile('curl', ['-s', '-o', '/dev/null', '-w', '%{http_code}', '-H', 'content-type: application/json', '--data-binary', `@${file}`, url], (_error, stdout) => resolve(Number(stdout) || 0));
  });
}

export async function run(): Promise<BenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-hub-bodies-'));
  const config = join(dir, 'hub.json');
  writeFileSync(config, JSON.stringify({ listen: { host: '127.0.0.1', port: 0 }, dataDir: dir, storage: { kind: 'sqlite', path: join(dir, 'hub.sqlite') } }));
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'gate-terminal.mjs'), 'hub', '--config', config], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`hub exited ${code}`)));
      createInterface({ input: child.stdout! }).on('line', (line) => line.startsWith('GATE_HUB_URL=') && resolve(line.slice('GATE_HUB_URL='.length)));
    });
    const idleLatency: number[] = [];
    for (let i = 0; i < 40; i++) idleLatency.push(await healthz(url));
    const idleRss = rssMb(child.pid!);
    const rows: string[][] = [];
    const results: Record<string, { peakRss: number; worstHealthz: number; statuses: number[] }> = {};
    for (const path of ['/v1/entries', '/v1/enrol']) {
      // A valid JSON prefix, then 30 MB of one string: what a stranger can send without any key.
      const file = join(dir, 'body.json');
      writeFileSync(file, Buffer.concat([Buffer.from('{"terminalId":"x","entries":[{"displayName":"'), Buffer.alloc(BODY_MB * 1024 * 1024, 'a'), Buffer.from('"}]}')]));
      let peakRss = rssMb(child.pid!);
      let running = true;
      const sampler = (async () => {
        const latencies: number[] = [];
        while (running) {
          peakRss = Math.max(peakRss, rssMb(child.pid!));
          latencies.push(await healthz(url));
          peakRss = Math.max(peakRss, rssMb(child.pid!));
          await new Promise((r) => setTimeout(r, 50));
        }
        return latencies;
      })();
      const statuses = await Promise.all(Array.from({ length: CONCURRENT }, () => post(url + path, file)));
      await new Promise((r) => setTimeout(r, 300));
      running = false;
      const latencies = await sampler;
      const worstHealthz = Math.max(...latencies);
      results[path] = { peakRss, worstHealthz, statuses };
      rows.push([path, statuses.join(' '), `${Math.round(peakRss)} MB`, fmtMs(worstHealthz), fmtMs(summarise(latencies).p50)]);
    }
    const peakRss = Math.max(...Object.values(results).map((r) => r.peakRss));
    const worst = Math.max(...Object.values(results).map((r) => r.worstHealthz));
    const idle = summarise(idleLatency);
    return {
      title: 'Hub under large unauthenticated bodies',
      method: `${CONCURRENT} concurrent ${BODY_MB} MB unsigned POSTs per route against a real hub process (SQLite), sent by curl; /healthz asked every 50 ms during the burst; RSS from /proc/<pid>/status.`,
      peer: { name: 'the same hub idle', method: 'RSS after start, /healthz latency of 40 sequential requests without the burst' },
      goals: [
        { goal: 'hub RSS < 300 MB during the burst', measured: `${Math.round(peakRss)} MB`, met: peakRss < 300 },
        { goal: '/healthz < 1 s during the burst', measured: fmtMs(worst), met: worst < 1000 },
      ],
      ratios: [
        { metric: 'peak RSS vs idle RSS', ours: `${Math.round(peakRss)} MB`, peer: `${Math.round(idleRss)} MB`, ratio: peakRss / idleRss, better: 'lower' },
        { metric: 'worst /healthz vs idle p50', ours: fmtMs(worst), peer: fmtMs(idle.p50), ratio: worst / idle.p50, better: 'lower' },
      ],
      tables: [{ title: 'Per route', columns: ['route', 'answers', 'peak RSS', 'worst /healthz', 'p50 /healthz'], rows }],
      notes: [
        `Hub from ${ROOT === join(import.meta.dirname, '..') ? 'this checkout' : ROOT}; peak RSS ${fmtRatio(peakRss / idleRss)} the idle RSS.`,
        'Before issue 17 (JSON parsed before the signature check, 32 MB body limit everywhere), measured on this machine with BENCH_HUB_ROOT on the previous main: peak RSS 533–663 MB from 128 MB idle, worst /healthz 0.74–1.13 s, /v1/enrol answering 400 after parsing all six bodies.',
      ],
    };
  } finally {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}
