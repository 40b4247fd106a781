/**
 * One reason of a result as the guard reads it: the Vietnamese sentence (bold) with its next step, then the English
 * line. Shared by the scan result (result-panel.tsx), the raised phone check-in (checkin-result.tsx) and the system
 * error card, so the three always look and read alike. `code` is kept as data for tests and support, never shown.
 */
import type { ShownReasonText } from '../../core/index.js';

export interface ReasonItemText {
  readonly code: string;
  readonly vi: ShownReasonText;
  readonly en: ShownReasonText;
}

export function ReasonItem({ reason, first }: { reason: ReasonItemText; first: boolean }) {
  return (
    <li data-reason={reason.code} class={first ? 'reason reason--first' : 'reason'} data-testid={first ? 'result-first-reason' : undefined}>
      <p class="reason__vi" lang="vi">
        <strong>{reason.vi.message}</strong>
        {reason.vi.next && ` ${reason.vi.next}`}
      </p>
      <p class="reason__en" lang="en">
        {reason.en.message}
        {reason.en.next && ` ${reason.en.next}`}
      </p>
    </li>
  );
}
