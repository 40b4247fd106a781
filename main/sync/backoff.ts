/**
 * Exponential backoff with full jitter (a uniformly random wait between 0 and min(cap, base·2^attempt)): terminals
 * that lost the hub together do not come back in lock-step and flatten it when it returns.
 */
export interface BackoffSettings {
  readonly baseMs: number;
  readonly capMs: number;
}

export function fullJitterDelay(attempt: number, settings: BackoffSettings, random: () => number = Math.random): number {
  const ceiling = Math.min(settings.capMs, settings.baseMs * 2 ** Math.min(Math.max(attempt - 1, 0), 30));
  return Math.floor(random() * ceiling);
}
