/**
 * Enrolling with the hub from the screen: paste the token (or a whole create-enrolment-token output), or scan the
 * enrolment QR with the camera. Used by the first-boot setup screen and by the settings screen (there with the
 * settings PIN, since it replaces the terminal's identity). The outcome arrives as `setup` events (status prop).
 */
import { useState } from 'preact/hooks';
import { refusalLine, type EnrolmentSource, type GateBridge, type Language, type RefusalCode, type SetupStatusView } from '../../core/index.js';
import { BridgeError } from '../bridge/websocket-bridge.js';
import { CameraScanner } from '../camera/camera-scanner.js';
import { SETUP_TEXT } from '../i18n/setup-text.js';
import { Icon } from './icons.js';

export function enrolFromScreen(bridge: GateBridge, token: string, source: Exclude<EnrolmentSource, 'usb' | 'scanner'>, pin?: string): Promise<RefusalCode | undefined> {
  return bridge.call('enrolTerminal', { token, source, ...(pin ? { pin } : {}) }).then(
    () => undefined,
    (e: unknown) => (e instanceof BridgeError ? e.code : 'UNKNOWN'),
  );
}

export function EnrolStatus(props: { status: SetupStatusView; language: Language }) {
  const t = SETUP_TEXT[props.language];
  const { status } = props;
  if (status.phase === 'enrolling') return <p data-testid="enrol-status" data-phase="enrolling">{t.enrolling}</p>;
  if (status.phase === 'failed' && status.error) {
    return (
      <p class="settings__error" role="alert" data-testid="enrol-error" data-code={status.error.code}>
        {status.source ? `${t.source[status.source]}: ` : ''}
        {refusalLine(status.error.code, props.language, 'enrolment')}
      </p>
    );
  }
  if (!status.required && status.terminalId && (status.phase === 'self-test' || status.phase === 'done')) {
    return (
      <>
        <p data-testid="enrol-status" data-phase="enrolled">
          <Icon name="check" /> {t.enrolled(status.terminalId, status.checkpointName ?? status.checkpointId)}
        </p>
        {status.error && (
          <p class="settings__error" role="alert" data-testid="enrol-warning" data-code={status.error.code}>
            <Icon name="warning" /> {refusalLine(status.error.code, props.language, 'enrolment')}
          </p>
        )}
      </>
    );
  }
  return null;
}

export function EnrolForm(props: { bridge: GateBridge; language: Language; status: SetupStatusView; askPin: boolean }) {
  const t = SETUP_TEXT[props.language];
  const [token, setToken] = useState('');
  const [pin, setPin] = useState('');
  const [cameraOn, setCameraOn] = useState(false);
  const [callError, setCallError] = useState<RefusalCode | undefined>();
  const busy = props.status.phase === 'enrolling';

  const send = (text: string, source: 'paste' | 'camera') => {
    setCallError(undefined);
    void enrolFromScreen(props.bridge, text, source, props.askPin ? pin : undefined).then((code) => setCallError(code));
  };
  const submit = (event: Event) => {
    event.preventDefault();
    send(token, 'paste');
    setPin('');
  };

  return (
    <div class="enrol" data-testid="enrol-form">
      <form class="enrol__form" onSubmit={submit}>
        <label for="enrol-token">{t.pasteLabel}</label>
        <textarea id="enrol-token" data-testid="enrol-token" rows={2} autocomplete="off" spellcheck={false} value={token} onInput={(e) => setToken((e.target as HTMLTextAreaElement).value)} />
        {props.askPin && (
          <>
            <label for="enrol-pin">{t.pin}</label>
            <input id="enrol-pin" data-testid="enrol-pin" type="password" inputMode="numeric" autocomplete="off" maxLength={12} value={pin} onInput={(e) => setPin((e.target as HTMLInputElement).value)} />
          </>
        )}
        <button type="submit" data-testid="enrol-submit" disabled={busy || token.trim() === '' || (props.askPin && pin === '')}>
          {t.enrol}
        </button>
        <button type="button" data-testid="enrol-camera" aria-pressed={cameraOn} onClick={() => setCameraOn(!cameraOn)}>
          {t.camera}
        </button>
      </form>
      {cameraOn && <CameraScanner language={props.language} onScan={(payload) => send(payload, 'camera')} />}
      {callError && (
        <p class="settings__error" role="alert" data-testid="enrol-call-error">
          {refusalLine(callError, props.language, 'enrolment')}
        </p>
      )}
      <EnrolStatus status={props.status} language={props.language} />
    </div>
  );
}
