/**
 * An HTTP proxy between terminals and the hub that misbehaves on purpose: it drops requests before they reach the
 * hub, drops answers after the hub has acted on the request (the case that tests idempotency), delays answers, or
 * rewrites them (a tampered or replayed bundle). Dropping = destroying the terminal's socket without an answer.
 */
import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ProxiedAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

export interface ProxyPolicy {
  /** Before forwarding: 'drop' loses the request (the hub never sees it). */
  beforeForward?(method: string, path: string): 'drop' | 'forward';
  /** After the hub answered: 'drop' loses the answer; or return a replacement. */
  afterAnswer?(method: string, path: string, answer: ProxiedAnswer): 'drop' | ProxiedAnswer | Promise<'drop' | ProxiedAnswer>;
}

export interface ProxyStats {
  requests: number;
  droppedBefore: number;
  droppedAfter: number;
  hubUnreachable: number;
  inFlight: number;
}

export interface HubProxy {
  readonly url: string;
  readonly stats: ProxyStats;
  setPolicy(policy: ProxyPolicy): void;
  close(): Promise<void>;
}

function readAll(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

function forward(target: URL, req: IncomingMessage, body: Buffer): Promise<ProxiedAnswer> {
  return new Promise((resolve, reject) => {
    const upstream = httpRequest(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host, connection: 'close' } },
      (res) => void readAll(res).then((b) => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: b }), reject),
    );
    upstream.on('error', reject);
    upstream.end(body);
  });
}

export async function startHubProxy(target: () => string, initial: ProxyPolicy = {}): Promise<HubProxy> {
  let policy = initial;
  const stats: ProxyStats = { requests: 0, droppedBefore: 0, droppedAfter: 0, hubUnreachable: 0, inFlight: 0 };
  const sockets = new Set<Socket>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      stats.requests++;
      stats.inFlight++;
      try {
        const body = await readAll(req);
        const method = req.method ?? 'GET';
        const path = req.url ?? '/';
        if (policy.beforeForward?.(method, path) === 'drop') {
          stats.droppedBefore++;
          req.socket.destroy();
          return;
        }
        let answer: ProxiedAnswer;
        try {
          answer = await forward(new URL(target()), req, body);
        } catch {
          stats.hubUnreachable++;
          req.socket.destroy();
          return;
        }
        const decided = policy.afterAnswer ? await policy.afterAnswer(method, path, answer) : answer;
        if (decided === 'drop') {
          stats.droppedAfter++;
          req.socket.destroy();
          return;
        }
        const headers = { ...decided.headers, 'content-length': String(decided.body.length) };
        delete headers['transfer-encoding'];
        delete headers.connection;
        res.writeHead(decided.status, headers).end(decided.body);
      } finally {
        stats.inFlight--;
      }
    })();
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    setPolicy: (next) => (policy = next),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

