/** Every WebContents stays on gate://app, opens no windows and attaches no webviews; the session grants the camera only. */
import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import type { Session, WebContents } from 'electron';
import { hardenSession, hardenWebContents, permissionCheckHandler, permissionRequestHandler } from '../../../main/electron/harden-web-contents.js';
import { APP_URL } from '../../../main/electron/window-options.js';
import { FakeWebContents, fakeEvent } from '../../support/fake-electron.js';

function hardened(): FakeWebContents {
  const contents = new FakeWebContents();
  hardenWebContents(contents as unknown as WebContents);
  return contents;
}

function navigate(contents: FakeWebContents, name: string, url: string): boolean {
  const event = fakeEvent();
  contents.emit(name, event, url);
  return event.defaultPrevented;
}

type RequestArgs = Parameters<typeof permissionRequestHandler>;
function request(pageUrl: string, permission: string, details: Record<string, unknown>): boolean {
  let granted: boolean | undefined;
  const contents = Object.assign(new FakeWebContents(), { url: pageUrl });
  permissionRequestHandler(
    contents as unknown as WebContents,
    permission as RequestArgs[1],
    (answer) => (granted = answer),
    { requestingUrl: pageUrl, isMainFrame: true, ...details } as unknown as RequestArgs[3],
  );
  assert.notEqual(granted, undefined, 'the handler must answer');
  return granted!;
}

type CheckArgs = Parameters<typeof permissionCheckHandler>;
function check(origin: string, permission: string, mediaType?: string): boolean {
  return permissionCheckHandler(null, permission as CheckArgs[1], origin, { isMainFrame: true, mediaType } as CheckArgs[3]);
}

describe('hardenWebContents', () => {
  for (const name of ['will-navigate', 'will-redirect']) {
    it(`${name}: prevents leaving the app origin and allows moving within it`, () => {
      const contents = hardened();
      assert.equal(navigate(contents, name, 'https://evil.example/phish'), true);
      assert.equal(navigate(contents, name, 'file:///etc/passwd'), true);
      assert.equal(navigate(contents, name, 'gate://app.evil.example/'), true);
      assert.equal(navigate(contents, name, APP_URL), false);
      assert.equal(navigate(contents, name, 'gate://app/index.html?reload=1'), false);
    });
  }

  it('will-frame-navigate: prevents a frame from leaving the app origin', () => {
    const contents = hardened();
    const away = fakeEvent({ url: 'https://evil.example/' });
    contents.emit('will-frame-navigate', away);
    assert.equal(away.defaultPrevented, true);
    const within = fakeEvent({ url: APP_URL });
    contents.emit('will-frame-navigate', within);
    assert.equal(within.defaultPrevented, false);
  });

  it('denies every new window, whatever its URL', () => {
    const contents = hardened();
    assert.deepEqual(contents.windowOpenHandler?.({ url: 'https://evil.example/' }), { action: 'deny' });
    assert.deepEqual(contents.windowOpenHandler?.({ url: APP_URL }), { action: 'deny' });
  });

  it('prevents attaching a webview', () => {
    const contents = hardened();
    const event = fakeEvent();
    contents.emit('will-attach-webview', event, {}, {});
    assert.equal(event.defaultPrevented, true);
  });
});

describe('permission request handler', () => {
  it('grants the camera (video only) to the app origin', () => {
    assert.equal(request(APP_URL, 'media', { mediaTypes: ['video'] }), true);
  });

  it('denies the microphone, camera + microphone, and a media request that names no type', () => {
    assert.equal(request(APP_URL, 'media', { mediaTypes: ['audio'] }), false);
    assert.equal(request(APP_URL, 'media', { mediaTypes: ['video', 'audio'] }), false);
    assert.equal(request(APP_URL, 'media', {}), false);
  });

  it('denies geolocation, notifications and the rest, even to the app origin', () => {
    for (const permission of ['geolocation', 'notifications', 'display-capture', 'clipboard-read', 'midi', 'openExternal']) {
      assert.equal(request(APP_URL, permission, {}), false, permission);
    }
  });

  it('denies the camera to another origin, and to a foreign frame inside the app page', () => {
    assert.equal(request('https://evil.example/', 'media', { mediaTypes: ['video'] }), false);
    assert.equal(request(APP_URL, 'media', { mediaTypes: ['video'], requestingUrl: 'https://evil.example/frame' }), false);
  });
});

describe('permission check handler', () => {
  it('allows the camera check for the app origin only', () => {
    assert.equal(check('gate://app', 'media', 'video'), true);
    assert.equal(check('https://evil.example', 'media', 'video'), false);
  });

  it('refuses microphone, unknown media and every other permission', () => {
    assert.equal(check('gate://app', 'media', 'audio'), false);
    assert.equal(check('gate://app', 'media', 'unknown'), false);
    assert.equal(check('gate://app', 'geolocation'), false);
    assert.equal(check('gate://app', 'notifications'), false);
  });
});

describe('hardenSession', () => {
  it('installs the request and check handlers and refuses every device (USB, serial, HID)', () => {
    const installed: Record<string, unknown> = {};
    const session = {
      setPermissionRequestHandler: (h: unknown) => (installed.request = h),
      setPermissionCheckHandler: (h: unknown) => (installed.check = h),
      setDevicePermissionHandler: (h: unknown) => (installed.device = h),
    };
    hardenSession(session as unknown as Session);
    assert.equal(installed.request, permissionRequestHandler);
    assert.equal(installed.check, permissionCheckHandler);
    const device = installed.device as (details: unknown) => boolean;
    assert.equal(device({ deviceType: 'usb', origin: 'gate://app' }), false);
    assert.equal(device({ deviceType: 'serial', origin: 'gate://app' }), false);
  });
});
