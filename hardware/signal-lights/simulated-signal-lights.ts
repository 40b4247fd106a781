import type { LightsState } from '../../core/index.js';
import { Listeners } from '../common/listeners.js';
import type { Buzzer, SignalLights } from './signal-lights.js';
import type { BuzzerPatternName, LightPattern } from './signal-patterns.js';

const OFF: LightsState = { color: 'off', blinking: false };

/** Lights without a device: keeps the state the real tower would show and a history for tests and the screen. */
export class SimulatedSignalLights implements SignalLights {
  private current: LightsState = OFF;
  private timer: NodeJS.Timeout | undefined;
  private readonly changes = new Listeners<LightsState>();
  readonly history: LightsState[] = [];

  show(pattern: LightPattern): void {
    this.set({ color: pattern.color, blinking: pattern.blink !== undefined });
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.set(OFF), pattern.durationMs);
    this.timer.unref();
  }

  off(): void {
    clearTimeout(this.timer);
    this.set(OFF);
  }

  state(): LightsState {
    return this.current;
  }

  onChange(listener: (state: LightsState) => void): () => void {
    return this.changes.add(listener);
  }

  close(): void {
    this.off();
  }

  private set(state: LightsState): void {
    this.current = state;
    this.history.push(state);
    if (this.history.length > 1000) this.history.splice(0, this.history.length - 1000);
    this.changes.emit(state);
  }
}

export class SimulatedBuzzer implements Buzzer {
  readonly played: BuzzerPatternName[] = [];

  play(pattern: BuzzerPatternName): void {
    this.played.push(pattern);
    if (this.played.length > 1000) this.played.splice(0, this.played.length - 1000);
  }

  close(): void {}
}
