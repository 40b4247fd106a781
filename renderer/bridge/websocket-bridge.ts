/**
 * GateBridge over the browser host's WebSocket. Reconnects with capped backoff; calls made while disconnected fail
 * at once with CONNECTION_LOST (the screen says so) instead of hanging at the door.
 */
import { WEBSOCKET_PATH, type GateBridge, type GateEventMessage, type GateMethod, type RefusalCode, type ServerMessage } from '../../core/index.js';

/** A refused call as the renderer sees it: the code names the registry's words (core/refusals.ts). */
export class BridgeError extends Error {
  constructor(
    readonly code: RefusalCode,
    message: string,
  ) {
    super(message);
    this.name = 'BridgeError';
  }
}

export type ConnectionListener = (connected: boolean) => void;

export const CALL_TIMEOUT_MS = 10_000;

export function createWebSocketBridge(url: string, onConnection: ConnectionListener): GateBridge {
  const listeners = new Set<(event: GateEventMessage) => void>();
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: number }>();
  let nextId = 1;
  let socket: WebSocket | undefined;
  let retryMs = 250;

  const failAll = () => {
    for (const [id, p] of pending) {
      clearTimeout(p.timer);
      p.reject(new BridgeError('CONNECTION_LOST', 'connection to the terminal host was lost'));
      pending.delete(id);
    }
  };

  const connect = () => {
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      retryMs = 250;
      onConnection(true);
    };
    ws.onclose = () => {
      failAll();
      onConnection(false);
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 5000);
    };
    ws.onmessage = (message: MessageEvent<string>) => {
      const data = JSON.parse(message.data) as ServerMessage;
      if (data.type === 'event') {
        const event = { name: data.name, data: data.data } as GateEventMessage;
        for (const listener of listeners) listener(event);
        return;
      }
      const p = pending.get(data.id);
      if (!p) return;
      pending.delete(data.id);
      clearTimeout(p.timer);
      if (data.type === 'result') p.resolve(data.result);
      else p.reject(new BridgeError(data.error.code, data.error.message));
    };
  };
  connect();

  return {
    call: (method: GateMethod, params: unknown) =>
      new Promise((resolve, reject) => {
        if (!socket || socket.readyState !== WebSocket.OPEN) {
          reject(new BridgeError('CONNECTION_LOST', 'not connected to the terminal host'));
          return;
        }
        const id = nextId++;
        const timer = window.setTimeout(() => {
          pending.delete(id);
          reject(new BridgeError('TIMEOUT', `${method} timed out`));
        }, CALL_TIMEOUT_MS);
        pending.set(id, { resolve, reject, timer });
        socket.send(JSON.stringify({ type: 'call', id, method, params }));
      }) as never,
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export function defaultWebSocketUrl(location: Location): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${WEBSOCKET_PATH}`;
}
