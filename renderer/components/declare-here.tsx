/**
 * The hub's declaration page on the guard screen: the "declare here" (Khai báo tại chỗ) dialog with the page's QR,
 * the same QR under a deny for a missing or expired declaration (declare, then rescan), and the live list of phone
 * check-ins at this checkpoint next to the scanned entries.
 */
import { ReasonCode, type DeclareHereView, type EntryView, type Language, type PhoneCheckinView } from '../../core/index.js';
import { DECLARE_HERE_TEXT } from '../i18n/declare-here-text.js';
import { formatTime } from './format.js';
import { Icon } from './icons.js';

/** Denials a declaration made on the spot cures. */
const CURED_BY_DECLARING: readonly ReasonCode[] = [ReasonCode.DeclarationNotFound, ReasonCode.TokenExpired, ReasonCode.DeclarationTooOld];

export function needsDeclaration(entry: EntryView): boolean {
  return entry.decision.outcome === 'deny' && entry.decision.reasons.some((r) => CURED_BY_DECLARING.includes(r));
}

export function DeclareHereDialog({ view, language, onClose }: { view: DeclareHereView; language: Language; onClose: () => void }) {
  const t = DECLARE_HERE_TEXT[language];
  return (
    <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="declare-here-title" data-testid="declare-here-dialog">
      <div class="dialog__panel declare-here">
        <h2 id="declare-here-title">{t.title}</h2>
        <p class="dialog__hint">{t.instructions}</p>
        <img class="declare-here__qr" src={view.qrDataUrl} alt={view.url} data-testid="declare-here-qr" />
        <p class="declare-here__url" data-testid="declare-here-url">{view.url}</p>
        <div class="dialog__buttons">
          <button type="button" class="language" onClick={onClose}>
            {t.close}
          </button>
        </div>
      </div>
    </div>
  );
}

export function DeclareHereHint({ view, language }: { view: DeclareHereView; language: Language }) {
  return (
    <div class="declare-hint" data-testid="declare-here-hint">
      <img class="declare-hint__qr" src={view.qrDataUrl} alt={view.url} />
      <p>{DECLARE_HERE_TEXT[language].hint}</p>
    </div>
  );
}

export function PhoneCheckins({ checkins, language, timeZone }: { checkins: readonly PhoneCheckinView[]; language: Language; timeZone: string }) {
  const t = DECLARE_HERE_TEXT[language];
  return (
    <section class="recent phone-checkins" aria-label={t.checkinsTitle} data-testid="phone-checkins" tabIndex={0}>
      <h2>
        <Icon name="phone" /> {t.checkinsTitle}
      </h2>
      {checkins.length === 0 ? (
        <p class="recent__empty">{t.noCheckins}</p>
      ) : (
        <ol class="recent__list">
          {checkins.map((c) => (
            <li key={c.checkinId} class={`recent__row phone-checkin phone-checkin--${c.result}`} data-testid="phone-checkin-row" data-result={c.result}>
              <span class="recent__time">{formatTime(c.checkedInAt, timeZone)}</span>
              <span class="recent__dir">
                <Icon name="phone" />
              </span>
              <span class="recent__outcome">{t.result[c.result]}</span>
              <span class="recent__name">{c.displayName}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
