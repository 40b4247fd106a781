/**
 * What the gate checks before committing a guard override or the undo of one: the entry exists on this terminal, it is
 * recent enough, and nothing overrides it yet. Each check throws GateUnavailableError with a code the screen shows.
 */
import { HOST_PICKED_REASON, UNDO_OVERRIDE_REASON, UNDO_WINDOW_MS } from '../../core/index.js';
import type { EntryRegister, RegisteredEntry } from '../storage/entry-register.js';
import { GateUnavailableError } from './gate-unavailable-error.js';

/** How long after a scan the guard may still override it (a later override is a new scan instead). */
export const OVERRIDE_WINDOW_MS = 10 * 60_000;

function existingEntry(register: EntryRegister, entryId: string): RegisteredEntry {
  const entry = register.entryById(entryId);
  if (!entry) throw new GateUnavailableError('ENTRY_NOT_FOUND', `no entry ${entryId} on this terminal`);
  if (entry.overriddenBy) throw new GateUnavailableError('ALREADY_OVERRIDDEN', `entry ${entryId} was already overridden by ${entry.overriddenBy}`);
  return entry;
}

/**
 * The entry a guard may override now: a scan, or the re-decision of a host pick (not an override or an undo), at most
 * OVERRIDE_WINDOW_MS old.
 */
export function overridableEntry(register: EntryRegister, entryId: string, now: number): RegisteredEntry {
  const entry = existingEntry(register, entryId);
  if (entry.view.overrideOf && entry.overrideReason !== HOST_PICKED_REASON) throw new GateUnavailableError('OVERRIDE_NOT_ALLOWED', 'an override cannot itself be overridden');
  if (now - entry.view.committedAt > OVERRIDE_WINDOW_MS) {
    throw new GateUnavailableError('OVERRIDE_TOO_LATE', `entries can be overridden within ${OVERRIDE_WINDOW_MS / 60_000} minutes; scan again instead`);
  }
  return entry;
}

/** An override the guard may undo now, with the scan it overrode: at most UNDO_WINDOW_MS old, not an undo itself. */
export function undoableOverride(register: EntryRegister, entryId: string, now: number): { override: RegisteredEntry; original: RegisteredEntry } {
  const override = existingEntry(register, entryId);
  const originalId = override.view.overrideOf;
  if (!originalId || override.overrideReason === UNDO_OVERRIDE_REASON || override.overrideReason === HOST_PICKED_REASON) {
    throw new GateUnavailableError('UNDO_NOT_ALLOWED', 'only a guard override can be undone (a host pick is overridden instead)');
  }
  if (now - override.view.committedAt > UNDO_WINDOW_MS) {
    throw new GateUnavailableError('UNDO_TOO_LATE', `an override can be undone within ${UNDO_WINDOW_MS / 1000} s; override again instead`);
  }
  const original = register.entryById(originalId);
  if (!original) throw new GateUnavailableError('ENTRY_NOT_FOUND', `no entry ${originalId} on this terminal`);
  return { override, original };
}
