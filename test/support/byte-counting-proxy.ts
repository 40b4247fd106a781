/**
 * A TCP proxy on 127.0.0.1 in front of a local server that counts the bytes the server sends back: everything a
 * browser really receives through it — the page, its files, and what a service worker fetches on its own (which the
 * page's DevTools session does not see) — headers included. Used by the declaration page's weight test and bench.
 */
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';

export interface ByteCountingProxy {
  /** http://127.0.0.1:<port> — a secure context for service workers, like the target. */
  readonly url: string;
  /** Bytes sent by the target to clients since the start (or the last reset). */
  received(): number;
  reset(): void;
  close(): Promise<void>;
}

export async function startByteCountingProxy(targetUrl: string): Promise<ByteCountingProxy> {
  const target = new URL(targetUrl);
  let bytes = 0;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(Number(target.port), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    upstream.on('data', (chunk: Buffer) => (bytes += chunk.length));
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received: () => bytes,
    reset: () => void (bytes = 0),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
