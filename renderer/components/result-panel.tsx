/**
 * The big result: colour + icon + word (never colour alone), the person, the credential, and the reasons in
 * Vietnamese first and English second with what to do next — headline and next steps chosen by core/result-text.ts
 * so that they agree with the outcome and the direction. Readable from two metres; on a 7" panel the first reason
 * stays on screen and further reasons scroll inside the card (docs/guard-screen.md, "Panel sizes").
 */
import { refusalText, resultText, type EntryView, type GateError, type Language } from '../../core/index.js';
import type { LatestResult } from '../state/screen-state.js';
import { UI_TEXT } from '../i18n/ui-text.js';
import { formatTime } from './format.js';
import { OUTCOME_ICONS, ResultVerdict } from './result-verdict.js';
import { CheckinResult } from './checkin-result.js';
import { ReasonItem } from './reason-item.js';

function EntryResult({ entry, language, timeZone }: { entry: EntryView; language: Language; timeZone: string }) {
  const t = UI_TEXT[language];
  const { decision } = entry;
  const shown = resultText(decision);
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
      <ResultVerdict
        icon={OUTCOME_ICONS[decision.outcome]}
        word={shown.headline[language]}
        person={decision.person.displayName}
        meta={`${t.credential[decision.credential.kind]} · ${decision.direction === 'in' ? t.directionIn : t.directionOut} · ${formatTime(entry.committedAt, timeZone)}`}
      />
      {/* The first reason never shrinks (the card is at least this tall); further ones scroll in their own list. */}
      <ul class="result__reasons result__reasons--first" data-testid="result-reasons">
        {shown.reasons.slice(0, 1).map((r) => (
          <ReasonItem key={r.code} reason={r} first />
        ))}
      </ul>
      {shown.reasons.length > 1 && (
        <ul class="result__reasons result__reasons--more" data-testid="result-more-reasons" tabIndex={0}>
          {shown.reasons.slice(1).map((r) => (
            <ReasonItem key={r.code} reason={r} first={false} />
          ))}
        </ul>
      )}
    </section>
  );
}

function ErrorResult({ error, language }: { error: GateError; language: Language }) {
  const vi = refusalText(error.code, 'vi');
  const en = refusalText(error.code, 'en');
  return (
    <section class="result result--review" data-testid="result" data-outcome="error" data-code={error.code} aria-live="assertive">
      <ResultVerdict icon={OUTCOME_ICONS.error} word={UI_TEXT[language].systemError} />
      <ul class="result__reasons" data-testid="result-error">
        <ReasonItem reason={{ code: error.code, vi, en }} first />
      </ul>
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
