/**
 * The settings screen behind a PIN (IT staff). The PIN goes to the host, which compares it with the configured hash;
 * the screen never knows the right one. Unlocked, it shows the terminal's information, the language for this session
 * and the hardware self-test of the live terminal (its steps as they run). The PIN stays in memory only while the
 * screen is open, for the self-test call.
 */
import { useEffect, useState } from 'preact/hooks';
import { refusalText, type GateBridge, type Language, type RefusalCode, type SelfTestReport, type TerminalDetails } from '../../core/index.js';
import { BridgeError } from '../bridge/websocket-bridge.js';
import type { CameraStats } from '../camera/camera-scanner.js';
import { GUARD_SCREEN_TEXT } from '../i18n/guard-screen-text.js';
import { HARDWARE_TEXT } from '../i18n/hardware-text.js';
import { LanguageSwitch, TerminalInfoTable } from './terminal-info.js';
import { EnrolSettingsSection } from './enrol-settings-section.js';
import { SelfTestTable } from './self-test-table.js';

export interface SettingsProps {
  readonly bridge: GateBridge;
  readonly language: Language;
  readonly onLanguage: (language: Language) => void;
  readonly camera?: CameraStats;
  readonly onClose: () => void;
}

function NoPinYet({ language, onCheckAgain }: { language: Language; onCheckAgain: () => void }) {
  const t = HARDWARE_TEXT[language].noPin;
  return (
    <section class="settings__no-pin" data-testid="settings-no-pin">
      <p>
        <strong>{t.title}</strong>
      </p>
      <p>{t.run}</p>
      <pre data-testid="settings-no-pin-command">sudo gate-terminal set-pin</pre>
      <p>{t.then}</p>
      <button type="button" class="button" data-testid="settings-check-pin" onClick={onCheckAgain}>
        {t.checkAgain}
      </button>
    </section>
  );
}

/**
 * A refusal behind the PIN (wrong PIN, locked, a self-test already running): what happened, then what to do, in the
 * registry's words (core/refusals.ts).
 */
function SettingsError({ code, language }: { code: RefusalCode; language: Language }) {
  const { message, next } = refusalText(code, language);
  return (
    <div class="settings__error" role="alert" data-code={code}>
      <p data-testid="settings-error">{message}</p>
      <p data-testid="settings-error-next">{next}</p>
    </div>
  );
}

export function SettingsScreen(props: SettingsProps) {
  const t = HARDWARE_TEXT[props.language];
  const words = GUARD_SCREEN_TEXT[props.language].info;
  const [pin, setPin] = useState('');
  const [unlocked, setUnlocked] = useState<{ pin: string; details: TerminalDetails } | undefined>();
  const [error, setError] = useState<RefusalCode | undefined>();
  const [runId, setRunId] = useState<number | undefined>();
  const [report, setReport] = useState<SelfTestReport | undefined>();
  const explain = (e: unknown) => setError(e instanceof BridgeError ? e.code : 'UNKNOWN');

  useEffect(
    () =>
      props.bridge.onEvent((event) => {
        if (event.name === 'selfTest' && event.data.runId === runId) setReport(event.data);
      }),
    [props.bridge, runId],
  );

  // Is a PIN set at all? Asked each time the screen opens (and on "check again"): it may be set while the terminal runs.
  const [pinSet, setPinSet] = useState<boolean | undefined>();
  const checkPinSet = () => void props.bridge.call('getSnapshot', {}).then((s) => setPinSet(s.terminal.settingsPinSet), explain);
  useEffect(checkPinSet, [props.bridge]);

  const unlock = (event: Event) => {
    event.preventDefault();
    setError(undefined);
    const typed = pin;
    setPin('');
    props.bridge.call('getTerminalDetails', { pin: typed }).then((details) => setUnlocked({ pin: typed, details }), explain);
  };
  const runSelfTest = () => {
    if (!unlocked) return;
    setError(undefined);
    setReport(undefined);
    props.bridge.call('runSelfTest', { pin: unlocked.pin }).then((r) => setRunId(r.runId), explain);
  };

  return (
    <div class="settings" role="dialog" aria-modal="true" aria-label={t.settingsTitle} data-testid="settings">
      <div class="settings__panel">
        <h2>{t.settingsTitle}</h2>
        {pinSet === false && <NoPinYet language={props.language} onCheckAgain={checkPinSet} />}
        {!unlocked && pinSet && (
          <form class="settings__pin" onSubmit={unlock}>
            <label for="settings-pin">{t.pin}</label>
            <input
              id="settings-pin"
              data-testid="settings-pin"
              type="password"
              inputMode="numeric"
              autocomplete="off"
              maxLength={12}
              value={pin}
              onInput={(e) => setPin((e.target as HTMLInputElement).value)}
            />
            <button type="submit" data-testid="settings-unlock" disabled={pin === ''}>
              {words.unlock}
            </button>
          </form>
        )}
        {error && <SettingsError code={error} language={props.language} />}
        {unlocked && (
          <>
            <TerminalInfoTable details={unlocked.details} language={props.language} {...(props.camera ? { camera: props.camera } : {})} />
            <LanguageSwitch language={props.language} onLanguage={props.onLanguage} />
            <section class="settings__selftest" aria-label={words.selfTest}>
              <h3>{words.selfTest}</h3>
              <button type="button" class="button" data-testid="settings-run" disabled={report !== undefined && !report.finished} onClick={runSelfTest}>
                {t.runSelfTest}
              </button>
              {report && (
                <>
                  <p data-testid="selftest-state">{report.finished ? t.selfTestDone : t.selfTestRunning}</p>
                  <SelfTestTable report={report} language={props.language} testId="selftest" />
                </>
              )}
            </section>
          </>
        )}
        {/* Enrolment with a hub asks for the PIN itself: it must work on a terminal whose settings PIN is not set yet. */}
        <EnrolSettingsSection bridge={props.bridge} language={props.language} />
        <button type="button" class="settings__close" data-testid="settings-close" onClick={props.onClose}>
          {t.close}
        </button>
      </div>
    </div>
  );
}
