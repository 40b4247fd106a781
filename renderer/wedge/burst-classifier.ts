/**
 * Scanner or person? A keyboard-wedge scanner types a whole code in one burst at a machine's pace — a key every 1–20 ms,
 * up to ~80 ms for slow scanners — and never uses auto-repeat or an input method. A person types at 100 ms or more
 * per key, unevenly, and a Vietnamese input method (Telex / VNI through IBus, Fcitx or Unikey) shows up as
 * `Process` keys, composition, or characters without a physical key. Pure: the decoder feeds it what it saw.
 */

export interface BurstKey {
  readonly timeStamp: number;
  readonly repeat?: boolean;
  /** An input method handled the key (`key === 'Process'`, `isComposing`, or no `code`). */
  readonly ime?: boolean;
}

export interface BurstClassifierOptions {
  /** A burst whose median pause between keys is longer than this is typing, not a scan. Default 95 ms. */
  readonly maxScannerMedianGapMs?: number;
}

export type BurstVerdict = { readonly kind: 'scanner' } | { readonly kind: 'human'; readonly why: string };

export const DEFAULT_MAX_SCANNER_MEDIAN_GAP_MS = 95;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Classifies the keys of one burst, the terminator included. */
export function classifyBurst(keys: readonly BurstKey[], options: BurstClassifierOptions = {}): BurstVerdict {
  if (keys.some((k) => k.repeat)) return { kind: 'human', why: 'a key was held down (auto-repeat)' };
  if (keys.some((k) => k.ime)) return { kind: 'human', why: 'typed through an input method' };
  if (keys.length < 2) return { kind: 'scanner' };
  const gaps = keys.slice(1).map((k, i) => k.timeStamp - keys[i]!.timeStamp);
  const limit = options.maxScannerMedianGapMs ?? DEFAULT_MAX_SCANNER_MEDIAN_GAP_MS;
  const typical = median(gaps);
  if (typical > limit) return { kind: 'human', why: `typed at ${Math.round(typical)} ms per key (a scanner types faster than ${limit} ms)` };
  return { kind: 'scanner' };
}
