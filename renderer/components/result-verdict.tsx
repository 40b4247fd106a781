/**
 * The verdict line at the top of every result card: icon + headline word (never colour alone), then — for a person's
 * result — the name and one line of meta (credential, direction, time; or "phone check-in" and time). Shared by the scan
 * result, the raised phone check-in and the system-error card (result-panel.tsx, checkin-result.tsx), so the three
 * cards keep one layout: the screenshots of test/e2e compare it pixel for pixel.
 */
import type { ComponentChildren } from 'preact';
import { Icon, type IconName } from './icons.js';

export const OUTCOME_ICONS: Readonly<Record<'admit' | 'deny' | 'review' | 'error', IconName>> = { admit: 'check', deny: 'cross', review: 'alert', error: 'warning' };

export interface ResultVerdictProps {
  readonly icon: IconName;
  readonly word: string;
  /** The person's display name ('—' when the credential names nobody); absent on a system error. */
  readonly person?: string;
  /** Masked in the screenshots (it holds the time). */
  readonly meta?: ComponentChildren;
}

export function ResultVerdict({ icon, word, person, meta }: ResultVerdictProps) {
  return (
    <div class="result__verdict" data-testid="result-verdict">
      <span class="result__icon">
        <Icon name={icon} />
      </span>
      <div class="result__who">
        <span class="result__word" data-testid="result-word">
          {word}
        </span>
        {person !== undefined && (
          <span class="result__person" data-testid="result-person">
            {person || '—'}
          </span>
        )}
        {meta !== undefined && (
          <span class="result__meta" data-testid="result-meta">
            {meta}
          </span>
        )}
      </div>
    </div>
  );
}
