/** SignalLights: the red / amber / green tower (or LED ring) at the door. Buzzer: the sounder beside it. */
import type { LightsState } from '../../core/index.js';
import type { BuzzerPatternName, LightPattern } from './signal-patterns.js';

export interface SignalLights {
  /** Shows the pattern now, replacing any running one; returns to off after `pattern.durationMs`. */
  show(pattern: LightPattern): void;
  off(): void;
  state(): LightsState;
  onChange(listener: (state: LightsState) => void): () => void;
  /** Driver faults (a GPIO line that could not be set); the self-test reports them. Simulated lights have none. */
  onFault?(listener: (error: Error) => void): () => void;
  close(): void;
}

export interface Buzzer {
  play(pattern: BuzzerPatternName): void;
  onFault?(listener: (error: Error) => void): () => void;
  close(): void;
}
