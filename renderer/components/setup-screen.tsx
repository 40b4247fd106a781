/**
 * The first-boot setup screen, shown instead of the gate screen while the terminal is not enrolled with the hub of
 * its config: language → enrolment (scanner / camera QR, pasted token, enroll.json on a USB stick) → the hardware
 * self-test the host runs right after enrolling → on to the gate screen. Scanner reads go to the host's setup flow
 * (the app routes the wedge here); nothing typed or scanned here becomes a gate decision.
 */
import { useEffect, useState } from 'preact/hooks';
import type { GateBridge, Language, SelfTestReport, SetupStatusView } from '../../core/index.js';
import { SETUP_TEXT } from '../i18n/setup-text.js';
import { EnrolForm, EnrolStatus } from './enrol-form.js';
import { SelfTestTable } from './self-test-table.js';

export function SetupScreen(props: {
  bridge: GateBridge;
  language: Language;
  status: SetupStatusView;
  onLanguage: (language: Language) => void;
  onDone: () => void;
}) {
  const t = SETUP_TEXT[props.language];
  const [reports, setReports] = useState<ReadonlyMap<number, SelfTestReport>>(new Map());
  useEffect(
    () =>
      props.bridge.onEvent((event) => {
        if (event.name === 'selfTest') setReports((old) => new Map(old).set(event.data.runId, event.data));
      }),
    [props.bridge],
  );
  const { status } = props;
  const report = status.selfTestRunId !== null ? reports.get(status.selfTestRunId) : undefined;
  const enrolled = !status.required;

  return (
    <main class="setup" data-testid="setup-screen" aria-labelledby="setup-title">
      <h1 id="setup-title">{t.title}</h1>
      <p>{t.intro}</p>
      <section aria-label={t.chooseLanguage}>
        <h2>{t.chooseLanguage}</h2>
        <button type="button" data-testid="setup-language-vi" aria-pressed={props.language === 'vi'} onClick={() => props.onLanguage('vi')}>
          Tiếng Việt
        </button>{' '}
        <button type="button" data-testid="setup-language-en" aria-pressed={props.language === 'en'} onClick={() => props.onLanguage('en')}>
          English
        </button>
      </section>
      <section>
        <h2>{t.scanHint}</h2>
        <p data-testid="setup-usb-hint">
          {t.usbHint} ({status.usbWatch.join(', ')})
        </p>
        {enrolled ? <EnrolStatus status={status} language={props.language} /> : <EnrolForm bridge={props.bridge} language={props.language} status={status} askPin={false} />}
      </section>
      {enrolled && (
        <section>
          <h2>{t.selfTest}</h2>
          {report && <SelfTestTable report={report} language={props.language} testId="setup-selftest" />}
          {status.phase === 'done' && (
            <>
              <p data-testid="setup-done">{t.done}</p>
              <button type="button" data-testid="setup-continue" onClick={props.onDone}>
                {t.continue}
              </button>
            </>
          )}
        </section>
      )}
    </main>
  );
}
