/**
 * Helpers of the declaration bench (bench/declare.ts): a hub process configured for it (proof of work off through
 * the explicit bench-only flag, rate limits out of the way), a keep-alive HTTP load loop, and a concurrency pool.
 */
import { writeFileSync } from 'node:fs';
import { request, type Agent } from 'node:http';
import { join } from 'node:path';
import { freePort, killHard, spawnHub } from '../../test/support/hub-process.js';
import { tempDir } from '../../test/support/paths.js';
import { benchPostgresSchema } from './bench-postgres.js';
import type { Storage } from './sync-fixtures.js';

export const BENCH_DECLARATION_PAGE = {
  proofOfWork: { disabledForBenchOnly: true },
  rateLimits: { perIpPerMinute: 100_000_000, perIdPerHour: 1000, checkinsPerIpPerMinute: 100_000_000 },
};

/** The n-th bench person: a distinct, well-formed CCCD number and name. */
export function benchForm(n: number): Record<string, string> {
  return {
    fullName: `Người Thử ${String(n).replace(/\d/g, (d) => 'abcdefghij'[Number(d)]!)}`,
    birthYear: '1990',
    idKind: 'cccd',
    idNumber: String(100_000_000_000 + n),
    phone: '0912345678',
    symptoms: n % 10 === 0 ? 'yes' : 'no',
    contact: 'no',
    travel: 'no',
  };
}

export interface DeclareHub {
  readonly url: string;
  stop(): Promise<void>;
}

export async function startDeclareHub(storage: Storage): Promise<DeclareHub> {
  const dir = tempDir(`bench-declare-${storage}`);
  const pgSchema = storage === 'postgres' ? benchPostgresSchema('declare', 'bench') : undefined;
  const path = join(dir, 'hub.json');
  writeFileSync(
    path,
    JSON.stringify({
      listen: { host: '127.0.0.1', port: await freePort() },
      dataDir: dir,
      storage: pgSchema ? { kind: 'postgres', url: pgSchema.url, schema: pgSchema.schema, poolSize: 10 } : { kind: 'sqlite', path: join(dir, 'hub.sqlite') },
      declarationPage: BENCH_DECLARATION_PAGE,
      buildings: [{ id: 'toa-nha-thu', name: 'Tòa nhà thử', checkpoints: [{ id: 'cp-test', name: 'Cổng thử nghiệm' }] }],
    }),
  );
  const hub = await spawnHub(path);
  return {
    url: hub.url,
    async stop() {
      await killHard(hub.child, hub.exited);
      await pgSchema?.drop();
    },
  };
}

/** Runs `work(i)` for i in [from, from + count) with `concurrency` in flight; returns the wall time in ms. */
export async function pool(from: number, count: number, concurrency: number, work: (i: number) => Promise<void>): Promise<number> {
  let next = from;
  const end = from + count;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < end) await work(next++);
    }),
  );
  return performance.now() - started;
}

/** POSTs JSON over a keep-alive agent; rejects unless the answer is 200. */
export function postJson(agent: Agent, url: string, body: unknown): Promise<void> {
  const data = Buffer.from(JSON.stringify(body));
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      { agent, host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': data.length } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${res.statusCode}: ${text.slice(0, 200)}`))));
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}
