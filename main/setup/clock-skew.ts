/**
 * How far this terminal's clock is from the hub's, measured once around enrolment with the hub's unsigned time
 * endpoint (midpoint of the exchange, as the sync worker's hub clock does). A clock far off means declarations look
 * expired or not yet valid at the door: setup says so instead of leaving it to the first scans.
 */
import { HUB_PATHS } from '../../core/contract/hub-protocol.js';
import type { HostClock } from '../platform/clock.js';

/** Hub time minus local time in ms, or undefined when the hub could not be asked. */
export async function measureClockSkew(hubUrl: string, clock: HostClock, timeoutMs: number): Promise<number | undefined> {
  try {
    const sent = clock.wallNow();
    const response = await fetch(hubUrl.replace(/\/$/, '') + HUB_PATHS.time, { signal: AbortSignal.timeout(timeoutMs) });
    const received = clock.wallNow();
    if (!response.ok) return undefined;
    const { hubTime } = (await response.json()) as { hubTime: number };
    return Number.isFinite(hubTime) ? Math.round(hubTime - (sent + received) / 2) : undefined;
  } catch {
    return undefined;
  }
}
