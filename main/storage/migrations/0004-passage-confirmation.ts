import type { Migration } from './index.js';

/**
 * Passage confirmation: after an admit released the turnstile, its sensor either saw the person go through
 * (`passed`) or the timeout ran out (`not-passed`: "granted, not passed" — they turned back). NULL when nothing is
 * known: not an admit, no sensor configured, or still waiting. Counters and anti-passback skip not-passed admits.
 */
export const m0004PassageConfirmation: Migration = {
  version: 4,
  name: 'passage confirmation of admits',
  sql: `
    ALTER TABLE entries ADD COLUMN passage TEXT CHECK (passage IS NULL OR passage IN ('passed', 'not-passed'));
    ALTER TABLE entries ADD COLUMN passage_at INTEGER;
  `,
};
