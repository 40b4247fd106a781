/**
 * The contract over Electron IPC. Calls arrive on one channel and are answered with an envelope (never a thrown
 * Error, whose message Electron would mangle); events go to the window on another. Calls from any frame that is not
 * the app's own origin are refused.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type CallEnvelope, type GateEventMessage } from '../../core/index.js';
import type { ContractHandler } from '../host/contract-handlers.js';
import { toGateError } from '../host/contract-handlers.js';
import type { Logger } from '../platform/logger.js';
import { isAppUrl } from './window-options.js';

export async function handleIpcCall(
  handler: ContractHandler,
  event: Pick<IpcMainInvokeEvent, 'senderFrame'>,
  method: unknown,
  params: unknown,
  logger?: Logger,
): Promise<CallEnvelope> {
  const frameUrl = event.senderFrame?.url ?? '';
  if (!isAppUrl(frameUrl)) return { ok: false, error: { code: 'FORBIDDEN_SENDER', message: `calls from ${frameUrl || 'an unknown frame'} are refused` } };
  if (typeof method !== 'string') return { ok: false, error: { code: 'BAD_MESSAGE', message: 'method must be a string' } };
  try {
    return { ok: true, result: await handler(method, params) };
  } catch (error) {
    const gateError = toGateError(error);
    // The renderer gets a generic INTERNAL error; the details go to the log, as in the browser host.
    if (gateError.code === 'INTERNAL') logger?.error('call-failed', { method, error });
    return { ok: false, error: gateError };
  }
}

export function registerIpcBridge(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, handler: ContractHandler, logger?: Logger): () => void {
  ipcMain.handle(IPC_CALL_CHANNEL, (event, method: unknown, params: unknown) => handleIpcCall(handler, event, method, params, logger));
  return () => ipcMain.removeHandler(IPC_CALL_CHANNEL);
}

export function forwardEvents(subscribe: (listener: (event: GateEventMessage) => void) => () => void, contents: () => WebContents | undefined): () => void {
  return subscribe((event) => {
    const target = contents();
    if (target && !target.isDestroyed()) target.send(IPC_EVENT_CHANNEL, event);
  });
}
