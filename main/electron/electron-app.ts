/**
 * Electron main, kept thin: hardening hooks, one window, the IPC bridge, fail-safe. Everything that decides or
 * stores lives in the composition root shared with the browser host. Takes the electron module as an argument so
 * unit tests drive it with a fake (the real binary cannot run on CI).
 */
import { join } from 'node:path';
import type * as Electron from 'electron';
import type { GateConfig } from '../config/load-config.js';
import { createGateApp, type GateApp } from '../composition/create-gate-app.js';
import { createContractHandler } from '../host/contract-handlers.js';
import type { Logger } from '../platform/logger.js';
import { installFailSafe } from '../process/fail-safe.js';
import { APP_SCHEME_PRIVILEGES, appProtocolHandler } from './app-protocol.js';
import { hardenSession, hardenWebContents } from './harden-web-contents.js';
import { forwardEvents, registerIpcBridge } from './ipc-bridge.js';
import { APP_URL, mainWindowOptions } from './window-options.js';

export type ElectronModule = Pick<typeof Electron, 'app' | 'BrowserWindow' | 'ipcMain' | 'protocol' | 'session' | 'Menu'>;

export interface ElectronMainOptions {
  readonly config: GateConfig;
  readonly distDir: string;
  readonly logger: Logger;
  readonly production: boolean;
  /** Injected for tests; defaults to the real composition root. */
  readonly createApp?: (config: GateConfig) => Promise<GateApp>;
}

export interface ElectronMainHandle {
  readonly gateApp: GateApp;
  readonly window: () => Electron.BrowserWindow | undefined;
}

export const RELOAD_AFTER_UNRESPONSIVE_MS = 10_000;

export async function runElectronMain(electron: ElectronModule, options: ElectronMainOptions): Promise<ElectronMainHandle | undefined> {
  const { app, BrowserWindow, ipcMain, protocol, session, Menu } = electron;
  const { logger } = options;
  app.enableSandbox();
  if (!app.requestSingleInstanceLock()) {
    logger.warn('second-instance-refused');
    app.quit();
    return undefined;
  }
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  await app.whenReady();
  Menu.setApplicationMenu(null);
  hardenSession(session.defaultSession);
  protocol.handle(APP_SCHEME_PRIVILEGES.scheme, appProtocolHandler(join(options.distDir, 'renderer')));

  const gateApp = await (options.createApp ?? ((c) => createGateApp(c, { hostMode: 'electron', logger })))(options.config);
  installFailSafe([gateApp.hardware.relay], logger, { onSignal: () => app.quit() });
  registerIpcBridge(ipcMain, createContractHandler(gateApp));

  let win: Electron.BrowserWindow | undefined;
  const createWindow = () => {
    win = new BrowserWindow(
      mainWindowOptions({ preloadPath: join(options.distDir, 'preload.cjs'), kiosk: options.config.host.kiosk, devTools: !options.production }),
    );
    const current = win;
    current.once('ready-to-show', () => current.show());
    current.webContents.on('render-process-gone', (_event, details) => {
      logger.error('renderer-gone', { reason: details.reason });
      if (!current.isDestroyed()) void current.loadURL(APP_URL);
    });
    let unresponsiveTimer: NodeJS.Timeout | undefined;
    current.on('unresponsive', () => {
      logger.warn('renderer-unresponsive');
      unresponsiveTimer = setTimeout(() => {
        if (!current.isDestroyed()) current.webContents.forcefullyCrashRenderer();
      }, RELOAD_AFTER_UNRESPONSIVE_MS);
    });
    current.on('responsive', () => clearTimeout(unresponsiveTimer));
    void current.loadURL(APP_URL);
  };
  forwardEvents((listener) => gateApp.gate.events.add(listener), () => win?.webContents);
  createWindow();

  app.on('second-instance', () => {
    if (win && !win.isDestroyed()) win.focus();
  });
  app.on('window-all-closed', () => app.quit());
  let quitting = false;
  app.on('will-quit', (event) => {
    if (quitting) return;
    quitting = true;
    event.preventDefault();
    void gateApp.close().finally(() => app.exit(0));
  });
  return { gateApp, window: () => win };
}
