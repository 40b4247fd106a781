/**
 * A phone check-in that needs the guard, raised in the result panel like a scan's result (issue 16): the same colour,
 * icon and word for its outcome (amber "see the guard" for a medical check), the person's name, "Phone check-in" and
 * the time, and its reasons — first PHONE_CHECKIN_SEE_GUARD, whose next step is the phone's own words
 * (SEE_GUARD_TEXT, "Mời đến gặp bảo vệ"), then the declaration's. The same layout as a scan's card: the first reason
 * stays on screen, further ones scroll in their own list. No guard actions: it is the hub's entry, not the register's;
 * the guard checks the person.
 */
import { reasonText, type Language, type PhoneCheckinView, type ReasonCode } from '../../core/index.js';
import { DECLARE_HERE_TEXT } from '../i18n/declare-here-text.js';
import { UI_TEXT } from '../i18n/ui-text.js';
import { formatTime } from './format.js';

const ICONS = { admit: '✓', deny: '✕', review: '!' } as const;

function Reason({ code, first }: { code: ReasonCode; first: boolean }) {
  const vi = reasonText(code, 'vi');
  const en = reasonText(code, 'en');
  return (
    <li data-reason={code} class={first ? 'reason reason--first' : 'reason'} data-testid={first ? 'result-first-reason' : undefined}>
      <p class="reason__vi" lang="vi">
        <strong>{vi.message}</strong> {vi.next}
      </p>
      <p class="reason__en" lang="en">
        {en.message} {en.next}
      </p>
    </li>
  );
}

export function CheckinResult({ checkin, language, timeZone }: { checkin: PhoneCheckinView; language: Language; timeZone: string }) {
  const t = UI_TEXT[language];
  const [first, ...more] = checkin.reasons;
  return (
    <section class={`result result--${checkin.outcome}`} data-testid="result" data-outcome={checkin.outcome} data-kind="checkin" aria-live="assertive">
      <div class="result__verdict" data-testid="result-verdict">
        <span class="result__icon" aria-hidden="true">
          {ICONS[checkin.outcome]}
        </span>
        <div class="result__who">
          <div class="result__word" data-testid="result-word">
            {t.outcome[checkin.outcome]}
          </div>
          <div class="result__person" data-testid="result-person">
            {checkin.displayName || '—'}
          </div>
          <div class="result__meta" data-testid="result-meta">
            {DECLARE_HERE_TEXT[language].checkinResult} · {formatTime(checkin.checkedInAt, timeZone)}
          </div>
        </div>
      </div>
      <ul class="result__reasons result__reasons--first" data-testid="result-reasons">
        {first && <Reason code={first} first />}
      </ul>
      {more.length > 0 && (
        <ul class="result__reasons result__reasons--more" data-testid="result-more-reasons" tabIndex={0}>
          {more.map((code) => (
            <Reason key={code} code={code} first={false} />
          ))}
        </ul>
      )}
    </section>
  );
}
