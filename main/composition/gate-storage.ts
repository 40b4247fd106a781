/**
 * Step 2 of the composition root (./create-gate-app.ts): storage, opened once the relay is in its safe position — the
 * register (append-only, fsync'd), the declaration and revocation tables beside it, and the register's passages as
 * anti-passback sees them. From here on the simulated relay records the committed sequence at each pulse or lock, so
 * tests can prove "on disk before the relay fires".
 */
import { join } from 'node:path';
import type { PassageView } from '../../core/index.js';
import { SimulatedTurnstileRelay } from '../../hardware/turnstile/simulated-turnstile-relay.js';
import type { TurnstileRelay } from '../../hardware/turnstile/turnstile-relay.js';
import type { GateConfig } from '../config/load-config.js';
import { uuidv7 } from '../platform/uuidv7.js';
import { DeclarationStore } from '../storage/declaration-store.js';
import { EntryRegister } from '../storage/entry-register.js';
import { openDatabase, type SqliteDatabase } from '../storage/open-database.js';

/** The terminal's own subject key (0600), used until a hub bundle brings the building's. */
export const SUBJECT_KEY_FILE = 'subject-hmac.key';

export const REGISTER_FILE = 'register.sqlite';

export interface GateStorage {
  readonly db: SqliteDatabase;
  readonly register: EntryRegister;
  /** Loaded or synced declarations, and the revocation list (one store, two roles). */
  readonly declarations: DeclarationStore;
  /** This register's recent admitted passages (anti-passback without a hub). */
  readonly passages: PassageView;
}

export function openGateStorage(config: GateConfig, relay: TurnstileRelay): GateStorage {
  const db = openDatabase(join(config.storage.dataDir, REGISTER_FILE));
  try {
    const register = new EntryRegister(db, { terminalId: config.terminal.id, checkpointId: config.checkpoint.id }, (t) => uuidv7(t));
    if (relay instanceof SimulatedTurnstileRelay) relay.observeCommits(() => register.committedMaxSequence());
    return { db, register, declarations: new DeclarationStore(db), passages: register.passageView(config.checkpoint.name) };
  } catch (error) {
    db.close();
    throw error;
  }
}
