/**
 * Whether the system clock is NTP-synchronised. Read from `timedatectl show` when systemd is there; a terminal that
 * cannot tell reports "not synchronised" so the guard screen says so instead of trusting the clock silently.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';

export type ClockSyncProbe = () => Promise<boolean>;

/** systemd-timesyncd touches this file once it has synchronised (works without D-Bus, e.g. under cage). */
export const TIMESYNCD_FLAG = '/run/systemd/timesync/synchronized';

export function timedatectlProbe(flagFile = TIMESYNCD_FLAG): ClockSyncProbe {
  return () =>
    new Promise((resolve) => {
      execFile('timedatectl', ['show', '--property=NTPSynchronized', '--value'], { timeout: 2000 }, (error, stdout) => {
        resolve((!error && stdout.trim() === 'yes') || existsSync(flagFile));
      });
    });
}

export function fixedClockSync(value: boolean): ClockSyncProbe {
  return () => Promise.resolve(value);
}
