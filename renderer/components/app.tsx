/** The guard screen: result first, then the panel the guard works with. */
import { useCallback, useEffect, useReducer, useState } from 'preact/hooks';
import type { Direction, GateBridge, GuardScanSource } from '../../core/index.js';
import { BridgeError } from '../bridge/websocket-bridge.js';
import { UI_TEXT } from '../i18n/ui-text.js';
import { initialScreenState, screenReducer } from '../state/screen-state.js';
import { DirectionToggle, SimulateScan } from './controls.js';
import { ResultPanel } from './result-panel.js';
import { Counters, HardwareStatus, RecentEntries, SyncStatus } from './side-panel.js';
import { useWedgeInput } from './use-wedge-input.js';
import { SettingsScreen } from './settings-screen.js';
import { HARDWARE_TEXT } from '../i18n/hardware-text.js';

export function App({ bridge, subscribeConnection }: { bridge: GateBridge; subscribeConnection: (l: (c: boolean) => void) => void }) {
  const [state, dispatch] = useReducer(screenReducer, initialScreenState);
  const { snapshot, language } = state;
  const t = UI_TEXT[language];
  const [settingsOpen, setSettingsOpen] = useState(false);

  useEffect(() => {
    const off = bridge.onEvent((event) => dispatch({ type: 'event', event }));
    subscribeConnection((connected) => {
      dispatch({ type: 'connection', connected });
      if (connected) void bridge.call('getSnapshot', {}).then((s) => dispatch({ type: 'snapshot', snapshot: s }));
    });
    return off;
  }, [bridge, subscribeConnection]);

  const holdSeconds = snapshot?.terminal.display.resultHoldSeconds ?? 6;
  useEffect(() => {
    if (!state.showingResult) return;
    const serial = state.resultSerial;
    const timer = setTimeout(() => dispatch({ type: 'result-expired', serial }), holdSeconds * 1000);
    return () => clearTimeout(timer);
  }, [state.resultSerial, state.showingResult, holdSeconds]);

  const scan = useCallback(
    (payload: string, source: GuardScanSource) => {
      bridge.call('submitScan', { payload, source }).then(
        (entry) => dispatch({ type: 'result', entry }),
        (error: unknown) =>
          dispatch({ type: 'error', error: error instanceof BridgeError ? { code: error.code, message: error.message } : { code: 'UNKNOWN', message: String(error) } }),
      );
    },
    [bridge],
  );
  const wedgeRef = useWedgeInput((payload) => scan(payload, 'wedge'));
  const setDirection = (direction: Direction) => void bridge.call('setDirection', { direction }).catch(() => undefined);

  return (
    <div class="screen" lang={language}>
      <input ref={wedgeRef} class="wedge-input" data-testid="wedge-input" aria-label={t.wedgeLabel} autocomplete="off" readOnly />
      {state.connected === false && (
        <div class="banner banner--error" role="alert" data-testid="disconnected">
          {t.disconnected}
        </div>
      )}
      {snapshot?.alarm && (
        <div class="banner banner--error" role="alert" data-testid="alarm">
          {language === 'vi' ? snapshot.alarm.vi : snapshot.alarm.en}
        </div>
      )}
      {snapshot?.sync?.dataStale && (
        <div class="banner banner--warning" role="status" data-testid="stale-data-banner">
          ⚠ {t.sync.staleBanner}
        </div>
      )}
      {snapshot?.terminal.testIssuerTrusted && (
        <div class="banner banner--warning" data-testid="test-key-banner">
          ⚠ {t.testKeyBanner}
        </div>
      )}
      <header class="topbar">
        <div>
          <span class="topbar__label">{t.checkpoint}</span>
          <h1 data-testid="checkpoint-name">{snapshot?.terminal.checkpointName ?? '…'}</h1>
        </div>
        {snapshot && <DirectionToggle snapshot={snapshot} language={language} onChange={setDirection} />}
        <button type="button" class="language" data-testid="settings-open" onClick={() => setSettingsOpen(true)}>
          ⚙ {HARDWARE_TEXT[language].settings}
        </button>
        <button
          type="button"
          class="language"
          data-testid="language-toggle"
          onClick={() => dispatch({ type: 'language', language: language === 'vi' ? 'en' : 'vi' })}
        >
          {t.language}
        </button>
      </header>
      {settingsOpen && <SettingsScreen bridge={bridge} language={language} onClose={() => setSettingsOpen(false)} />}
      <main class="layout">
        <ResultPanel latest={state.latest} showing={state.showingResult} language={language} timeZone={snapshot?.terminal.timeZone ?? 'Asia/Ho_Chi_Minh'} />
        {snapshot && (
          <aside class="panel">
            <Counters snapshot={snapshot} language={language} />
            <HardwareStatus snapshot={snapshot} language={language} />
            {snapshot.sync && <SyncStatus sync={snapshot.sync} language={language} timeZone={snapshot.terminal.timeZone} />}
            {snapshot.terminal.simulatedHardware && <SimulateScan language={language} onScan={(p) => scan(p, 'simulated')} />}
            <RecentEntries snapshot={snapshot} language={language} />
          </aside>
        )}
      </main>
      <footer class="footer">
        {t.terminal} {snapshot?.terminal.terminalId} · v{snapshot?.terminal.version} · {snapshot?.terminal.hostMode}
        {snapshot && !snapshot.terminal.clockSynchronised && <span class="footer__warn"> · ⏱ {t.clockNotSynced}</span>}
      </footer>
    </div>
  );
}
