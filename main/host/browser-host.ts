/**
 * Browser host mode: the renderer over HTTP on loopback and the contract over a WebSocket, so a plain kiosk browser
 * (or a test's Chromium) runs the same guard screen as Electron.
 *
 * Security: binds to loopback only; WebSocket upgrades must come from this host's own origin (a browser always
 * sends Origin, so another site open in the kiosk cannot drive the gate); every call's params are validated.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { WEBSOCKET_PATH, type ClientMessage, type ServerMessage } from '../../core/index.js';
import type { GateApp } from '../composition/create-gate-app.js';
import type { Logger } from '../platform/logger.js';
import { contentSecurityPolicy, SECURITY_HEADERS } from './content-security-policy.js';
import { createContractHandler, toGateError } from './contract-handlers.js';
import { readStaticFile } from './static-files.js';

export interface BrowserHost {
  readonly url: string;
  close(): Promise<void>;
}

/** Scans can legitimately be large garbage (tests send 1 MB); anything above this is cut off by the transport. */
export const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

function isClientMessage(value: unknown): value is ClientMessage {
  const v = value as ClientMessage;
  return typeof v === 'object' && v !== null && v.type === 'call' && Number.isSafeInteger(v.id) && typeof v.method === 'string';
}

export async function startBrowserHost(
  app: GateApp,
  options: { host: string; port: number; rendererDir: string; logger: Logger; onRendererBeat?: () => void; testControls?: boolean },
): Promise<BrowserHost> {
  const handle = createContractHandler(app, {
    ...(options.onRendererBeat ? { onRendererBeat: options.onRendererBeat } : {}),
    testControls: options.testControls ?? false,
  });
  let origin = '';
  let allowedOrigins = new Set<string>();

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { Allow: 'GET, HEAD' }).end();
        return;
      }
      if (req.url === '/healthz') {
        res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');
        return;
      }
      const file = await readStaticFile(options.rendererDir, req.url ?? '/');
      if (!file) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
        return;
      }
      // CSP source expressions cannot name an IPv6 literal (Chromium logs "invalid source" for ws://[::1]:port);
      // 'self' already covers the page's own host over ws: in CSP 3, so those are left out.
      const wsOrigins = [...allowedOrigins].filter((o) => !o.includes('[')).map((o) => o.replace(/^http/, 'ws'));
      res.writeHead(200, {
        'Content-Type': file.contentType,
        'Cache-Control': 'no-store',
        'Content-Security-Policy': contentSecurityPolicy({ connectSrc: wsOrigins }),
        ...SECURITY_HEADERS,
      });
      res.end(req.method === 'HEAD' ? undefined : file.body);
    })();
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('upgrade', (req, socket, head) => {
    const path = (req.url ?? '').split('?')[0];
    const requestOrigin = req.headers.origin;
    if (path !== WEBSOCKET_PATH || (requestOrigin !== undefined && !allowedOrigins.has(requestOrigin))) {
      options.logger.warn('websocket-refused', { path, origin: requestOrigin });
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveConnection(ws));
  });

  function serveConnection(ws: WebSocket): void {
    const send = (message: ServerMessage) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
    };
    const unsubscribe = app.gate.events.add((event) => send({ type: 'event', ...event }));
    ws.on('close', unsubscribe);
    ws.on('error', (error) => options.logger.warn('websocket-error', { error }));
    ws.on('message', (data) => {
      let message: unknown;
      try {
        message = JSON.parse(data.toString());
      } catch {
        send({ type: 'error', id: -1, error: { code: 'BAD_MESSAGE', message: 'not JSON' } });
        return;
      }
      if (!isClientMessage(message)) {
        send({ type: 'error', id: -1, error: { code: 'BAD_MESSAGE', message: 'expected {type:"call", id, method, params}' } });
        return;
      }
      const failed = (error: unknown) => {
        const gateError = toGateError(error);
        if (gateError.code === 'INTERNAL') options.logger.error('call-failed', { method: message.method, error });
        send({ type: 'error', id: message.id, error: gateError });
      };
      try {
        const result = handle(message.method, message.params);
        // Most calls answer at once; the PIN checks answer with a promise (main/selftest/settings-pin.ts).
        if (result instanceof Promise) result.then((value: unknown) => send({ type: 'result', id: message.id, result: value }), failed);
        else send({ type: 'result', id: message.id, result });
      } catch (error) {
        failed(error);
      }
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const hostPart = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  origin = `http://${hostPart}:${address.port}`;
  allowedOrigins = new Set([origin, `http://localhost:${address.port}`, `http://127.0.0.1:${address.port}`, `http://[::1]:${address.port}`]);

  return {
    url: `${origin}/`,
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
