/**
 * "A queue of results never hides the latest": when scans come faster than the result hold time, the newest result
 * is the big panel and the ones it replaced stay here, compact (time, name, icon + word), until the guard marks them
 * seen or their own hold time runs out (counted from when they moved here, so a result replaced after a fraction of
 * a second still gets its full time on screen).
 */
import { useEffect } from 'preact/hooks';
import type { Language } from '../../core/index.js';
import { GUARD_SCREEN_TEXT } from '../i18n/guard-screen-text.js';
import { UI_TEXT } from '../i18n/ui-text.js';
import type { EarlierResult } from '../state/screen-state.js';
import { formatTime } from './format.js';
import { Icon } from './icons.js';
import { OUTCOME_ICONS } from './result-verdict.js';
import { outcomeHeadline, refusalText } from '../../core/index.js';


function EarlierRow(props: { item: EarlierResult; language: Language; timeZone: string; holdMs: number; onDismiss: (key: string) => void }) {
  const { item, language, holdMs, onDismiss } = props;
  const t = UI_TEXT[language];
  useEffect(() => {
    const timer = setTimeout(() => onDismiss(item.key), holdMs);
    return () => clearTimeout(timer);
  }, [item.key, holdMs, onDismiss]);
  const { result } = item;
  const outcome = result.kind === 'entry' ? result.entry.decision.outcome : result.kind === 'checkin' ? result.checkin.outcome : 'error';
  const word =
    result.kind === 'entry'
      ? outcomeHeadline(result.entry.decision.outcome, result.entry.decision.direction, language)
      : result.kind === 'checkin'
        ? outcomeHeadline(result.checkin.outcome, 'in', language)
        : t.systemError;
  const name = result.kind === 'entry' ? result.entry.decision.person.displayName || '—' : result.kind === 'checkin' ? result.checkin.displayName : refusalText(result.error.code, language).message;
  const at = result.kind === 'entry' ? result.entry.committedAt : result.kind === 'checkin' ? result.checkin.checkedInAt : undefined;
  return (
    <li class={`earlier__row earlier__row--${outcome}`} data-testid="earlier-row" data-outcome={outcome} data-seq={result.kind === 'entry' ? result.entry.seq : undefined}>
      <span class="earlier__time">{at !== undefined ? formatTime(at, props.timeZone) : ''}</span>
      <span class="earlier__outcome">
        <Icon name={OUTCOME_ICONS[outcome]} /> {word}
      </span>
      <span class="earlier__name">{name}</span>
      <button type="button" class="button button--secondary earlier__seen" data-testid="earlier-seen" aria-label={`${GUARD_SCREEN_TEXT[language].seen}: ${name}`} onClick={() => onDismiss(item.key)}>
        {GUARD_SCREEN_TEXT[language].seen}
      </button>
    </li>
  );
}

export function EarlierResults(props: { items: readonly EarlierResult[]; language: Language; timeZone: string; holdMs: number; onDismiss: (key: string) => void }) {
  if (props.items.length === 0) return null;
  const t = GUARD_SCREEN_TEXT[props.language];
  return (
    <section class="earlier" aria-label={t.earlierTitle} data-testid="earlier" tabIndex={0}>
      <h2 class="earlier__title">{t.earlierTitle}</h2>
      <ol class="earlier__list">
        {props.items.map((item) => (
          <EarlierRow key={item.key} item={item} language={props.language} timeZone={props.timeZone} holdMs={props.holdMs} onDismiss={props.onDismiss} />
        ))}
      </ol>
      {props.items.length > 1 && (
        <button type="button" class="button button--secondary earlier__seen-all" data-testid="earlier-seen-all" onClick={() => props.items.forEach((i) => props.onDismiss(i.key))}>
          {t.seenAll}
        </button>
      )}
    </section>
  );
}
