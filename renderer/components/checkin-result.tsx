/**
 * A phone check-in that needs the guard, raised in the result panel like a scan's result (issue 16): the same colour,
 * icon and word for its outcome (amber "see the guard" for a medical check), the person's name, "Phone check-in" and
 * the time, and its reasons — first PHONE_CHECKIN_SEE_GUARD, the words the phone shows too ("Mời đến gặp bảo vệ"),
 * then the declaration's. No guard actions: it is the hub's entry, not the register's; the guard checks the person.
 */
import { reasonText, type Language, type PhoneCheckinView } from '../../core/index.js';
import { DECLARE_HERE_TEXT } from '../i18n/declare-here-text.js';
import { UI_TEXT } from '../i18n/ui-text.js';
import { formatTime } from './format.js';

const ICONS = { admit: '✓', deny: '✕', review: '!' } as const;

export function CheckinResult({ checkin, language, timeZone }: { checkin: PhoneCheckinView; language: Language; timeZone: string }) {
  const t = UI_TEXT[language];
  return (
    <section class={`result result--${checkin.outcome}`} data-testid="result" data-outcome={checkin.outcome} data-kind="checkin" aria-live="assertive">
      <div class="result__verdict">
        <span class="result__icon" aria-hidden="true">
          {ICONS[checkin.outcome]}
        </span>
        <span class="result__word" data-testid="result-word">
          {t.outcome[checkin.outcome]}
        </span>
      </div>
      <div class="result__person" data-testid="result-person">
        {checkin.displayName || '—'}
      </div>
      <div class="result__meta" data-testid="result-meta">
        {DECLARE_HERE_TEXT[language].checkinResult} · {formatTime(checkin.checkedInAt, timeZone)}
      </div>
      <ul class="result__reasons" data-testid="result-reasons">
        {checkin.reasons.map((code) => (
          <li key={code} data-reason={code}>
            <p class="reason__vi" lang="vi">
              <strong>{reasonText(code, 'vi').message}</strong> {reasonText(code, 'vi').next}
            </p>
            <p class="reason__en" lang="en">
              {reasonText(code, 'en').message} {reasonText(code, 'en').next}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
