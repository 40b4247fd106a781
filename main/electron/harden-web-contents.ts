/**
 * Applies to every WebContents the app ever creates: no navigation away from the app origin, no new windows, no
 * webviews, and a permission policy that grants the camera (video only) and nothing else.
 */
import type { Session, WebContents } from 'electron';
import { isAppUrl } from './window-options.js';

type PermissionRequestHandler = Parameters<Session['setPermissionRequestHandler']>[0];
type PermissionCheckHandler = Parameters<Session['setPermissionCheckHandler']>[0];

export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  // Subframes too (the CSP already forbids frames; this is the second lock).
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/**
 * Camera only, and only for our own origin (both the page and the frame that asks); microphone, geolocation,
 * notifications, USB, serial, HID: denied.
 */
export const permissionRequestHandler: NonNullable<PermissionRequestHandler> = (contents, permission, callback, details) => {
  const mediaTypes = (details as { mediaTypes?: string[] }).mediaTypes ?? [];
  const cameraOnly = permission === 'media' && mediaTypes.length > 0 && mediaTypes.every((t) => t === 'video');
  const requestingUrl = (details as { requestingUrl?: string }).requestingUrl;
  callback(cameraOnly && isAppUrl(contents.getURL()) && (requestingUrl === undefined || isAppUrl(requestingUrl)));
};

/** The synchronous check (e.g. before enumerateDevices shows labels) follows the same rule: the camera, our origin. */
export const permissionCheckHandler: NonNullable<PermissionCheckHandler> = (_contents, permission, requestingOrigin, details) =>
  permission === 'media' && details.mediaType === 'video' && isAppUrl(requestingOrigin + '/');

export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler(permissionRequestHandler);
  session.setPermissionCheckHandler(permissionCheckHandler);
  session.setDevicePermissionHandler(() => false);
}
