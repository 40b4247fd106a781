/**
 * Renderer entry: connect the bridge (IPC or WebSocket), start the liveness heartbeat and the settled signal, render
 * the guard screen.
 */
import { render } from 'preact';
import { connectBridge, startRendererHeartbeat } from './bridge/connect-bridge.js';
import { App } from './components/app.js';
import { startSettledSignal } from './settled-signal.js';

let connectionListener: ((connected: boolean) => void) | undefined;
let lastConnection: boolean | undefined;
const { bridge } = connectBridge((connected) => {
  lastConnection = connected;
  connectionListener?.(connected);
});
const subscribeConnection = (listener: (connected: boolean) => void) => {
  connectionListener = listener;
  if (lastConnection !== undefined) listener(lastConnection);
};

startRendererHeartbeat(bridge);
// The screen's calls go through the settled signal (<html data-settled>, read by the end-to-end tests before a
// screenshot); the heartbeat's do not: they change nothing on screen.
const settled = startSettledSignal(bridge);
render(<App bridge={settled.bridge} subscribeConnection={subscribeConnection} />, document.getElementById('app')!);
