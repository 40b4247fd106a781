/** Renderer entry: connect the bridge (IPC or WebSocket), start the liveness heartbeat, render the guard screen. */
import { render } from 'preact';
import { connectBridge, startRendererHeartbeat } from './bridge/connect-bridge.js';
import { App } from './components/app.js';

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
render(<App bridge={bridge} subscribeConnection={subscribeConnection} />, document.getElementById('app')!);
