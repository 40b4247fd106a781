/** The guard screen: result first, then the panel the guard works with. */
import { useCallback, useEffect, useReducer, useState } from 'preact/hooks';
import { refusalLine, type Direction, type EntryView, type GateBridge, type GateError, type GuardScanSource, type PaperDeclarationForm } from '../../core/index.js';
import { BridgeError } from '../bridge/websocket-bridge.js';
import { UI_TEXT } from '../i18n/ui-text.js';
import { initialScreenState, screenReducer } from '../state/screen-state.js';
import { SimulateScan } from './controls.js';
import { TopBar } from './top-bar.js';
import { Icon } from './icons.js';
import { Banners } from './banners.js';
import { ResultPanel } from './result-panel.js';
import { Counters, HardwareStatus, RecentEntries, SyncStatus } from './side-panel.js';
import { useWedgeInput } from './use-wedge-input.js';
import { SettingsScreen } from './settings-screen.js';
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

/** How long a replaced result stays in the strip of earlier results, in result hold times. */
const EARLIER_HOLDS = 2;

function errorOf(error: unknown): GateError {
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
        return refusalLine(errorOf(error).code, language);
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
  const timeZone = snapshot?.terminal.timeZone ?? 'Asia/Ho_Chi_Minh';
  const shownEntry = state.showingResult && state.latest?.kind === 'entry' ? state.latest.entry : undefined;
  const wedgeRef = useWedgeInput((payload) => (setupShown ? void enrolFromScreen(bridge, payload, 'wedge') : scan(payload, 'wedge')));
  const setDirection = (direction: Direction) => void bridge.call('setDirection', { direction }).catch(() => undefined);

  if (setupShown && snapshot?.setup) {
    return (
      <div class="screen screen--setup" lang={language}>
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

  const disconnected = state.connected === false;
  return (
    <div class="screen" lang={language}>
      {/* A landmark for the scanner input and the banners, so that nothing on the screen is outside one (axe "region"). */}
      <div role="region" aria-label={GUARD_SCREEN_TEXT[language].notices} class="notices">
        <input ref={wedgeRef} class="wedge-input" data-testid="wedge-input" aria-label={t.wedgeLabel} autocomplete="off" readOnly />
        <Banners {...(snapshot ? { snapshot } : {})} language={language} disconnected={disconnected} />
      </div>
      <TopBar
        {...(snapshot ? { snapshot } : {})}
        language={language}
        cameraOn={cameraOn}
        onDirection={setDirection}
        onCamera={() => setCameraOn(!cameraOn)}
        onPaper={() => setPaperOpen(true)}
        onDeclareHere={() => setDeclareHereOpen(true)}
        onSettings={() => setSettingsOpen(true)}
        onLanguage={() => dispatch({ type: 'language', language: language === 'vi' ? 'en' : 'vi' })}
      />
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
          <ResultPanel latest={state.latest} showing={state.showingResult} language={language} timeZone={timeZone} />
          <div class="guard-actions" data-testid="guard-actions">
            {shownEntry && <HostPickButton entry={shownEntry} language={language} onOpen={() => setPickingHost(shownEntry)} />}
            {shownEntry && <OverrideButtons entry={shownEntry} language={language} onChoose={(action) => setOverriding({ entry: shownEntry, action })} />}
            {undoable && <UndoBar override={undoable} language={language} onUndo={undo} onExpired={clearUndoable} />}
          </div>
          <EarlierResults items={state.earlier} language={language} timeZone={timeZone} holdMs={holdSeconds * 1000 * EARLIER_HOLDS} onDismiss={dismissEarlier} />
          {shownEntry && snapshot?.sync?.declareHere && needsDeclaration(shownEntry) && <DeclareHereHint view={snapshot.sync.declareHere} language={language} />}
          {cameraOn && <CameraScanner language={language} onScan={(payload) => scan(payload, 'camera')} onStats={setCameraStats} />}
        </div>
        {snapshot && (
          <aside class="panel" data-testid="side-panel" data-connected={String(!disconnected)} tabIndex={0}>
            <Counters snapshot={snapshot} language={language} known={!disconnected} />
            <HardwareStatus snapshot={snapshot} language={language} known={!disconnected} />
            {snapshot.sync && <SyncStatus sync={snapshot.sync} language={language} timeZone={timeZone} known={!disconnected} />}
            {snapshot.terminal.simulatedHardware && <SimulateScan language={language} onScan={(p) => scan(p, 'simulated')} />}
            {snapshot.sync && <PhoneCheckins checkins={snapshot.phoneCheckins ?? []} language={language} timeZone={timeZone} />}
            <RecentEntries snapshot={snapshot} language={language} />
          </aside>
        )}
      </main>
      <footer class="footer">
        {t.terminal} {snapshot?.terminal.terminalId} · v{snapshot?.terminal.version} · {snapshot?.terminal.hostMode}
        {snapshot && !snapshot.terminal.clockSynchronised && (
          <span class="footer__warn">
            {' · '}
            <Icon name="clock" /> {t.clockNotSynced}
          </span>
        )}
      </footer>
    </div>
  );
}
