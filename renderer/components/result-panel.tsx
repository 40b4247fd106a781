/**
 * The big result: colour + icon + word (never colour alone), the person, the credential, and every reason in
 * Vietnamese first and English second with what to do next. Readable from two metres.
 */
import { reasonText, type EntryView, type GateError, type Language } from '../../core/index.js';
import type { LatestResult } from '../state/screen-state.js';
import { UI_TEXT } from '../i18n/ui-text.js';
import { formatTime } from './format.js';
import { CheckinResult } from './checkin-result.js';

const ICONS = { admit: '✓', deny: '✕', review: '!' } as const;

function EntryResult({ entry, language, timeZone }: { entry: EntryView; language: Language; timeZone: string }) {
  const t = UI_TEXT[language];
  const { decision } = entry;
  return (
    <section
      class={`result result--${decision.outcome}`}
      data-testid="result"
      data-outcome={decision.outcome}
      data-seq={entry.seq}
      data-source={entry.scanSource}
      data-direction={decision.direction}
      aria-live="assertive"
    >
      <div class="result__verdict">
        <span class="result__icon" aria-hidden="true">
          {ICONS[decision.outcome]}
        </span>
        <span class="result__word" data-testid="result-word">
          {t.outcome[decision.outcome]}
        </span>
      </div>
      <div class="result__person" data-testid="result-person">
        {decision.person.displayName || '—'}
      </div>
      <div class="result__meta">
        {t.credential[decision.credential.kind]} · {decision.direction === 'in' ? t.directionIn : t.directionOut} ·{' '}
        {formatTime(entry.committedAt, timeZone)}
      </div>
      <ul class="result__reasons" data-testid="result-reasons">
        {decision.reasons.map((code) => (
          <li key={code} data-reason={code}>
            <p class="reason__vi" lang="vi">
              <strong>{reasonText(code, 'vi', decision.reasonParams).message}</strong> {reasonText(code, 'vi', decision.reasonParams).next}
            </p>
            <p class="reason__en" lang="en">
              {reasonText(code, 'en', decision.reasonParams).message} {reasonText(code, 'en', decision.reasonParams).next}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

function ErrorResult({ error, language }: { error: GateError; language: Language }) {
  return (
    <section class="result result--review" data-testid="result" data-outcome="error" aria-live="assertive">
      <div class="result__verdict">
        <span class="result__icon" aria-hidden="true">
          !
        </span>
        <span class="result__word">{UI_TEXT[language].systemError}</span>
      </div>
      <p class="result__error" data-testid="result-error">
        {error.code}: {error.message}
      </p>
    </section>
  );
}

export function ResultPanel(props: { latest?: LatestResult; showing: boolean; language: Language; timeZone: string }) {
  const t = UI_TEXT[props.language];
  if (!props.showing || !props.latest) {
    return (
      <section class="result result--ready" data-testid="result" data-outcome="ready">
        <div class="result__verdict">
          <span class="result__word">{t.ready}</span>
        </div>
        <p class="result__hint">{t.readyHint}</p>
      </section>
    );
  }
  if (props.latest.kind === 'checkin') return <CheckinResult checkin={props.latest.checkin} language={props.language} timeZone={props.timeZone} />;
  return props.latest.kind === 'entry' ? (
    <EntryResult entry={props.latest.entry} language={props.language} timeZone={props.timeZone} />
  ) : (
    <ErrorResult error={props.latest.error} language={props.language} />
  );
}
