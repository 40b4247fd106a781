/**
 * Electron main, kept thin: hardening hooks, one window, the IPC bridge, fail-safe. Everything that decides or
 * stores lives in the composition root shared with the browser host. Takes the electron module as an argument so
 * unit tests drive it with a fake (the real binary cannot run on CI).
 */
import { join } from 'node:path';
import type * as Electron from 'electron';
import { testControlsRequested } from '../../core/index.js';
import type { GateConfig } from '../config/load-config.js';
import { createGateApp, type GateApp } from '../composition/create-gate-app.js';
import { createContractHandler } from '../host/contract-handlers.js';
import type { Logger } from '../platform/logger.js';
import { installFailSafe } from '../process/fail-safe.js';
import { registerReadable, startHostWatchdog, type HostWatchdog } from '../process/start-watchdog.js';
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
  /** systemd's environment (NOTIFY_SOCKET, WATCHDOG_USEC); defaults to process.env. */
  readonly env?: NodeJS.ProcessEnv;
}

export interface ElectronMainHandle {
  readonly gateApp: GateApp;
  readonly window: () => Electron.BrowserWindow | undefined;
}

export const RELOAD_AFTER_UNRESPONSIVE_MS = 10_000;
/** A hung scanner or database must not keep the terminal from quitting (and being restarted); the relay is safe first. */
export const CLOSE_TIMEOUT_MS = 5_000;

export async function runElectronMain(electron: ElectronModule, options: ElectronMainOptions): Promise<ElectronMainHandle | undefined> {
  const { app, BrowserWindow, ipcMain, protocol, session, Menu } = electron;
  const { logger } = options;
  // Both must happen before 'ready': Electron ignores (or throws on) them afterwards.
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
  const uninstallFailSafe = installFailSafe([gateApp.hardware.relay], logger, { onSignal: () => app.quit() });
  const watchdog: { current?: HostWatchdog } = {};
  const removeIpcBridge = registerIpcBridge(ipcMain, createContractHandler(gateApp, {
    onRendererBeat: () => watchdog.current?.rendererBeat(),
    testControls: testControlsRequested(options.env ?? process.env),
  }), logger);
  let rendererUnresponsive = false;

  let quitting = false;
  let win: Electron.BrowserWindow | undefined;
  // A rejected loadURL (aborted or failed navigation) must be logged, not left unhandled: the fail-safe treats an
  // unhandled rejection as fatal and would end the process.
  const loadApp = (target: Electron.BrowserWindow) => {
    target.loadURL(APP_URL).catch((error: unknown) => logger.error('renderer-load-failed', { error: error instanceof Error ? error : new Error(String(error)) }));
  };
  const createWindow = () => {
    const windowOptions = mainWindowOptions({ preloadPath: join(options.distDir, 'preload.cjs'), kiosk: options.config.host.kiosk, devTools: !options.production });
    // The essential hardening of window-options.ts, repeated literally where the window is made so that the static
    // check in `npm test` (Electronegativity) sees it here; the values are the same.
    win = new BrowserWindow({
      ...windowOptions,
      webPreferences: { ...windowOptions.webPreferences, contextIsolation: true, sandbox: true, nodeIntegration: false, disableBlinkFeatures: 'Auxclick' },
    });
    const current = win;
    current.once('ready-to-show', () => current.show());
    current.webContents.on('render-process-gone', (_event, details) => {
      logger.error('renderer-gone', { reason: details.reason });
      if (!quitting && !current.isDestroyed()) loadApp(current);
    });
    let unresponsiveTimer: NodeJS.Timeout | undefined;
    current.on('unresponsive', () => {
      rendererUnresponsive = true;
      logger.warn('renderer-unresponsive');
      clearTimeout(unresponsiveTimer);
      unresponsiveTimer = setTimeout(() => {
        if (!current.isDestroyed()) current.webContents.forcefullyCrashRenderer();
      }, RELOAD_AFTER_UNRESPONSIVE_MS);
    });
    current.on('responsive', () => {
      rendererUnresponsive = false;
      clearTimeout(unresponsiveTimer);
    });
    current.on('closed', () => clearTimeout(unresponsiveTimer));
    loadApp(current);
  };
  const stopForwarding = forwardEvents((listener) => gateApp.gate.events.add(listener), () => win?.webContents);
  createWindow();
  // Under systemd (gate-terminal-kiosk.service): READY=1 now; WATCHDOG=1 while the window's renderer beats, Electron
  // does not report it unresponsive, and the register answers.
  const registerCheck = registerReadable(gateApp.register);
  watchdog.current = startHostWatchdog({
    logger,
    env: options.env ?? process.env,
    gateCheck: () => (rendererUnresponsive ? 'Electron reports the guard screen unresponsive' : registerCheck()),
  });

  app.on('second-instance', () => {
    if (win && !win.isDestroyed()) win.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    if (quitting) return;
    quitting = true;
    event.preventDefault();
    void shutdown().then((code) => app.exit(code));
  });

  async function shutdown(): Promise<number> {
    watchdog.current?.stop();
    try {
      gateApp.hardware.relay.toSafePosition();
    } catch (error) {
      logger.error('relay-safe-position-failed', { error: error instanceof Error ? error : new Error(String(error)) });
    }
    stopForwarding();
    removeIpcBridge();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), CLOSE_TIMEOUT_MS)));
    try {
      const outcome = await Promise.race([gateApp.close().then(() => 'closed' as const), timedOut]);
      if (outcome === 'timeout') logger.error('close-timed-out', { afterMs: CLOSE_TIMEOUT_MS });
      return outcome === 'closed' ? 0 : 1;
    } catch (error) {
      logger.error('close-failed', { error: error instanceof Error ? error : new Error(String(error)) });
      return 1;
    } finally {
      clearTimeout(timer);
      uninstallFailSafe();
    }
  }
  return { gateApp, window: () => win };
}
