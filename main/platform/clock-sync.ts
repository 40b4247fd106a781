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

/** The last answer of a clock-sync probe, asked once at start and then every `intervalMs` (the gate reads it per scan). */
export class ClockSyncWatch {
  private readonly timer: NodeJS.Timeout;

  private constructor(
    private readonly probe: ClockSyncProbe,
    private current: boolean,
    intervalMs: number,
  ) {
    this.timer = setInterval(() => void this.probe().then((synced) => (this.current = synced)), intervalMs);
    this.timer.unref();
  }

  static async start(probe: ClockSyncProbe, intervalMs = 60_000): Promise<ClockSyncWatch> {
    return new ClockSyncWatch(probe, await probe(), intervalMs);
  }

  synchronised(): boolean {
    return this.current;
  }

  close(): void {
    clearInterval(this.timer);
  }
}
