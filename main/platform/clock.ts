/**
 * The host's view of time. Entries record wall time (may jump), monotonic time (never jumps, resets at boot) and the
 * boot id that scopes the monotonic value, so the hub can re-order a terminal's entries when its wall clock was wrong.
 */
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';

export interface HostClock {
  /** ms since the Unix epoch */
  wallNow(): number;
  /** µs of CLOCK_MONOTONIC */
  monoNow(): number;
  readonly bootId: string;
}

/** Linux exposes a per-boot random id; elsewhere a per-process id keeps (boot, mono) pairs unambiguous. */
export function readBootId(path = '/proc/sys/kernel/random/boot_id'): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return `process-${randomUUID()}`;
  }
}

export function systemClock(): HostClock {
  const bootId = readBootId();
  return {
    wallNow: () => Date.now(),
    monoNow: () => Number(process.hrtime.bigint() / 1000n),
    bootId,
  };
}
