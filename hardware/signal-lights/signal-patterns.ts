/**
 * What each outcome looks and sounds like at the door, as data: drivers play patterns, they do not decide them.
 * Colour is never the only signal: the screen also shows an icon and a word, and the buzzer differs per outcome.
 */
import type { LightColor, Outcome } from '../../core/index.js';

export interface LightPattern {
  readonly color: LightColor;
  /** Absent = steady. */
  readonly blink?: { readonly onMs: number; readonly offMs: number };
  /** After this the lights return to idle (off). */
  readonly durationMs: number;
}

export interface Tone {
  readonly frequencyHz: number;
  readonly durationMs: number;
  readonly pauseMs: number;
}

export type BuzzerPatternName = Outcome;

export const LIGHT_PATTERNS: Readonly<Record<Outcome, LightPattern>> = {
  admit: { color: 'green', durationMs: 2000 },
  deny: { color: 'red', blink: { onMs: 250, offMs: 250 }, durationMs: 3000 },
  review: { color: 'amber', blink: { onMs: 500, offMs: 500 }, durationMs: 4000 },
};

export const BUZZER_PATTERNS: Readonly<Record<BuzzerPatternName, readonly Tone[]>> = {
  admit: [{ frequencyHz: 1760, durationMs: 120, pauseMs: 0 }],
  deny: [
    { frequencyHz: 440, durationMs: 180, pauseMs: 90 },
    { frequencyHz: 440, durationMs: 180, pauseMs: 90 },
    { frequencyHz: 440, durationMs: 180, pauseMs: 0 },
  ],
  review: [
    { frequencyHz: 880, durationMs: 150, pauseMs: 120 },
    { frequencyHz: 660, durationMs: 250, pauseMs: 0 },
  ],
};
