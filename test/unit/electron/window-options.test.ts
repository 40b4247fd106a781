/** The guard screen's BrowserWindow options follow Electron's security checklist; devtools and kiosk follow config. */
import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { APP_URL, isAppUrl, mainWindowOptions } from '../../../main/electron/window-options.js';

const preloadPath = '/opt/gate-terminal/dist/preload.cjs';

describe('mainWindowOptions', () => {
  it('isolates and sandboxes the renderer, with no Node anywhere and no remote or insecure content', () => {
    const prefs = mainWindowOptions({ preloadPath, kiosk: false, devTools: false }).webPreferences!;
    assert.equal(prefs.contextIsolation, true);
    assert.equal(prefs.sandbox, true);
    assert.equal(prefs.nodeIntegration, false);
    assert.equal(prefs.nodeIntegrationInWorker, false);
    assert.equal(prefs.nodeIntegrationInSubFrames, false);
    assert.equal(prefs.webSecurity, true);
    assert.equal(prefs.allowRunningInsecureContent, false);
    assert.equal(prefs.webviewTag, false);
    assert.equal(prefs.experimentalFeatures, false);
    assert.equal(prefs.navigateOnDragDrop, false);
    assert.equal(prefs.preload, preloadPath);
  });

  it('turns devtools off in production and on in development', () => {
    assert.equal(mainWindowOptions({ preloadPath, kiosk: false, devTools: false }).webPreferences!.devTools, false);
    assert.equal(mainWindowOptions({ preloadPath, kiosk: false, devTools: true }).webPreferences!.devTools, true);
  });

  it('takes kiosk (and full screen) from the setting', () => {
    const kiosk = mainWindowOptions({ preloadPath, kiosk: true, devTools: false });
    const windowed = mainWindowOptions({ preloadPath, kiosk: false, devTools: false });
    assert.deepEqual([kiosk.kiosk, kiosk.fullscreen], [true, true]);
    assert.deepEqual([windowed.kiosk, windowed.fullscreen], [false, false]);
  });

  it('starts hidden (shown on ready-to-show, so the guard never sees a white flash)', () => {
    assert.equal(mainWindowOptions({ preloadPath, kiosk: false, devTools: false }).show, false);
  });
});

describe('isAppUrl', () => {
  it('accepts the app origin and any path under it', () => {
    assert.equal(APP_URL, 'gate://app/index.html');
    for (const url of [APP_URL, 'gate://app/', 'gate://app/assets/app.js?x=1']) assert.equal(isAppUrl(url), true, url);
  });

  it('refuses other schemes, other hosts, look-alike hosts and garbage', () => {
    for (const url of [
      'https://evil.example/',
      'file:///etc/passwd',
      'http://app/index.html',
      'gate://app.evil.example/index.html',
      'gate://evil/index.html',
      'gate://app:8080/index.html',
      'devtools://devtools/bundled/inspector.html',
      'about:blank',
      '',
      'not a url',
    ]) {
      assert.equal(isAppUrl(url), false, url);
    }
  });
});
