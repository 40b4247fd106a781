/**
 * The settings screen's "Enrol / re-enrol with hub" section: the terminal's current enrolment and the same enrolment
 * form as the setup screen, behind the settings PIN (re-enrolling replaces the terminal's hub identity).
 */
import { useEffect, useState } from 'preact/hooks';
import type { GateBridge, Language, SetupStatusView } from '../../core/index.js';
import { SETUP_TEXT } from '../i18n/setup-text.js';
import { EnrolForm } from './enrol-form.js';

export function EnrolSettingsSection(props: { bridge: GateBridge; language: Language }) {
  const t = SETUP_TEXT[props.language];
  const [status, setStatus] = useState<SetupStatusView | undefined>();
  useEffect(() => {
    void props.bridge.call('getSnapshot', {}).then((s) => setStatus(s.setup));
    return props.bridge.onEvent((event) => {
      if (event.name === 'setup') setStatus(event.data);
    });
  }, [props.bridge]);
  if (!status) return null; // no hub configured: nothing to enrol with
  return (
    <section class="enrol-settings" data-testid="enrol-settings" aria-label={t.settingsTitle}>
      <h3>{t.settingsTitle}</h3>
      <p data-testid="enrol-current">{t.current(status.terminalId, status.hubUrl)}</p>
      <EnrolForm bridge={props.bridge} language={props.language} status={status} askPin={!status.required} />
    </section>
  );
}
