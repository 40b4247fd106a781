/**
 * The signal tower and sounder on GPIO lines (through relays or transistor stages). What to show is data
 * (signal-patterns.ts); these drivers only switch lines: one lamp per colour, blinking by timer, and an active
 * buzzer switched on and off per tone. An active buzzer has one pitch of its own, so a tone's frequency is ignored;
 * the rhythm (durations and pauses) is what tells admit, deny and review apart.
 */
import type { LightColor, LightsState } from '../../core/index.js';
import { Listeners } from '../common/listeners.js';
import type { GpioLine } from '../gpio/gpio-line.js';
import type { Buzzer, SignalLights } from './signal-lights.js';
import { BUZZER_PATTERNS, type BuzzerPatternName, type LightPattern, type Tone } from './signal-patterns.js';

export interface LightLines {
  readonly red: GpioLine;
  readonly amber: GpioLine;
  readonly green: GpioLine;
}

const OFF: LightsState = { color: 'off', blinking: false };
const COLORS = ['red', 'amber', 'green'] as const;

export class GpioSignalLights implements SignalLights {
  private current: LightsState = OFF;
  private endTimer: NodeJS.Timeout | undefined;
  private blinkTimer: NodeJS.Timeout | undefined;
  private readonly changes = new Listeners<LightsState>();

  constructor(private readonly lines: LightLines) {}

  show(pattern: LightPattern): void {
    this.stopTimers();
    for (const color of COLORS) if (color !== pattern.color) this.lines[color].write(0);
    if (pattern.color !== 'off') this.run(pattern.color, pattern);
    this.set({ color: pattern.color, blinking: pattern.blink !== undefined });
    this.endTimer = setTimeout(() => this.off(), pattern.durationMs);
    this.endTimer.unref();
  }

  off(): void {
    this.stopTimers();
    for (const color of COLORS) this.lines[color].write(0);
    this.set(OFF);
  }

  state(): LightsState {
    return this.current;
  }

  onChange(listener: (state: LightsState) => void): () => void {
    return this.changes.add(listener);
  }

  onFault(listener: (error: Error) => void): () => void {
    const offs = COLORS.map((color) => this.lines[color].onError(listener));
    return () => offs.forEach((off) => off());
  }

  close(): void {
    this.stopTimers();
    for (const color of COLORS) this.lines[color].close();
    this.set(OFF);
  }

  private run(color: Exclude<LightColor, 'off'>, pattern: LightPattern): void {
    const line = this.lines[color];
    line.write(1);
    const blink = pattern.blink;
    if (!blink) return;
    let lit = true;
    const toggle = () => {
      lit = !lit;
      line.write(lit ? 1 : 0);
      this.blinkTimer = setTimeout(toggle, lit ? blink.onMs : blink.offMs);
      this.blinkTimer.unref();
    };
    this.blinkTimer = setTimeout(toggle, blink.onMs);
    this.blinkTimer.unref();
  }

  private stopTimers(): void {
    clearTimeout(this.endTimer);
    clearTimeout(this.blinkTimer);
  }

  private set(state: LightsState): void {
    if (state.color === this.current.color && state.blinking === this.current.blinking) return;
    this.current = state;
    this.changes.emit(state);
  }
}

export class GpioBuzzer implements Buzzer {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly line: GpioLine,
    private readonly patterns: Readonly<Record<BuzzerPatternName, readonly Tone[]>> = BUZZER_PATTERNS,
  ) {}

  /** Plays the pattern's tones, interrupting any pattern still sounding. */
  play(pattern: BuzzerPatternName): void {
    clearTimeout(this.timer);
    this.sound(this.patterns[pattern], 0);
  }

  onFault(listener: (error: Error) => void): () => void {
    return this.line.onError(listener);
  }

  close(): void {
    clearTimeout(this.timer);
    this.line.close();
  }

  private sound(tones: readonly Tone[], index: number): void {
    const tone = tones[index];
    if (!tone) {
      this.line.write(0);
      return;
    }
    this.line.write(1);
    this.timer = setTimeout(() => {
      this.line.write(0);
      this.timer = setTimeout(() => this.sound(tones, index + 1), tone.pauseMs);
      this.timer.unref();
    }, tone.durationMs);
    this.timer.unref();
  }
}
