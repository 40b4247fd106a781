/**
 * The settings screen's information part (after the PIN): the checkpoint as configured, this terminal's ids and
 * version, its hub link, the language for this session, and the camera's measured frame rate and detection rate.
 */
import type { Language, TerminalDetails } from '../../core/index.js';
import type { CameraStats } from '../camera/camera-scanner.js';
import { GUARD_SCREEN_TEXT } from '../i18n/guard-screen-text.js';
import { UI_TEXT } from '../i18n/ui-text.js';

function Row(props: { id: string; label: string; value: string }) {
  return (
    <tr data-testid={`info-${props.id}`}>
      <th scope="row">{props.label}</th>
      <td>{props.value}</td>
    </tr>
  );
}

export function TerminalInfoTable(props: { details: TerminalDetails; language: Language; camera?: CameraStats }) {
  const t = GUARD_SCREEN_TEXT[props.language].info;
  const sync = UI_TEXT[props.language].sync;
  const { terminal, hub } = props.details;
  const hubValue = !hub
    ? t.hubNone
    : [hub.url, hub.sync ? sync.state[hub.sync.state] : t.notEnrolled, hub.sync ? `${t.queued} ${hub.sync.queued}` : ''].filter(Boolean).join(' · ');
  const cameraValue = props.camera
    ? `${props.camera.fps.toFixed(1)} ${GUARD_SCREEN_TEXT[props.language].camera.fps} · ${GUARD_SCREEN_TEXT[props.language].camera.detection} ${Math.round(props.camera.detection * 100)} %`
    : t.cameraOff;
  return (
    <table class="terminal-info" data-testid="terminal-info">
      <caption>{t.title}</caption>
      <tbody>
        <Row id="checkpoint-id" label={t.checkpointId} value={terminal.checkpointId} />
        <Row id="checkpoint-name" label={t.checkpointName} value={terminal.checkpointName} />
        <Row id="direction" label={t.direction} value={t.directionMode[terminal.directionMode]} />
        <Row id="department" label={t.department} value={props.details.department ?? t.none} />
        {hub?.enrolment && <Row id="building" label={t.hubBuilding} value={`${hub.enrolment.buildingName} (${hub.enrolment.buildingId})`} />}
        <Row id="terminal-id" label={t.terminalId} value={hub?.enrolment ? `${terminal.terminalId} · ${hub.enrolment.hubTerminalId}` : terminal.terminalId} />
        <Row id="version" label={t.version} value={terminal.version} />
        <Row id="host-mode" label={t.hostMode} value={terminal.hostMode} />
        <Row id="hub" label={t.hub} value={hubValue} />
        <Row id="camera" label={t.camera} value={cameraValue} />
      </tbody>
    </table>
  );
}

/** Vietnamese / English for this session (not saved: the next start uses the configured language). */
export function LanguageSwitch(props: { language: Language; onLanguage: (language: Language) => void }) {
  const t = GUARD_SCREEN_TEXT[props.language].info;
  return (
    <fieldset class="language-switch" data-testid="settings-language">
      <legend>{t.language}</legend>
      {(['vi', 'en'] as const).map((l) => (
        <label key={l} class="language-switch__option">
          <input type="radio" name="settings-language" data-testid={`settings-language-${l}`} checked={props.language === l} onChange={() => props.onLanguage(l)} />
          <span lang={l}>{l === 'vi' ? 'Tiếng Việt' : 'English'}</span>
        </label>
      ))}
    </fieldset>
  );
}
