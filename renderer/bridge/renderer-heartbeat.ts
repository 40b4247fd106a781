/**
 * The guard screen's liveness beat: a `heartbeat` call every RENDERER_HEARTBEAT_MS. It runs on the page's main
 * thread, so a frozen or crashed screen stops beating and the host stops petting the systemd watchdog
 * (main/process/watchdog-heartbeat.ts). A failed call (host restarting, socket reconnecting) is ignored: the next
 * beat tries again.
 */
import { RENDERER_HEARTBEAT_MS, type GateBridge } from '../../core/index.js';

export function startRendererHeartbeat(bridge: Pick<GateBridge, 'call'>, intervalMs = RENDERER_HEARTBEAT_MS): () => void {
  const beat = () => {
    bridge.call('heartbeat', {}).catch(() => undefined);
  };
  beat();
  const handle = setInterval(beat, intervalMs);
  return () => clearInterval(handle);
}
