/**
 * Reason codes as people read them: the Vietnamese text from core's reason table with the English text as a second
 * line, never the bare code (kept in a title attribute for whoever reports a problem). Notices — the terminal's clock,
 * stale data — are listed after the reasons and marked as notices, since they never decide an entry.
 */
import { isNoticeReason, isReasonCode, reasonSeverity, reasonText, type Language } from '../../core/index.js';
import { html, type RawHtml } from './admin-html.js';

/** The message of a code in one language; reasons with `{placeholders}` read as "…" where the entry has no value. */
export function reasonMessage(code: string, language: Language): string {
  return isReasonCode(code) ? reasonText(code, language).message : language === 'vi' ? `Lý do khác (${code})` : `Other reason (${code})`;
}

/** Reasons that deny on their own (a notice or an admitting reason given with a denial is not one). Unknown codes count. */
export function isDenialReason(code: string): boolean {
  return !isReasonCode(code) || reasonSeverity(code) === 'deny';
}

export function reasonList(codes: readonly string[]): RawHtml {
  if (codes.length === 0) return html``;
  const ordered = [...codes.filter((c) => !isNoticeReason(c)), ...codes.filter(isNoticeReason)];
  const items = ordered.map((code) =>
    isNoticeReason(code)
      ? html`<li class="reason--notice" title="${code}">Lưu ý: ${reasonMessage(code, 'vi')}<br><span class="en" lang="en">Notice: ${reasonMessage(code, 'en')}</span></li>`
      : html`<li title="${code}">${reasonMessage(code, 'vi')}<br><span class="en" lang="en">${reasonMessage(code, 'en')}</span></li>`,
  );
  return html`<ul class="reasons">${items}</ul>`;
}
