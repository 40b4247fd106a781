/**
 * A phone check-in that needs the guard, raised in the result panel like a scan's result (issue 16): the same colour,
 * icon and headline for its outcome (amber "CẦN KIỂM TRA" for a medical check), the person's name, "Phone check-in"
 * and the time, and its reasons — first PHONE_CHECKIN_SEE_GUARD, whose next step is the phone's own words
 * (SEE_GUARD_TEXT, "Mời đến gặp bảo vệ"), then the declaration's — ordered and worded by core/result-text.ts like a
 * scan's, in the scan card's layout (the first reason stays on screen, further ones scroll in their own list). No guard
 * actions: the check-in is the hub's entry, not the register's; the guard checks the person.
 */
import { resultText, type GateDecision, type Language, type PhoneCheckinView } from '../../core/index.js';
import { DECLARE_HERE_TEXT } from '../i18n/declare-here-text.js';
import { formatTime } from './format.js';
import { ReasonItem } from './reason-item.js';
import { OUTCOME_ICONS, ResultVerdict } from './result-verdict.js';

export function CheckinResult({ checkin, language, timeZone }: { checkin: PhoneCheckinView; language: Language; timeZone: string }) {
  // Shown as the entry the hub recorded: an entrance with a declaration (the phone's signed token).
  const decision: GateDecision = {
    outcome: checkin.outcome,
    reasons: checkin.reasons,
    credential: { kind: 'declaration' },
    person: { displayName: checkin.displayName },
    direction: 'in',
    decidedAt: checkin.checkedInAt,
  };
  const shown = resultText(decision);
  const [first, ...more] = shown.reasons;
  return (
    <section class={`result result--${checkin.outcome}`} data-testid="result" data-outcome={checkin.outcome} data-kind="checkin" aria-live="assertive">
      <ResultVerdict
        icon={OUTCOME_ICONS[checkin.outcome]}
        word={shown.headline[language]}
        person={checkin.displayName}
        meta={`${DECLARE_HERE_TEXT[language].checkinResult} · ${formatTime(checkin.checkedInAt, timeZone)}`}
      />
      <ul class="result__reasons result__reasons--first" data-testid="result-reasons">
        {first && <ReasonItem reason={first} first />}
      </ul>
      {more.length > 0 && (
        <ul class="result__reasons result__reasons--more" data-testid="result-more-reasons" tabIndex={0}>
          {more.map((reason) => (
            <ReasonItem key={reason.code} reason={reason} first={false} />
          ))}
        </ul>
      )}
    </section>
  );
}
