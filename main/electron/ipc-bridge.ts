/**
 * The contract over Electron IPC. Calls arrive on one channel and are answered with an envelope (never a thrown
 * Error, whose message Electron would mangle); events go to the window on another. Calls from any frame that is not
 * the app's own origin are refused.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type CallEnvelope, type GateEventMessage } from '../../core/index.js';
import type { ContractHandler } from '../host/contract-handlers.js';
import { toGateError } from '../host/contract-handlers.js';
import { isAppUrl } from './window-options.js';

export function handleIpcCall(handler: ContractHandler, event: Pick<IpcMainInvokeEvent, 'senderFrame'>, method: unknown, params: unknown): CallEnvelope {
  const frameUrl = event.senderFrame?.url ?? '';
  if (!isAppUrl(frameUrl)) return { ok: false, error: { code: 'FORBIDDEN_SENDER', message: `calls from ${frameUrl || 'an unknown frame'} are refused` } };
  if (typeof method !== 'string') return { ok: false, error: { code: 'BAD_MESSAGE', message: 'method must be a string' } };
  try {
    return { ok: true, result: handler(method, params) };
  } catch (error) {
    return { ok: false, error: toGateError(error) };
  }
}

export function registerIpcBridge(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, handler: ContractHandler): () => void {
  ipcMain.handle(IPC_CALL_CHANNEL, (event, method: unknown, params: unknown) => handleIpcCall(handler, event, method, params));
  return () => ipcMain.removeHandler(IPC_CALL_CHANNEL);
}

export function forwardEvents(subscribe: (listener: (event: GateEventMessage) => void) => () => void, contents: () => WebContents | undefined): () => void {
  return subscribe((event) => {
    const target = contents();
    if (target && !target.isDestroyed()) target.send(IPC_EVENT_CHANNEL, event);
  });
}
