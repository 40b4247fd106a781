/**
 * Hub replicas as real processes (`gate-terminal hub`), all on one PostgreSQL schema and one data dir (the keys they
 * share: docs/scaling.md § Keys), each on its own port; a round-robin proxy in front (the load balancer), built on
 * hub-proxy.ts so it can also drop requests; and a TCP relay that a test can cut to take PostgreSQL away from one hub.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer, connect, type Server, type Socket, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { BUILDING, CHECKPOINT, PG_HINT, PG_URL } from './hub-fixture.js';
import { freePort, killHard, spawnHub, type HubProcess } from './hub-process.js';
import { startHubProxy, type HubProxy, type ProxyPolicy } from './hub-proxy.js';
import { tempDir } from './paths.js';

export interface Replicas {
  readonly dataDir: string;
  readonly schema: string;
  readonly processes: (HubProcess | undefined)[];
  /** The replica's current URL (same port across restarts). */
  url(index: number): string;
  kill(index: number): Promise<void>;
  restart(index: number): Promise<void>;
  /** A replica (not in the balancer's pool) whose PostgreSQL goes through `storageUrl`. */
  configFor(index: number, port: number, storageUrl?: string): string;
  dispose(): Promise<void>;
}

export function requirePostgres(): string {
  if (!PG_URL) throw new Error(`hub replica tests need PostgreSQL: ${PG_HINT}`);
  return PG_URL;
}

export async function startReplicas(count: number, extra: Record<string, unknown> = {}): Promise<Replicas> {
  const url = requirePostgres();
  const dataDir = tempDir('hub-replicas');
  const schema = `hubrepl_${randomBytes(6).toString('hex')}`;
  const ports = await Promise.all(Array.from({ length: count }, () => freePort()));
  const configFor = (index: number, port: number, storageUrl = url) => {
    const path = join(dataDir, `replica-${index}.json`);
    const storage = { kind: 'postgres', url: storageUrl, schema, poolSize: 4 };
    const buildings = [{ id: BUILDING, name: 'Tòa nhà thử', checkpoints: [{ id: CHECKPOINT, name: 'Cổng thử nghiệm', policy: { antiPassbackWindowMs: 0 } }] }];
    writeFileSync(path, JSON.stringify({ listen: { host: '127.0.0.1', port }, dataDir, storage, buildings, ...extra }));
    return path;
  };
  const processes: (HubProcess | undefined)[] = Array.from({ length: count }, () => undefined);
  const restart = async (index: number) => {
    processes[index] = await spawnHub(configFor(index, ports[index]!));
  };
  await restart(0); // the first one migrates and creates the keys; the others start on both at once
  await Promise.all(Array.from({ length: count - 1 }, (_, i) => restart(i + 1)));
  return {
    dataDir,
    schema,
    processes,
    url: (index) => `http://127.0.0.1:${ports[index]}`,
    configFor,
    restart,
    async kill(index) {
      const p = processes[index];
      if (p) await killHard(p.child, p.exited);
      processes[index] = undefined;
    },
    async dispose() {
      for (const p of processes) if (p) await killHard(p.child, p.exited);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).finally(() => client.end());
    },
  };
}

/** The load balancer: round-robin over the replicas (a killed one fails the request, as with a balancer between health checks). */
export function roundRobin(replicas: Replicas, count: number, policy: ProxyPolicy = {}): Promise<HubProxy> {
  let next = 0;
  return startHubProxy(() => replicas.url(next++ % count), policy);
}

/** A TCP relay to PostgreSQL that can be cut (every connection dropped, new ones refused) and restored. */
export interface PostgresRelay {
  readonly url: string;
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startPostgresRelay(target: string): Promise<PostgresRelay> {
  const upstream = new URL(target);
  const sockets = new Set<Socket>();
  const port = await freePort();
  let server: Server | undefined;
  const listen = () =>
    new Promise<void>((resolve) => {
      server = createServer((client) => {
        const remote = connect(Number(upstream.port || 5432), upstream.hostname);
        for (const s of [client, remote]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => undefined);
        }
        client.pipe(remote).pipe(client);
      });
      server.listen(port, '127.0.0.1', () => resolve());
    });
  const cut = async () => {
    const closing = server;
    server = undefined;
    for (const s of sockets) s.destroy();
    if (closing) await new Promise<void>((resolve) => closing.close(() => resolve()));
  };
  await listen();
  const relayed = new URL(target);
  relayed.hostname = '127.0.0.1';
  relayed.port = String((server!.address() as AddressInfo).port);
  return { url: relayed.toString(), cut, restore: listen, close: cut };
}
