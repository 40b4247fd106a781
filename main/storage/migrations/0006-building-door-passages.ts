import type { Migration } from './index.js';

/**
 * Relayed passages remember whether they were at a building door: a department checkpoint's chained policy admits
 * only people with a recent building-door entry, and its anti-passback ignores the building's doors.
 */
export const m0006BuildingDoorPassages: Migration = {
  version: 6,
  name: 'relayed passages: at a building door',
  sql: `
    ALTER TABLE relayed_passages ADD COLUMN at_building_door INTEGER NOT NULL DEFAULT 0 CHECK (at_building_door IN (0, 1));
    CREATE INDEX relayed_passages_building_entries ON relayed_passages (subject_hmac, at) WHERE at_building_door = 1 AND direction = 'in';
  `,
};
