/**
 * Hardened BrowserWindow options for the guard screen (Electron security checklist): isolated, sandboxed renderer
 * with no Node, no webview, no remote content; devtools only in development.
 */
import type { BrowserWindowConstructorOptions } from 'electron';

export interface WindowSettings {
  readonly preloadPath: string;
  readonly kiosk: boolean;
  readonly devTools: boolean;
}

export function mainWindowOptions(settings: WindowSettings): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 800,
    minHeight: 480,
    show: false,
    backgroundColor: '#101418',
    title: 'Điểm kiểm soát — gate-terminal',
    autoHideMenuBar: true,
    kiosk: settings.kiosk,
    fullscreen: settings.kiosk,
    webPreferences: {
      preload: settings.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      // Middle-click would open links in new windows (denied anyway by the window-open handler).
      disableBlinkFeatures: 'Auxclick',
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      // The outcome sounds (renderer/audio) must play for scans, which come without a user gesture.
      autoplayPolicy: 'no-user-gesture-required',
      devTools: settings.devTools,
    },
  };
}

/** The only origin the window may show; everything else is refused. */
export const APP_SCHEME = 'gate';
export const APP_ORIGIN = `${APP_SCHEME}://app`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === 'app';
  } catch {
    return false;
  }
}
