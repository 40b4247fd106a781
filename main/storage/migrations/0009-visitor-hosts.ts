import type { Migration } from './index.js';

/**
 * The host a visitor came to see at a department checkpoint: the opaque id from the department's synced host list
 * (never a name or an ID number), set on the entry the guard's host pick produced (override_reason HOST_PICKED).
 */
export const m0009VisitorHosts: Migration = {
  version: 9,
  name: 'visitor host picked by the guard',
  sql: `
    ALTER TABLE entries ADD COLUMN host_id TEXT CHECK (host_id IS NULL OR length(host_id) <= 64);
  `,
};
