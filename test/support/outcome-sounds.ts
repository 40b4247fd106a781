/**
 * Listens to the guard screen's WebAudio from inside the page: every oscillator started is recorded with its wave
 * and frequency, so a test can tell which outcome sound played (renderer/audio/outcome-sound.ts) without a speaker.
 */
import type { Page } from 'playwright-core';
import { OUTCOME_TONES } from '../../renderer/audio/outcome-sound.js';

const LOG = '__gateTestTones';

/** Must run before the page is opened (an init script). */
export async function recordOutcomeSounds(page: Page): Promise<void> {
  await page.addInitScript((name) => {
    const w = window as unknown as Record<string, unknown>;
    const log: string[] = [];
    w[name] = log;
    const start = OscillatorNode.prototype.start;
    OscillatorNode.prototype.start = function (this: OscillatorNode, when?: number) {
      log.push(`${this.type}:${this.frequency.value}`);
      start.call(this, when);
    };
  }, LOG);
}

/** The tones started so far, as "wave:frequency", and clears the log. */
export async function takeTones(page: Page): Promise<string[]> {
  return page.evaluate((name) => {
    const log = (window as unknown as Record<string, string[]>)[name] ?? [];
    return log.splice(0);
  }, LOG);
}

/** The tones an outcome's sound consists of, in the same notation. */
export function tonesOf(outcome: keyof typeof OUTCOME_TONES): string[] {
  return OUTCOME_TONES[outcome].map((t) => `${t.wave}:${t.frequencyHz}`);
}

/**
 * Waits until as many tones as `outcome`'s sound has were started, and returns everything started meanwhile (the
 * caller compares). No time limit of its own: the test's timeout bounds the wait.
 */
export async function expectSound(page: Page, outcome: keyof typeof OUTCOME_TONES): Promise<string[]> {
  const expected = tonesOf(outcome);
  const heard: string[] = [];
  for (;;) {
    heard.push(...(await takeTones(page)));
    if (heard.length >= expected.length) return heard;
    await page.waitForTimeout(25); // poll interval
  }
}

/** Waits until the last tones started are `outcome`'s sound (an earlier result's sound has played out), clearing the log. */
export async function untilSoundPlayed(page: Page, outcome: keyof typeof OUTCOME_TONES): Promise<void> {
  const expected = tonesOf(outcome).join(' ');
  const heard: string[] = [];
  for (;;) {
    heard.push(...(await takeTones(page)));
    if (heard.slice(-tonesOf(outcome).length).join(' ') === expected) return;
    await page.waitForTimeout(25); // poll interval
  }
}
