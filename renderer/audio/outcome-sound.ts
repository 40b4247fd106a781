/**
 * One sound per outcome, synthesised with WebAudio (no audio files, no network): admit = two short rising tones,
 * review = three mid tones, deny = two long low square buzzes. Distinct in rhythm and pitch, so a guard who is not
 * looking (and a colour-blind one) hears which it was. Failures to play are ignored: the screen still shows it.
 */
import type { Outcome } from '../../core/index.js';

export interface Tone {
  readonly frequencyHz: number;
  readonly startMs: number;
  readonly durationMs: number;
  readonly wave: OscillatorType;
}

function tones(frequencies: readonly number[], durationMs: number, gapMs: number, wave: OscillatorType): Tone[] {
  return frequencies.map((frequencyHz, i) => ({ frequencyHz, startMs: i * (durationMs + gapMs), durationMs, wave }));
}

export const OUTCOME_TONES: Readonly<Record<Outcome | 'error', readonly Tone[]>> = {
  admit: tones([880, 1320], 120, 40, 'sine'),
  review: tones([660, 660, 660], 140, 90, 'triangle'),
  deny: tones([220, 220], 420, 120, 'square'),
  error: tones([440, 330, 220], 200, 60, 'square'),
};

const VOLUME = 0.25;

export class OutcomeSound {
  private context: AudioContext | undefined;

  play(outcome: Outcome | 'error'): void {
    try {
      this.context ??= new AudioContext();
      const ctx = this.context;
      if (ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
      const start = ctx.currentTime + 0.02;
      for (const tone of OUTCOME_TONES[outcome]) {
        const oscillator = ctx.createOscillator();
        const gain = ctx.createGain();
        oscillator.type = tone.wave;
        oscillator.frequency.value = tone.frequencyHz;
        const at = start + tone.startMs / 1000;
        const end = at + tone.durationMs / 1000;
        // Short ramps in and out: no clicks.
        gain.gain.setValueAtTime(0, at);
        gain.gain.linearRampToValueAtTime(VOLUME, at + 0.01);
        gain.gain.setValueAtTime(VOLUME, end - 0.015);
        gain.gain.linearRampToValueAtTime(0, end);
        oscillator.connect(gain).connect(ctx.destination);
        oscillator.start(at);
        oscillator.stop(end + 0.01);
      }
    } catch {
      // No audio device or blocked by the autoplay policy: the result is still on screen and on the lights.
    }
  }
}
