/**
 * Preload (sandboxed, bundled to one CommonJS file): exposes exactly the contract's PreloadApi on window.gateBridge.
 * No ipcRenderer and no Node object crosses the bridge; only these two functions and plain data.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, PRELOAD_GLOBAL, type CallEnvelope, type GateEventMessage, type PreloadApi } from '../../core/contract/gate-contract.js';

const api: PreloadApi = {
  invoke: (method, params) => ipcRenderer.invoke(IPC_CALL_CHANNEL, method, params) as Promise<CallEnvelope>,
  onEvent: (listener) => {
    const handler = (_event: IpcRendererEvent, message: GateEventMessage) => listener(message);
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => void ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
  },
};

contextBridge.exposeInMainWorld(PRELOAD_GLOBAL, api);
