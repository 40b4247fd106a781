/** Renderer entry: connect the bridge (IPC or WebSocket), then render the guard screen. */
import { render } from 'preact';
import { connectBridge } from './bridge/connect-bridge.js';
import { startRendererHeartbeat } from './bridge/renderer-heartbeat.js';
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
