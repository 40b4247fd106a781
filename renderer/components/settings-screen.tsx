/**
 * The settings screen behind a PIN: runs the hardware self-test on the live terminal and shows its steps as they run.
 * The PIN goes to the host, which compares it with the configured hash; the screen never knows the right one.
 */
import { useEffect, useState } from 'preact/hooks';
import type { GateBridge, Language, SelfTestReport } from '../../core/index.js';
import { BridgeError } from '../bridge/websocket-bridge.js';
import { HARDWARE_TEXT } from '../i18n/hardware-text.js';
import { EnrolSettingsSection } from './enrol-settings-section.js';

export function SettingsScreen(props: { bridge: GateBridge; language: Language; onClose: () => void }) {
  const t = HARDWARE_TEXT[props.language];
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [runId, setRunId] = useState<number | undefined>();
  const [report, setReport] = useState<SelfTestReport | undefined>();

  useEffect(
    () =>
      props.bridge.onEvent((event) => {
        if (event.name === 'selfTest' && event.data.runId === runId) setReport(event.data);
      }),
    [props.bridge, runId],
  );

  const start = (event: Event) => {
    event.preventDefault();
    setError(undefined);
    setReport(undefined);
    props.bridge.call('runSelfTest', { pin }).then(
      (r) => setRunId(r.runId),
      (e: unknown) => setError(e instanceof BridgeError ? (t.errors[e.code] ?? e.message) : String(e)),
    );
    setPin('');
  };

  return (
    <div class="settings" role="dialog" aria-modal="true" aria-label={t.settingsTitle} data-testid="settings">
      <div class="settings__panel">
        <h2>{t.settingsTitle}</h2>
        <form class="settings__pin" onSubmit={start}>
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
          <button type="submit" data-testid="settings-run" disabled={pin === '' || (report !== undefined && !report.finished)}>
            {t.runSelfTest}
          </button>
        </form>
        {error && (
          <p class="settings__error" role="alert" data-testid="settings-error">
            {error}
          </p>
        )}
        {report && (
          <>
            <p data-testid="selftest-state">{report.finished ? t.selfTestDone : t.selfTestRunning}</p>
            <table class="selftest" data-testid="selftest">
              <tbody>
                {report.steps.map((step) => (
                  <tr key={step.name} class={`selftest__row selftest__row--${step.result}`} data-result={step.result}>
                    <td>{step.name}</td>
                    <td class="selftest__result">{t.stepResult[step.result]}</td>
                    <td>{step.detail}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
        <EnrolSettingsSection bridge={props.bridge} language={props.language} />
        <button type="button" class="settings__close" data-testid="settings-close" onClick={props.onClose}>
          {t.close}
        </button>
      </div>
    </div>
  );
}
