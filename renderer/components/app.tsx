/** The guard screen: result first, then the panel the guard works with. */
import { useCallback, useEffect, useReducer, useState } from 'preact/hooks';
import type { Direction, EntryView, GateBridge, GuardScanSource, PaperDeclarationForm } from '../../core/index.js';
import { appUpdateText } from '../../core/version/app-version.js';
import { BridgeError } from '../bridge/websocket-bridge.js';
import { UI_TEXT } from '../i18n/ui-text.js';
import { initialScreenState, screenReducer } from '../state/screen-state.js';
import { DirectionToggle, SimulateScan } from './controls.js';
import { ResultPanel } from './result-panel.js';
import { Counters, HardwareStatus, RecentEntries, SyncStatus } from './side-panel.js';
import { useWedgeInput } from './use-wedge-input.js';
import { SettingsScreen } from './settings-screen.js';
import { HARDWARE_TEXT } from '../i18n/hardware-text.js';
import { GUARD_ACTION_TEXT } from '../i18n/guard-action-text.js';
import { OverrideButtons, OverrideDialog, UndoBar, type OverrideAction, type OverrideSubmit } from './override-actions.js';
import { PaperDeclarationDialog } from './paper-declaration-dialog.js';
import { HostPickButton, HostPickerDialog, type HostPick } from './host-picker.js';
import { OutcomeSound } from '../audio/outcome-sound.js';
import { CameraScanner, type CameraStats } from '../camera/camera-scanner.js';
import { EarlierResults } from './earlier-results.js';
import { GUARD_SCREEN_TEXT } from '../i18n/guard-screen-text.js';
import { SetupScreen } from './setup-screen.js';
import { enrolFromScreen } from './enrol-form.js';
import { DeclareHereDialog, DeclareHereHint, needsDeclaration, PhoneCheckins } from './declare-here.js';
import { DECLARE_HERE_TEXT } from '../i18n/declare-here-text.js';

/** How long a replaced result stays in the strip of earlier results, in result hold times. */
const EARLIER_HOLDS = 2;

function errorOf(error: unknown) {
  return error instanceof BridgeError ? { code: error.code, message: error.message } : { code: 'UNKNOWN', message: String(error) };
}

export function App({ bridge, subscribeConnection }: { bridge: GateBridge; subscribeConnection: (l: (c: boolean) => void) => void }) {
  const [state, dispatch] = useReducer(screenReducer, initialScreenState);
  const { snapshot, language } = state;
  const t = UI_TEXT[language];
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [paperOpen, setPaperOpen] = useState(false);
  const [cameraOn, setCameraOn] = useState(false);
  const [cameraStats, setCameraStats] = useState<CameraStats | undefined>();
  const [declareHereOpen, setDeclareHereOpen] = useState(false);
  const [overriding, setOverriding] = useState<{ entry: EntryView; action: OverrideAction } | undefined>();
  const [undoable, setUndoable] = useState<EntryView | undefined>();
  const [pickingHost, setPickingHost] = useState<EntryView | undefined>();
  const clearUndoable = useCallback(() => setUndoable(undefined), []);
  const dismissEarlier = useCallback((key: string) => dispatch({ type: 'earlier-dismissed', key }), []);
  // First boot: the setup screen stays until the person leaves it after the self-test (main/setup).
  const [setupShown, setSetupShown] = useState(false);
  const setupRequired = snapshot?.setup?.required === true;
  useEffect(() => {
    if (setupRequired) setSetupShown(true);
  }, [setupRequired]);

  useEffect(() => {
    const off = bridge.onEvent((event) => dispatch({ type: 'event', event }));
    subscribeConnection((connected) => {
      dispatch({ type: 'connection', connected });
      if (connected) void bridge.call('getSnapshot', {}).then((s) => dispatch({ type: 'snapshot', snapshot: s }));
    });
    return off;
  }, [bridge, subscribeConnection]);

  const [sound] = useState(() => new OutcomeSound());
  useEffect(() => {
    const latest = state.latest;
    if (state.resultSerial === 0 || !latest) return;
    sound.play(latest.kind === 'entry' ? latest.entry.decision.outcome : latest.kind === 'checkin' ? latest.checkin.outcome : 'error');
    // Only a new result sounds (resultSerial), never a re-render or a passage update of the same one.
  }, [state.resultSerial, sound]);

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
        (error: unknown) => dispatch({ type: 'error', error: errorOf(error) }),
      );
    },
    [bridge],
  );
  /** Resolves to undefined when done, or to the text the dialog shows. */
  const guardCall = (call: () => Promise<EntryView>, done: (entry: EntryView) => void) =>
    call().then(
      (entry) => {
        dispatch({ type: 'result', entry });
        done(entry);
        return undefined;
      },
      (error: unknown) => {
        const { code, message } = errorOf(error);
        return GUARD_ACTION_TEXT[language].errors[code] ?? `${code}: ${message}`;
      },
    );
  const submitPaper = (form: PaperDeclarationForm) => guardCall(() => bridge.call('submitPaperDeclaration', form), () => setPaperOpen(false));
  const submitOverride: OverrideSubmit = (entry, action, reason, note) =>
    guardCall(
      () => bridge.call('overrideEntry', { entryId: entry.entryId, action, reason, note }),
      (override) => {
        setOverriding(undefined);
        setUndoable(override);
      },
    );
  const pickHost: HostPick = (entry, hostId) => guardCall(() => bridge.call('admitWithHost', { entryId: entry.entryId, hostId }), () => setPickingHost(undefined));
  const undo = (override: EntryView) => {
    setUndoable(undefined);
    bridge.call('undoOverride', { entryId: override.entryId }).then(
      (entry) => dispatch({ type: 'result', entry }),
      (error: unknown) => dispatch({ type: 'error', error: errorOf(error) }),
    );
  };
  const shownEntry = state.showingResult && state.latest?.kind === 'entry' ? state.latest.entry : undefined;
  const wedgeRef = useWedgeInput((payload) => (setupShown ? void enrolFromScreen(bridge, payload, 'wedge') : scan(payload, 'wedge')));
  const setDirection = (direction: Direction) => void bridge.call('setDirection', { direction }).catch(() => undefined);

  if (setupShown && snapshot?.setup) {
    return (
      <div class="screen" lang={language}>
        <input ref={wedgeRef} class="wedge-input" data-testid="wedge-input" aria-label={t.wedgeLabel} autocomplete="off" readOnly />
        <SetupScreen
          bridge={bridge}
          language={language}
          status={snapshot.setup}
          onLanguage={(l) => dispatch({ type: 'language', language: l })}
          onDone={() => setSetupShown(false)}
        />
      </div>
    );
  }

  return (
    <div class="screen" lang={language}>
      {/* A landmark for the scanner input and the banners, so that nothing on the screen is outside one (axe "region"). */}
      <div role="region" aria-label={GUARD_SCREEN_TEXT[language].notices}>
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
        {snapshot?.sync?.appVersion?.updateRequired && (
          <div class="banner banner--warning" role="status" data-testid="update-required-banner">
            ⚠ {appUpdateText(snapshot.sync.appVersion)[language]}
          </div>
        )}
        {snapshot?.terminal.testIssuerTrusted && (
          <div class="banner banner--warning" data-testid="test-key-banner">
            ⚠ {t.testKeyBanner}
          </div>
        )}
      </div>
      <header class="topbar">
        <div>
          <span class="topbar__label">{t.checkpoint}</span>
          <h1 data-testid="checkpoint-name">{snapshot?.terminal.checkpointName ?? '…'}</h1>
        </div>
        {snapshot && <DirectionToggle snapshot={snapshot} language={language} onChange={setDirection} />}
        <button type="button" class="language" data-testid="camera-toggle" aria-pressed={cameraOn} onClick={() => setCameraOn(!cameraOn)}>
          Camera
        </button>
        <button type="button" class="language" data-testid="paper-open" onClick={() => setPaperOpen(true)}>
          {GUARD_ACTION_TEXT[language].paperOpen}
        </button>
        {snapshot?.sync?.declareHere && (
          <button type="button" class="language" data-testid="declare-here-open" onClick={() => setDeclareHereOpen(true)}>
            {DECLARE_HERE_TEXT[language].open}
          </button>
        )}
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
      {settingsOpen && (
        <SettingsScreen
          bridge={bridge}
          language={language}
          onLanguage={(l) => dispatch({ type: 'language', language: l })}
          {...(cameraOn && cameraStats ? { camera: cameraStats } : {})}
          onClose={() => setSettingsOpen(false)}
        />
      )}
      {declareHereOpen && snapshot?.sync?.declareHere && <DeclareHereDialog view={snapshot.sync.declareHere} language={language} onClose={() => setDeclareHereOpen(false)} />}
      {paperOpen && <PaperDeclarationDialog language={language} onSubmit={submitPaper} onClose={() => setPaperOpen(false)} />}
      {overriding && <OverrideDialog {...overriding} language={language} onSubmit={submitOverride} onClose={() => setOverriding(undefined)} />}
      {pickingHost && <HostPickerDialog entry={pickingHost} bridge={bridge} language={language} onPick={pickHost} onClose={() => setPickingHost(undefined)} />}
      <main class="layout">
        <div class="result-column">
          <ResultPanel latest={state.latest} showing={state.showingResult} language={language} timeZone={snapshot?.terminal.timeZone ?? 'Asia/Ho_Chi_Minh'} />
          <EarlierResults items={state.earlier} language={language} timeZone={snapshot?.terminal.timeZone ?? 'Asia/Ho_Chi_Minh'} holdMs={holdSeconds * 1000 * EARLIER_HOLDS} onDismiss={dismissEarlier} />
          {shownEntry && snapshot?.sync?.declareHere && needsDeclaration(shownEntry) && <DeclareHereHint view={snapshot.sync.declareHere} language={language} />}
          {shownEntry && <HostPickButton entry={shownEntry} language={language} onOpen={() => setPickingHost(shownEntry)} />}
          {shownEntry && <OverrideButtons entry={shownEntry} language={language} onChoose={(action) => setOverriding({ entry: shownEntry, action })} />}
          {cameraOn && <CameraScanner language={language} onScan={(payload) => scan(payload, 'camera')} onStats={setCameraStats} />}
          {undoable && <UndoBar override={undoable} language={language} onUndo={undo} onExpired={clearUndoable} />}
        </div>
        {snapshot && (
          <aside class="panel">
            <Counters snapshot={snapshot} language={language} />
            <HardwareStatus snapshot={snapshot} language={language} />
            {snapshot.sync && <SyncStatus sync={snapshot.sync} language={language} timeZone={snapshot.terminal.timeZone} />}
            {snapshot.terminal.simulatedHardware && <SimulateScan language={language} onScan={(p) => scan(p, 'simulated')} />}
            {snapshot.sync && <PhoneCheckins checkins={snapshot.phoneCheckins ?? []} language={language} timeZone={snapshot.terminal.timeZone} />}
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
