/**
 * What the guard can do with the result on screen: admit a reviewed or denied scan, or refuse a reviewed one, with a
 * reason code and a short note (each recorded by the host as its own entry); and undo that decision for 30 s.
 */
import { useEffect, useState } from 'preact/hooks';
import { MAX_OVERRIDE_NOTE_LENGTH, OVERRIDE_REASON_LABELS, OverrideReason, UNDO_WINDOW_MS, type EntryView, type Language } from '../../core/index.js';
import { GUARD_ACTION_TEXT } from '../i18n/guard-action-text.js';
import { Icon } from './icons.js';

export type OverrideAction = 'admit' | 'refuse';
export type OverrideSubmit = (entry: EntryView, action: OverrideAction, reason: OverrideReason, note: string) => Promise<string | undefined>;

/** Buttons under a review / deny result that the guard has not handled yet. */
export function OverrideButtons(props: { entry: EntryView; language: Language; onChoose: (action: OverrideAction) => void }) {
  const t = GUARD_ACTION_TEXT[props.language];
  const { outcome } = props.entry.decision;
  // A host pick's re-decision (it carries hostId) may still be overridden; other overrides may not.
  if ((props.entry.overrideOf && !props.entry.hostId) || outcome === 'admit') return null;
  return (
    <div class="override-buttons" data-testid="override-buttons">
      <button type="button" class="button button--admit" data-testid="override-admit" onClick={() => props.onChoose('admit')}>
        <Icon name="check" /> {t.overrideAdmit}
      </button>
      {outcome === 'review' && (
        <button type="button" class="button button--deny" data-testid="override-refuse" onClick={() => props.onChoose('refuse')}>
          <Icon name="cross" /> {t.overrideRefuse}
        </button>
      )}
    </div>
  );
}

export function OverrideDialog(props: { entry: EntryView; action: OverrideAction; language: Language; onSubmit: OverrideSubmit; onClose: () => void }) {
  const t = GUARD_ACTION_TEXT[props.language];
  // No reason is pre-selected: a hurried guard would record whatever was pre-selected, true or not.
  const [reason, setReason] = useState<OverrideReason | ''>('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | undefined>();
  const submit = (event: Event) => {
    event.preventDefault();
    if (reason === '' || (reason === OverrideReason.GuardJudgement && note.trim() === '')) {
      setError(reason === '' ? t.chooseReason : t.noteRequired);
      return;
    }
    void props.onSubmit(props.entry, props.action, reason, note).then(setError);
  };
  return (
    <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="override-title" data-testid="override-dialog" data-action={props.action}>
      <form class="dialog__panel" onSubmit={submit} noValidate>
        <h2 id="override-title">{t.overrideTitle(props.entry.decision.person.displayName)}</h2>
        <label for="override-reason">{t.reason}</label>
        <select id="override-reason" data-testid="override-reason" required value={reason} onChange={(e) => setReason((e.target as HTMLSelectElement).value as OverrideReason)}>
          <option value="" disabled>
            {t.chooseReasonOption}
          </option>
          {Object.values(OverrideReason).map((code) => (
            <option key={code} value={code}>
              {OVERRIDE_REASON_LABELS[code][props.language]}
            </option>
          ))}
        </select>
        <label for="override-note">{t.note}</label>
        <input
          id="override-note"
          data-testid="override-note"
          maxLength={MAX_OVERRIDE_NOTE_LENGTH}
          placeholder={t.noteHint}
          autocomplete="off"
          required={reason === OverrideReason.GuardJudgement}
          value={note}
          onInput={(e) => setNote((e.target as HTMLInputElement).value)}
        />
        {error && (
          <p class="dialog__error" role="alert" data-testid="override-error">
            {error}
          </p>
        )}
        <div class="dialog__buttons">
          <button type="button" class="button button--secondary" data-testid="override-cancel" onClick={props.onClose}>
            {t.cancel}
          </button>
          <button type="submit" class={`button button--${props.action === 'admit' ? 'admit' : 'deny'}`} data-testid="override-confirm">
            {props.action === 'admit' ? t.confirmAdmit : t.confirmRefuse}
          </button>
        </div>
      </form>
    </div>
  );
}

/** The undo button for the guard's last override, counting down the 30 s the host allows; gone when they are over. */
export function UndoBar(props: { override: EntryView; language: Language; onUndo: (override: EntryView) => void; onExpired: () => void }) {
  const t = GUARD_ACTION_TEXT[props.language];
  const deadline = props.override.committedAt + UNDO_WINDOW_MS;
  const [now, setNow] = useState(() => Date.now());
  const left = Math.ceil((deadline - now) / 1000);
  const { onExpired } = props;
  useEffect(() => {
    if (left <= 0) {
      onExpired();
      return;
    }
    const timer = setTimeout(() => setNow(Date.now()), 250);
    return () => clearTimeout(timer);
  }, [now, left, onExpired]);
  if (left <= 0) return null;
  return (
    <div class="undo-bar" role="status" data-testid="undo-bar">
      <button type="button" class="button button--secondary" data-testid="undo-override" onClick={() => props.onUndo(props.override)}>
        <Icon name="undo" /> {t.undo(Math.min(left, UNDO_WINDOW_MS / 1000))}
      </button>
    </div>
  );
}
