/**
 * Picks the transport: the Electron preload's API when present, the browser host's WebSocket otherwise. Past this
 * point the screen only knows a GateBridge.
 */
import { PRELOAD_GLOBAL, RENDERER_HEARTBEAT_MS, type GateBridge, type PreloadApi } from '../../core/index.js';
import { BridgeError, createWebSocketBridge, defaultWebSocketUrl, type ConnectionListener } from './websocket-bridge.js';

export function bridgeFromPreload(api: PreloadApi): GateBridge {
  return {
    call: async (method, params) => {
      const envelope = await api.invoke(method, params);
      if (envelope.ok) return envelope.result as never;
      throw new BridgeError(envelope.error.code, envelope.error.message);
    },
    onEvent: (listener) => api.onEvent(listener),
  };
}

export function connectBridge(onConnection: ConnectionListener): { bridge: GateBridge; transport: 'ipc' | 'websocket' } {
  const preload = (window as unknown as Record<string, PreloadApi | undefined>)[PRELOAD_GLOBAL];
  if (preload) {
    queueMicrotask(() => onConnection(true));
    return { bridge: bridgeFromPreload(preload), transport: 'ipc' };
  }
  return { bridge: createWebSocketBridge(defaultWebSocketUrl(window.location), onConnection), transport: 'websocket' };
}

/**
 * The guard screen's liveness beat: a `heartbeat` call every RENDERER_HEARTBEAT_MS. It runs on the page's main
 * thread, so a frozen or crashed screen stops beating and the host stops petting the systemd watchdog
 * (main/process/watchdog-heartbeat.ts). A failed call (host restarting, socket reconnecting) is ignored: the next
 * beat tries again.
 */
export function startRendererHeartbeat(bridge: Pick<GateBridge, 'call'>, intervalMs = RENDERER_HEARTBEAT_MS): () => void {
  const beat = () => {
    bridge.call('heartbeat', {}).catch(() => undefined);
  };
  beat();
  const handle = setInterval(beat, intervalMs);
  return () => clearInterval(handle);
}
