/**
 * What the settings PIN guard of a running terminal (main/selftest/settings-pin.ts) needs from outside:
 * - the hash from the config, or — for a terminal started without a PIN — the config read again at each check until
 *   one is there (`gate-terminal set-pin` while it runs): the PIN works at once, without a restart;
 * - the lockout's count kept beside the register (`settings-pin-lock.json`), so a restart does not reset it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, type GateConfig } from '../config/load-config.js';
import type { PinGuardOptions, PinLockState, PinLockStore } from './settings-pin.js';

export const PIN_LOCK_FILE = 'settings-pin-lock.json';

function pinLockFile(dataDir: string): PinLockStore {
  const path = join(dataDir, PIN_LOCK_FILE);
  const count = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 0);
  return {
    load() {
      try {
        const saved = JSON.parse(readFileSync(path, 'utf8')) as Partial<PinLockState>;
        return { failures: count(saved.failures), lockouts: count(saved.lockouts), lockRemainingMs: count(saved.lockRemainingMs) };
      } catch {
        return undefined;
      }
    },
    save(state) {
      try {
        writeFileSync(path, JSON.stringify(state), { mode: 0o600 });
      } catch {
        // A read-only data dir: the lockout still holds until the next restart.
      }
    },
  };
}

/** A config that does not load counts as no PIN. */
function pinHashSetLater(source: string): () => string | undefined {
  let found: string | undefined;
  return () => {
    if (found) return found;
    try {
      found = loadConfig(source).hardware.selfTest.pinHash;
    } catch {
      found = undefined;
    }
    return found;
  };
}

/** The configured hash, or (none configured) a function reading the config again at each check. */
export function settingsPinHash(config: Pick<GateConfig, 'source' | 'hardware'>): string | (() => string | undefined) {
  return config.hardware.selfTest.pinHash ?? pinHashSetLater(config.source);
}

export function settingsPinOptions(config: Pick<GateConfig, 'storage'>): PinGuardOptions {
  return { store: pinLockFile(config.storage.dataDir) };
}
